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

import sys

# msgspec takes `get_type_hints`, `Required` and `NotRequired` from typing_extensions when it is
# installed (Textual brings it) and from typing otherwise, whose own serve Python 3.11 and later.
# A command (`board set`, `board show`) has no other use for typing_extensions, and loading it
# was 10 M of the 256 M instructions of `board set` (item 5f; 256.3 -> 246.6 M). So msgspec is
# imported here as where typing_extensions is absent, unless something loaded it already (the
# console does, with Textual). This module is the store's first to import msgspec
# (tests/store_tests/test_frozen.py checks that a command leaves typing_extensions unloaded).
_UNLOADED = "typing_extensions" not in sys.modules
if _UNLOADED:
    sys.modules["typing_extensions"] = None  # type: ignore[assignment]  # import raises
try:
    import msgspec
except ImportError:  # a msgspec that needs typing_extensions after all: import it as it is
    if _UNLOADED:
        del sys.modules["typing_extensions"]
        _UNLOADED = False
    import msgspec
finally:
    if _UNLOADED:
        del sys.modules["typing_extensions"]


class Frozen(msgspec.Struct, frozen=True):
    """Base of every store record: subclasses declare their fields as a dataclass would."""


def record_fields(record: Frozen) -> tuple[str, ...]:
    """The record's field names, in their declared order."""
    return record.__struct_fields__
