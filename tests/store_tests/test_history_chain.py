"""Each store owns its history, chained by hashes: neighbours, copies, restores and alterations."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest

from store import Repository, history_path


def edited(path: Path, notes: list[str], who: str = "tester@test") -> Repository:
    repo = Repository.open(path, who=who)
    for note in notes:
        repo.set_field("components", "1", "note", note)
    return repo


def notes(repo: Repository) -> list[str]:
    return [e.new for e in repo.history()]


def test_stores_with_the_same_stem_never_touch_each_others_history(tmp_path: Path) -> None:
    main = edited(tmp_path / "board.json", ["one", "two", "three", "four", "five"])
    before = history_path(main.path).read_bytes()
    yaml = Repository.open(tmp_path / "board.yaml")  # a new store beside it
    yaml.set_field("bids", "1", "note", "yaml's own")
    shutil.copy(main.path, tmp_path / "board.bak")  # a copy edited as a store of its own
    Repository.open(tmp_path / "board.bak").set_field("bids", "2", "note", "the copy's")
    assert history_path(main.path).read_bytes() == before
    assert notes(Repository.open(main.path)) == ["five", "four", "three", "two", "one"]
    assert notes(yaml) == ["yaml's own"]
    assert not list(tmp_path.glob("*orphaned*"))
    assert Repository.open(main.path).check() == []


def schema2(
    path: Path, lines: list[dict[str, object]], revision: int, history: str | None = None
) -> None:
    """A store as schema 2 wrote it: no store id, history named by the stem, unchained."""
    Repository.open(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    meta = data["_meta"]["1"]
    for key in ("store_id", "history_lines", "history_head", "history_bytes"):
        meta.pop(key)
    meta.update(schema_version=2, revision=revision, history_rev=revision)
    meta.update(changed_at=AT, changed_by=f"clerk{revision}@old")
    path.write_text(json.dumps(data), encoding="utf-8")
    legacy = path.with_name(history or path.stem + ".history.jsonl")
    legacy.write_bytes(b"".join(orjson.dumps(line) + b"\n" for line in lines))


AT = "2004-10-18T10:00:00Z"


def line(rev: int, new: str, who: str = "clerk@old") -> dict[str, object]:
    return {"rev": rev, "at": AT, "who": who, "table": "bids"} | {
        "id": "1",
        "field": "note",
        "old": "",
        "new": new,
        "action": "set",
    }


def test_a_schema2_store_keeps_its_history_and_its_neighbour_does_not_take_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "board.json"
    schema2(path, [line(1, "first"), line(2, "second", "clerk2@old"), line(3, "x")], revision=2)
    other = tmp_path / "board.yaml"
    Repository.open(other)
    repo = Repository.open(path)  # migrates
    assert notes(repo) == ["second", "first"]
    repo.set_field("bids", "2", "note", "after")
    assert notes(repo) == ["after", "second", "first"] and repo.check() == []
    assert notes(Repository.open(other)) == []
    assert tmp_path.joinpath("board.history.jsonl.schema2.bak").exists()


def test_a_schema2_history_set_aside_by_a_neighbour_is_taken_back(tmp_path: Path) -> None:
    """Schema 2 renamed board.json's live history as orphaned when board.yaml was opened; then
    board.yaml's own edit started a new board.history.jsonl. Each store takes its own."""
    json_store, yaml_store = tmp_path / "board.json", tmp_path / "board.yaml"
    mine = [line(1, "one"), line(2, "two", "clerk2@old")]
    schema2(json_store, mine, revision=2, history="board.history.jsonl.orphaned-20261130T100000Z")
    schema2(yaml_store, [line(1, "yaml's", "clerk1@old")], revision=1)
    assert notes(Repository.open(json_store)) == ["two", "one"]
    assert notes(Repository.open(yaml_store)) == ["yaml's"]
    assert Repository.open(json_store).check() == Repository.open(yaml_store).check() == []


def lines_of(path: Path) -> list[bytes]:
    return history_path(path).read_bytes().splitlines(keepends=True)


def swap(lines: list[bytes]) -> None:
    lines[2], lines[3] = lines[3], lines[2]


def alter(lines: list[bytes]) -> None:
    lines[3] = lines[3].replace(b'"new":"three"', b'"new":"THREE"')


