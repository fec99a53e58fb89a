"""`Frozen`: the base of the store's records, a frozen msgspec `Struct`.

`@dataclass(frozen=True)` writes `__init__`, `__setattr__` and `__delattr__` for every class as
source text and compiles each (`exec`): 0.6-0.7 ms a class, ~11 ms for the sixteen records the
console's first screen and every command load, each time they start. A `Struct` class is made in
C (~25 µs), its instances are built ~9x faster and have no `__dict__`, and it compares, hashes,
shows and refuses changes as a frozen dataclass does: equal only to an instance of the very same
class with equal fields, hashed on the fields (a field holding a dict makes it unhashable), shown
as `Name(field=value, ...)`, and assigning or deleting a field raises AttributeError.

Each record says `frozen=True` again (msgspec inherits it; mypy's dataclass rules want it said),
and one that caches derived values (`functools.cached_property`) declares `dict=True`.
"""

from __future__ import annotations

import msgspec


class Frozen(msgspec.Struct, frozen=True):
    """Base of every store record: subclasses declare their fields as a dataclass would."""


def record_fields(record: Frozen) -> tuple[str, ...]:
    """The record's field names, in their declared order."""
    return record.__struct_fields__
