"""`Frozen`: the comparison, hash and repr of the store's frozen dataclasses, written once.

`@dataclass(frozen=True)` writes six methods for every class as source text and compiles each one
(`exec`): ~0.8 ms a class, ~9 ms for the model's eleven, at the start of every command and console.
Its `__eq__`, `__hash__` and `__repr__` are the same for every class but for the field names, so
the store's records declare `@dataclass(frozen=True, eq=False, repr=False)` and take these,
which do what the generated ones do: compare and hash the fields' values as a tuple (only with
an instance of the very same class), show `Name(field=value, ...)`. Only `__init__` and the
frozen `__setattr__`/`__delattr__` are still compiled per class.
"""

from __future__ import annotations

import dataclasses
import reprlib
from operator import attrgetter
from typing import Any

_Getter = Any  # attrgetter of the compared fields, always giving a tuple
# Per class, made on first use (a dict: mypy takes a class with __hash__ as unhashable).
_COMPARED: dict[type, _Getter] = {}
_HASHED: dict[type, _Getter] = {}
_SHOWN: dict[type, tuple[str, ...]] = {}


class Frozen:
    """Base of a `@dataclass(frozen=True, eq=False, repr=False)`: equal when the class and every
    field are equal, hashed on the fields (a field holding a dict makes it unhashable, as with a
    dataclass), shown as the dataclass would show it."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        key = _compared(self.__class__)
        return bool(key(self) == key(other))

    def __hash__(self) -> int:
        return hash(_hashed(self.__class__)(self))

    @reprlib.recursive_repr()
    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in _shown(self.__class__))
        return f"{self.__class__.__qualname__}({shown})"


def _compared(cls: type) -> _Getter:
    """The fields a dataclass compares (worked out once per class)."""
    key = _COMPARED.get(cls)
    if key is None:
        key = _COMPARED[cls] = _getter([f.name for f in dataclasses.fields(cls) if f.compare])
    return key


def _hashed(cls: type) -> _Getter:
    """The fields a dataclass hashes: those compared, unless a field says otherwise."""
    key = _HASHED.get(cls)
    if key is None:
        fields = dataclasses.fields(cls)
        names = [f.name for f in fields if (f.compare if f.hash is None else f.hash)]
        key = _HASHED[cls] = _getter(names)
    return key


def _shown(cls: type) -> tuple[str, ...]:
    names = _SHOWN.get(cls)
    if names is None:
        names = _SHOWN[cls] = tuple(f.name for f in dataclasses.fields(cls) if f.repr)
    return names


def _getter(names: list[str]) -> _Getter:
    if len(names) == 1:  # attrgetter of one name gives the value, not a tuple
        single = attrgetter(names[0])
        return lambda obj: (single(obj),)
    return attrgetter(*names) if names else (lambda obj: ())
