"""Whole extractions in worker processes, results in input order.

Each worker receives the ``Extractor`` once (its settings and model name, not the loaded
model) and loads the model itself; batches of texts go out and ``Extraction`` objects,
plain picklable data, come back. At most ``2 * n_process`` batches are in flight, so
memory stays flat however long the input is.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TYPE_CHECKING

from .types import Extraction

if TYPE_CHECKING:
    from .api import Extractor

_worker: Extractor | None = None
IN_FLIGHT_PER_PROCESS = 2


def _init(extractor: Extractor) -> None:
    global _worker
    _worker = extractor


def _run(texts: list[str], reference_date: dt.date | None) -> list[Extraction]:
    assert _worker is not None, "worker not initialized"
    return list(_worker.pipe(texts, reference_date=reference_date, batch_size=len(texts)))


def pipe_parallel(
    extractor: Extractor,
    texts: Iterable[str],
    *,
    reference_date: dt.date | None,
    batch_size: int,
    n_process: int,
) -> Iterator[Extraction]:
    from .api import _batched

    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(n_process, mp_context=ctx, initializer=_init, initargs=(extractor,)) as pool:
        pending: deque[Future[list[Extraction]]] = deque()
        for chunk in _batched(texts, batch_size):
            pending.append(pool.submit(_run, chunk, reference_date))
            if len(pending) >= IN_FLIGHT_PER_PROCESS * n_process:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
