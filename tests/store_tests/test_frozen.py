"""The store's records (msgspec Structs, store/frozen.py) compare, show and refuse changes exactly
as `@dataclass(frozen=True)` would, and hash alike: checked against a plain frozen dataclass with
the same fields, on the seed's own records."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path
from typing import Any

import msgspec
import pytest

from store import Change, Frozen, Repository, record_fields
from store.history_file import Head
from store.model import Action, Meeting, Snapshot, Target
from store.planning import Plan


def _twin(record: Any) -> Any:
    """The same values in a plain frozen dataclass of the same name and fields."""
    cls = type(record)
    plain = dataclasses.make_dataclass(cls.__name__, record_fields(record), frozen=True)
    plain.__qualname__ = cls.__qualname__
    return plain(**{name: getattr(record, name) for name in record_fields(record)})


def _hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def _records(repo: Repository) -> list[Any]:
    state = repo.state()
    change = Change("bids", "1", "2005/06", 350, 400, 2, parts=(Change("bids", "1", "x", 1, 2, 2),))
    return [
        state,
        *state.components,
        *state.components[4].parts,
        *state.bids,
        *state.implications,
        *state.recommendations,
        Target.parse("mid-Nov 2004"),
        Action(1, "Report back", "ICT", "2004-11-30"),
        Meeting(1, "2004-11-01", "Board", ("A", "B"), (), "2004-11-01T10:00:00Z", "me", 3),
        Snapshot("2004-11-01T10:00:00Z", "me", 3, ("md", "json")),
        change,
        Head(3, "ab" * 32, 900),
        Plan(("bids", "4", "priority"), (change,)),
    ]


def test_every_record_is_a_frozen_struct(repo: Repository) -> None:
    for record in _records(repo):
        assert isinstance(record, Frozen)
        assert type(record).__struct_config__.frozen


def test_records_show_and_hash_as_a_plain_dataclass(repo: Repository) -> None:
    for record in _records(repo):
        twin = _twin(record)
        assert repr(record) == repr(twin)
        assert _hashable(record) == _hashable(twin)  # unhashable where a field holds a dict
        if _hashable(record):
            assert hash(record) == hash(msgspec.structs.replace(record))
        assert msgspec.structs.asdict(record) == {
            f.name: getattr(twin, f.name) for f in dataclasses.fields(twin)
        }


def test_records_compare_by_class_and_every_field(repo: Repository) -> None:
    for record in _records(repo):
        assert record == msgspec.structs.replace(record)
        assert record != _twin(record)  # another class, as with dataclasses
        assert record != "not a record"
        for name in record_fields(record):
            other = msgspec.structs.replace(record, **{name: _different(getattr(record, name))})
            assert record != other, name
            assert _twin(record) != _twin(other)


def _different(value: Any) -> Any:
    if isinstance(value, str):
        return value + "!"
    if isinstance(value, tuple):
        return (*value, "x")
    if isinstance(value, dict):
        return {**value, "x": 1}
    if value is None:
        return 0
    if callable(value):
        return lambda *args: value(*args)
    return value + 1


def test_records_refuse_changes(repo: Repository) -> None:
    bid = repo.state().bids[0]
    with pytest.raises(AttributeError, match="immutable type: 'Bid'"):
        bid.note = "changed"  # type: ignore[misc]
    with pytest.raises(AttributeError, match="immutable type: 'Bid'"):
        del bid.note  # type: ignore[misc]
    assert bid.note == repo.state().bids[0].note


def test_a_record_that_holds_itself_is_shown_without_recursing() -> None:
    parts: list[Any] = []
    change = Change("bids", "1", "note", parts, "new", 1)
    parts.append(change)
    assert repr(change) == (
        "Change(table='bids', record='1', field='note', old=[...], new='new', revision=1, "
        "action='set', parts=())"
    )


def test_a_command_loads_msgspec_without_typing_extensions() -> None:
    """frozen.py imports msgspec as where typing_extensions is absent (a command has no other
    use for it); msgspec then takes its type hints from typing, and reads records by type."""
    code = """if True:
        import sys
        import store, msgspec
        from store.history_file import Head
        assert "typing_extensions" not in sys.modules, "typing_extensions was loaded"
        head = msgspec.json.decode(b'{"lines": 2, "digest": "ab", "size": 9}', type=Head)
        assert head == Head(2, "ab", 9) and store.record_fields(head) == ("lines", "digest", "size")
        assert [f.name for f in msgspec.structs.fields(Head)] == ["lines", "digest", "size"]
        import typing_extensions  # still importable by what comes after (Textual)
        print("ok")
    """
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=Path(__file__).parent
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout == "ok\n"
