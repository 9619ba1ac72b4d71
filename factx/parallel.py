"""Whole extractions in worker processes, results in input order: ``Extractor.pipe``
with ``n_process > 1``.

Each worker gets the ``Extractor`` once: forked from a parent that has loaded the model and
compiled the patterns (shared copy-on-write), or, where fork is not available, pickled as
its settings and model name and loading the model itself; batches go out and their
results, plain picklable data, come back. At most ``IN_FLIGHT_PER_PROCESS * n_process``
batches are in flight, so memory stays flat however long the input is.
"""

from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from .api import Extractor

T = TypeVar("T")
R = TypeVar("R")

IN_FLIGHT_PER_PROCESS = 2
# "fork" where the platform has it: workers share the parent's loaded model and compiled
# patterns copy-on-write and start at once; elsewhere "spawn", each worker loading its own.
START_METHOD = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"

# In a worker process: the extractor of the pool it serves, given once by the pool's
# initializer rather than pickled with every batch.
_worker: Extractor | None = None


def _prepare(extractor: Extractor) -> None:
    """Load the model and compile the patterns before forking, so workers inherit them."""
    if START_METHOD == "fork":
        extractor.facts  # noqa: B018 - loads the model too


def _exit_with_parent() -> None:
    """Exit this worker when the parent process dies, even by SIGKILL, instead of lingering."""
    parent = multiprocessing.parent_process()
    if parent is not None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(1)


def _init(extractor: Extractor) -> None:
    global _worker
    _worker = extractor
    if START_METHOD == "fork":
        # The inherited model and patterns live as long as the worker: out of the collector's
        # reach, no full collection walks them (about 50 ms each with the small model) or
        # writes to their pages, which would copy what the fork shares.
        gc.freeze()
    # A forked worker inherits the CLI's SIGTERM handler, which unwinds the parent's run;
    # a worker told to stop (by the pool, or a scheduler signalling the group) just exits.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    threading.Thread(target=_exit_with_parent, name="factx-parent-watch", daemon=True).start()


def _call(fn: Callable[[Extractor, list[T]], R], batch: list[T]) -> R:
    assert _worker is not None, "worker not initialized"
    return fn(_worker, batch)


def map_batches(
    extractor: Extractor,
    fn: Callable[[Extractor, list[T]], R],
    batches: Iterable[list[T]],
    *,
    n_process: int,
) -> Iterator[R]:
    """``fn(worker_extractor, batch)`` for each batch in ``n_process`` worker processes,
    yielding the results in input order with at most ``IN_FLIGHT_PER_PROCESS * n_process``
    batches in flight. ``fn`` must be picklable (a module-level function, or a
    ``functools.partial`` of one); an exception it raises is raised here. Leaving the
    iterator early cancels the batches not yet started. A worker exits when this process
    dies, however it dies."""
    _prepare(extractor)
    ctx = multiprocessing.get_context(START_METHOD)
    pool = ProcessPoolExecutor(n_process, mp_context=ctx, initializer=_init, initargs=(extractor,))
    try:
        pending: deque[Future[R]] = deque()
        for batch in batches:
            pending.append(pool.submit(_call, fn, batch))
            if len(pending) >= IN_FLIGHT_PER_PROCESS * n_process:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