def insert(lines: list[bytes]) -> None:
    lines.insert(3, lines[2])


ALTERATIONS: dict[str, tuple[Callable[[list[bytes]], None], str]] = {
    "a middle line deleted": (lambda lines: lines.pop(3), "line 4 does not follow"),
    "a line altered": (alter, "line 4 was altered"),
    "a line inserted": (insert, "line 4 does not follow"),
    "two lines swapped": (swap, "line 3 does not follow"),
    "an unreadable line": (lambda lines: lines.insert(2, b'{"rev": 3, "at\n'), "line 3 cannot be"),
    "the last line deleted": (lambda lines: lines.pop(), "has 4 changes, the store recorded 5"),
    "the header replaced": (lambda lines: lines.pop(0), "line 1 names no store"),
    "a line added by hand": (lambda lines: lines.insert(4, b'{"rev":3}\n'), "line 5 has no chain"),
}


@pytest.mark.parametrize("kind", ALTERATIONS)
def test_check_names_the_first_altered_line(store_path: Path, kind: str) -> None:
    edited(store_path, ["one", "two", "three", "four", "five"])
    change, problem = ALTERATIONS[kind]
    lines = lines_of(store_path)
    change(lines)
    history_path(store_path).write_bytes(b"".join(lines))
    problems = Repository.open(store_path, read_only=True).check()
    assert len(problems) == 1 and problem in problems[0], problems
    assert problems[0].startswith(str(history_path(store_path)))


@pytest.mark.parametrize("bad", [b'{"rev":"x"}', b'{"rev":null}', b'{"rev":1}', b"\xff{", b"[]"])
def test_a_damaged_line_is_skipped_with_one_warning(store_path: Path, bad: bytes) -> None:
    edited(store_path, ["one", "two", "three"])
    lines = lines_of(store_path)
    lines.insert(2, bad + b"\n")
    history_path(store_path).write_bytes(b"".join(lines))
    repo = Repository.open(store_path)
    assert notes(repo) == ["three", "two", "one"]
    assert notes(repo) == ["three", "two", "one"]  # a console polls again
    [warning] = repo.take_warnings()
    assert "1 damaged history line(s) skipped" in warning
    assert repo.take_warnings() == []
    assert "line 3" in repo.check()[0]


def test_a_restored_backup_shows_and_keeps_only_its_own_past(store_path: Path) -> None:
    repo = edited(store_path, ["one", "two"])
    backup = store_path.with_name("board.json.bak")
    shutil.copy(store_path, backup)
    long = ["x" * 1_000 + str(n) for n in range(100)]  # 100 KB of history past the backup
    edited(store_path, long)
    shutil.copy(backup, store_path)  # restored
    repo = Repository.open(store_path)
    assert notes(repo) == ["two", "one"]
    assert repo.check() == []
    repo.set_field("bids", "1", "note", "after the restore")
    assert notes(repo) == ["after the restore", "two", "one"]
    assert len(lines_of(store_path)) == 4 and repo.check() == []


@pytest.mark.parametrize("kind", ["md", "html", "csv", "json"])
def test_every_snapshot_names_the_revision_and_the_history_head(
    store_path: Path, kind: str
) -> None:
    from store import prepare, render  # the export loads on first use

    repo = edited(store_path, ["one", "two"])
    head = orjson.loads(store_path.read_bytes())["_meta"]["1"]["history_head"]
    lines = lines_of(store_path)
    assert lines[-1].endswith(b'"h":"' + head.encode() + b'"}\n')  # the head is the last line's
    text = render(kind, prepare(repo, today=dt.date(2004, 10, 18)))
    assert head[:16] in text
    if kind in ("md", "html"):
        assert f"store revision 2 · history head {head[:16]}" in text


def test_a_fifo_in_place_of_the_history_is_refused_without_hanging(store_path: Path) -> None:
    from store import StoreDamaged

    repo = edited(store_path, ["one"])
    history_path(store_path).unlink()
    os.mkfifo(history_path(store_path))
    with pytest.raises(StoreDamaged, match="is a FIFO"):
        repo.history()
    with pytest.raises(StoreDamaged, match="is a FIFO"):
        repo.set_field("bids", "1", "note", "x")
