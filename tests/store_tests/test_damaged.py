"""Damaged, newer and older stores: refused untouched with one line naming the file, or migrated."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from store import SCHEMA_VERSION, Repository, StoreDamaged, StoreTooNew, history_path

from .procs import finish, go, start


def seeded(store_path: Path) -> dict[str, Any]:
    Repository.open(store_path)
    return json.loads(store_path.read_text(encoding="utf-8"))


def with_field(data: dict[str, Any], table: str, record: str, field: str, value: Any) -> bytes:
    doc = data[table][record]
    (doc["amounts"] if field == "2005/06" else doc)[field] = value
    return json.dumps(data).encode()


def damage(kind: str, data: dict[str, Any]) -> bytes:
    if kind == "not JSON":
        return b'{"components": {"1": {"title": '
    if kind == "JSON array":
        return b"[1, 2, 3]"
    if kind == "missing _meta":
        return json.dumps({k: v for k, v in data.items() if k != "_meta"}).encode()
    if kind == "schema 0":
        data["_meta"]["1"]["schema_version"] = 0
        return json.dumps(data).encode()
    if kind == "status done":
        return with_field(data, "components", "2", "status", "done")
    if kind == "amount -5":
        return with_field(data, "bids", "1", "2005/06", -5)
    if kind == "amount abc":
        return with_field(data, "bids", "1", "2005/06", "abc")
    raise AssertionError(kind)


CASES = {
    "not JSON": "not valid JSON",
    "JSON array": "not a board store",
    "missing _meta": "missing its _meta record",
    "schema 0": "no valid schema version",
    "status done": "components 2: status: 'done' is not one of",
    "amount -5": "bids 1: 2005/06: -5 is outside",
    "amount abc": "bids 1: 2005/06: 'abc' is not a whole",
}


@pytest.mark.parametrize("kind", CASES)
@pytest.mark.parametrize("read_only", [False, True])
def test_damaged_store_is_refused_untouched(store_path: Path, kind: str, read_only: bool) -> None:
    raw = damage(kind, seeded(store_path))
    store_path.write_bytes(raw)
    with pytest.raises(StoreDamaged) as err:
        Repository.open(store_path, read_only=read_only)
    message = str(err.value)
    assert "\n" not in message and message.startswith(f"{store_path}: ")
    assert CASES[kind] in message
    assert store_path.read_bytes() == raw


def test_newer_store_is_refused_untouched(store_path: Path) -> None:
    data = seeded(store_path)
    data["_meta"]["1"]["schema_version"] = 99
    raw = json.dumps(data).encode()
    store_path.write_bytes(raw)
    with pytest.raises(StoreTooNew) as err:
        Repository.open(store_path)
    assert str(err.value).startswith(f"{store_path}: written by a newer version (schema 99;")
    assert "\n" not in str(err.value)
    assert store_path.read_bytes() == raw


def test_an_open_console_never_overwrites_a_file_damaged_under_it(store_path: Path) -> None:
    repo = Repository.open(store_path)
    store_path.write_bytes(b"garbage")
    with pytest.raises(StoreDamaged, match="not valid JSON"):
        repo.set_field("bids", "1", "status", "approved")
    assert store_path.read_bytes() == b"garbage"
    assert not history_path(store_path).exists()


def schema1(data: dict[str, Any]) -> dict[str, Any]:
    """The same board as schema 1 wrote it: history as a table inside the file."""
    data["_meta"]["1"].update(schema_version=1, revision=2)
    data["bids"]["1"]["status"] = "approved"
    data["history"] = {
        "1": entry(1, "proposed", "recommended"),
        "2": entry(2, "recommended", "approved"),
    }
    return data


def entry(rev: int, old: str, new: str) -> dict[str, Any]:
    return {
        "rev": rev,
        "at": f"2004-10-18T10:0{rev}:00.000000Z",
        "who": "clerk@old",
        "table": "bids",
        "id": "1",
        "field": "status",
        "old": old,
        "new": new,
        "action": "set",
    }


def test_schema1_store_is_migrated_with_a_backup_and_its_history_moved(store_path: Path) -> None:
    raw = json.dumps(schema1(seeded(store_path))).encode()
    store_path.write_bytes(raw)
    assert not history_path(store_path).exists()
    repo = Repository.open(store_path)
    backup = store_path.with_name("board.json.schema1.bak")
    assert backup.read_bytes() == raw
    data = json.loads(store_path.read_text(encoding="utf-8"))
    assert "history" not in data and data["_meta"]["1"]["schema_version"] == SCHEMA_VERSION
    assert [(e.revision, e.new, e.who) for e in repo.history()] == [
        (2, "approved", "clerk@old"),
        (1, "recommended", "clerk@old"),
    ]
    assert repo.check() == []
    repo.set_field("bids", "1", "status", "reserve")
    assert [e.revision for e in repo.history()] == [3, 2, 1]
    assert Repository.open(store_path).history()[0].old == "approved"


def test_migration_runs_once_even_when_opened_again(store_path: Path) -> None:
    store_path.write_bytes(json.dumps(schema1(seeded(store_path))).encode())
    assert not history_path(store_path).exists()
    Repository.open(store_path)
    Repository.open(store_path)
    assert len(Repository.open(store_path).history()) == 2


def test_schema1_store_with_a_damaged_history_table_is_refused(store_path: Path) -> None:
    data = schema1(seeded(store_path))
    data["history"]["x"] = entry(3, "approved", "reserve")
    raw = json.dumps(data).encode()
    store_path.write_bytes(raw)
    with pytest.raises(StoreDamaged, match="schema 1 data cannot be upgraded") as err:
        Repository.open(store_path)
    assert "\n" not in str(err.value)
    assert store_path.read_bytes() == raw


def test_damaged_schema1_store_is_refused_before_migrating(store_path: Path) -> None:
    data = schema1(seeded(store_path))
    data["bids"]["2"]["status"] = "done"
    raw = json.dumps(data).encode()
    store_path.write_bytes(raw)
    with pytest.raises(StoreDamaged, match="bids 2: status: 'done'"):
        Repository.open(store_path)
    assert store_path.read_bytes() == raw
    assert not store_path.with_name("board.json.schema1.bak").exists()


def test_history_left_without_its_store_is_set_aside_not_mixed_in(store_path: Path) -> None:
    repo = Repository.open(store_path)
    repo.set_field("bids", "1", "note", "old store")
    store_path.unlink()
    fresh = Repository.open(store_path)
    fresh.set_field("bids", "2", "note", "new store")
    assert [e.new for e in fresh.history()] == ["new store"]
    [aside] = store_path.parent.glob("board.json.history.jsonl.orphaned-*")
    assert b"old store" in aside.read_bytes()


def test_processes_opening_an_old_store_at_once_migrate_it_once(store_path: Path) -> None:
    raw = json.dumps(schema1(seeded(store_path))).encode()
    store_path.write_bytes(raw)
    procs = [start("open-edit", store_path, f"p{n}@test") for n in range(3)]
    go(procs)
    for proc in procs:
        assert finish(proc) == [0]
    repo = Repository.open(store_path)
    history = repo.history()
    assert sorted(e.revision for e in history) == [1, 2, 3, 4, 5]
    assert [e.new for e in history if e.who == "clerk@old"] == ["approved", "recommended"]
    assert store_path.with_name("board.json.schema1.bak").read_bytes() == raw
    assert repo.check() == []


def test_a_migration_cut_off_before_the_store_is_replaced_runs_again_cleanly(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = json.dumps(schema1(seeded(store_path))).encode()
    store_path.write_bytes(raw)

    def killed(self: object, data: object) -> bytes:
        raise KeyboardInterrupt  # the process dies after the history file, before the store

    monkeypatch.setattr("store.storage.LockedJSONStorage.replace", killed)
    with pytest.raises(KeyboardInterrupt):
        Repository.open(store_path)
    monkeypatch.undo()
    assert store_path.read_bytes() == raw and history_path(store_path).exists()
    repo = Repository.open(store_path)
    assert [e.revision for e in repo.history()] == [2, 1]
    assert repo.check() == []
