"""Small helpers shared by factx's modules."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from typing import Any


# itertools.batched does this from Python 3.12 on (yielding tuples); factx supports 3.10.
def batched(items: Iterable[Any], n: int) -> Iterator[list[Any]]:
    """Lists of ``n`` items (at least one) from ``items`` in order; the last may be shorter."""
    it = iter(items)
    while chunk := list(itertools.islice(it, max(1, n))):
        yield chunk
