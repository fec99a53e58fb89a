"""The store file's layout (records a hundred to a line): any JSON reader reads what the console
reads, and the console never reads a file differently from a JSON reader, however it was changed."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tinydb import TinyDB
from tinydb.storages import JSONStorage

from store import Repository
from store import storage as storage_module
from store.integrity import duplicate_keys
from store.layout import RECORDS_A_LINE, NotThisLayout, pieces, read_lines
from store.storage import LockedJSONStorage

CI = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Keys and text that look like the layout's own lines: braces, commas, colons, line breaks.
tricky = st.text(alphabet=st.sampled_from('ab{}[],:"\\\n\r\t \u2028é€'), max_size=8)
values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | tricky,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(tricky, inner, max_size=3),
    max_leaves=8,
)
records = st.dictionaries(tricky, values, max_size=4)
stores = st.dictionaries(tricky, st.dictionaries(tricky, records, max_size=4), max_size=4)


def written(data: dict[str, Any]) -> bytes:
    return b"".join(pieces(data))


def console_reads(raw: bytes) -> Any:
    """What the store reads from `raw` (NotThisLayout falls back to a whole parse)."""
    return LockedJSONStorage._read_data(io.BytesIO(raw))


@CI
@given(stores)
def test_what_is_written_reads_back_the_same_by_line_and_by_any_json_reader(data: Any) -> None:
    raw = written(data)
    assert read_lines(io.BytesIO(raw)) == data
    assert orjson.loads(raw) == data
    assert json.loads(raw) == data


EDITS = [b"\n", b",", b"}", b"{", b" ", b'"', b":", b"{}", b"},\n", b",\n"]


@CI
@given(stores, st.data())
def test_a_changed_file_is_never_read_differently_from_a_json_reader(data: Any, draw: Any) -> None:
    """Bytes deleted, inserted or lines repeated anywhere: the line reader either reads what a
    JSON reader reads, or says the file is not in its layout (and it is then parsed whole)."""
    raw = bytearray(written(data))
    for _ in range(draw.draw(st.integers(1, 3))):
        at = draw.draw(st.integers(0, len(raw)))
        kind = draw.draw(st.sampled_from(["delete", "insert", "repeat line"]))
        if kind == "delete" and at < len(raw):
            del raw[at]
        elif kind == "insert":
            raw[at:at] = draw.draw(st.sampled_from(EDITS))
        else:
            lines = bytes(raw).splitlines(keepends=True)
            if lines:
                n = draw.draw(st.integers(0, len(lines) - 1))
                lines.insert(n, lines[n])
                raw = bytearray(b"".join(lines))
    changed = bytes(raw)
    try:
        expected = orjson.loads(changed)
    except orjson.JSONDecodeError:
        with pytest.raises(NotThisLayout):
            read_lines(io.BytesIO(changed))
        return
    try:
        by_line = read_lines(io.BytesIO(changed))
    except NotThisLayout:
        by_line = expected  # parsed whole instead
    assert by_line == expected
    assert console_reads(changed) == expected


@CI
@given(stores, st.data())
def test_check_finds_a_key_given_twice_wherever_it_is(data: Any, draw: Any) -> None:
    """A record's line repeated, a key repeated inside a record, or the file in another layout
    (records over two lines): `board check`'s scan finds what a whole-file scan finds."""
    lines = written(data).splitlines(keepends=True)
    n = draw.draw(st.integers(0, len(lines) - 1))
    kind = draw.draw(st.sampled_from(["repeat line", "repeat key", "split line"]))
    if kind == "repeat line":
        lines.insert(n, lines[n] if lines[n].endswith(b",\n") else lines[n] + b",")
    elif kind == "repeat key":
        lines[n] = lines[n].replace(b'{"', b'{"k":0,"k":1,"', 1)
    else:
        lines[n] = lines[n].replace(b",", b",\n", 1)
    changed = b"".join(lines)
    assert duplicate_keys(Path("s"), io.BytesIO(changed)) == whole_file_scan(changed)


def whole_file_scan(raw: bytes) -> list[str]:
    def no_repeats(pairs: list[tuple[str, Any]]) -> None:
        keys = [key for key, _ in pairs]
        repeated = [key for n, key in enumerate(keys) if key in keys[:n]]
        if repeated:
            raise KeyError(repeated[0])

    try:
        json.loads(raw, object_pairs_hook=no_repeats)
    except KeyError as err:
        return [f"s: the key {err.args[0]!r} appears twice in one object"]
    except ValueError:
        return []
    return []


@pytest.fixture
def lines_from_any_size(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every store written as a large one is (LINES_FROM bytes and more, 4 MiB)."""
    monkeypatch.setattr(storage_module, "LINES_FROM", 0)


def test_a_small_store_is_written_in_one_dump(tmp_path: Path) -> None:
    repo = Repository.open(tmp_path / "board.json")
    repo.set_field("bids", "1", "note", "one dump")
    assert repo.path.read_bytes().count(b"\n") == 0


@pytest.mark.usefixtures("lines_from_any_size")
def test_a_large_store_is_written_a_line_of_records_at_a_time_that_tinydb_itself_reads(
    tmp_path: Path,
) -> None:
    repo = Repository.open(tmp_path / "board.json")
    for n in range(2, 2 + 2 * RECORDS_A_LINE):
        repo.add("bids", {"title": f"bid {n}"})
    repo.set_field("bids", "1", "note", 'a line\nbreak, "quotes" and },\n braces')
    raw = repo.path.read_bytes()
    lines = raw.splitlines()
    first = lines.index(b'"bids":{') + 1
    assert lines[first].startswith(b'"1":{') and lines[first + 1].startswith(
        b'"%d":{' % (RECORDS_A_LINE + 1)
    )
    assert len(json.loads(raw)["bids"]) == len(repo.state().bids)
    stock = TinyDB(repo.path, storage=JSONStorage, access_mode="r")
    assert stock.table("bids").get(doc_id=1)["note"] == 'a line\nbreak, "quotes" and },\n braces'
    stock.close()


@pytest.mark.usefixtures("lines_from_any_size")
def test_a_store_written_in_one_dump_is_read_and_laid_out_in_lines_on_its_next_edit(
    tmp_path: Path,
) -> None:
    repo = Repository.open(tmp_path / "board.json")
    data = json.loads(repo.path.read_bytes())
    repo.path.write_bytes(orjson.dumps(data))  # as every store was written before
    reopened = Repository.open(repo.path)
    assert [b.id for b in reopened.state().bids] == [b.id for b in repo.state().bids]
    reopened.set_field("bids", "2", "note", "laid out again")
    raw = reopened.path.read_bytes()
    assert raw.startswith(b"{\n") and raw.count(b"\n") > len(data["bids"])
    assert json.loads(raw)["bids"]["2"]["note"] == "laid out again"
