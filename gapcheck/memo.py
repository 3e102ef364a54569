"""What a re-run on the same laws need not work out again (an override changed, the benchmark).

A value is remembered for a set of objects (documents, provisions) by their identity, for the last
few sets only: a matrix of countries moves on. The objects are kept with the value, so their ids
are not reused by others while it is remembered.
"""

from __future__ import annotations

from typing import Callable, TypeVar

T = TypeVar("T")


def remembered(store: dict, objects: list, make: Callable[[], T], keep: int, tag=None) -> T:
    """The value `store` holds for these very `objects` (and `tag`), else `make()`, remembered; the
    store keeps the `keep` most recently asked for."""
    key = (tag, tuple(map(id, objects)))
    hit = store.pop(key, None)
    if hit is None or any(a is not b for a, b in zip(hit[0], objects)):
        hit = (list(objects), make())
    store[key] = hit                 # the most recent last
    while len(store) > keep:
        del store[next(iter(store))]
    return hit[1]
