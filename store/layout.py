"""The store file's layout: valid JSON, one record a line, so it is read and written a line at a
time.

    {
    "bids":{
    "1":{"title":"...","y2005":350000},
    "2":{...}
    },
    "_meta":{
    "1":{"schema_version":3,...}
    }
    }

Any JSON reader (TinyDB's own, `python -m json.tool`) reads it as before: the line breaks are
whitespace between members. The console reads it a line at a time, so parsing a 195 MiB store
never holds its bytes and its objects at once (the bytes were ~1x the file, the objects ~2.5x).
A file in any other layout (a store written before, a hand-edited one) is not refused: `lines`
says it is not in this layout and the caller parses it whole, as JSON is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, BinaryIO

import orjson

PIECE = 1 << 20  # bytes handed to the writer at a time
Data = dict[str, dict[str, Any]]


class NotThisLayout(Exception):
    """The file is not one record a line; parse it whole."""


def pieces(data: Data) -> Iterator[bytes]:
    """`data` in this layout, about PIECE bytes at a time."""
    batch: list[bytes] = [b"{\n"]
    size = 0
    last_table = len(data) - 1
    for t, (table, rows) in enumerate(data.items()):
        name = orjson.dumps(table)
        tail = b"\n" if t == last_table else b",\n"
        if not rows:
            batch.append(name + b":{}" + tail)
            continue
        batch.append(name + b":{\n")
        last = len(rows) - 1
        for r, (key, record) in enumerate(rows.items()):
            line = b"%s:%s%s" % (
                orjson.dumps(key),
                orjson.dumps(record),
                b"\n" if r == last else b",\n",
            )
            batch.append(line)
            size += len(line)
            if size >= PIECE:
                yield b"".join(batch)
                batch, size = [], 0
        batch.append(b"}" + tail)
    batch.append(b"}\n")
    yield b"".join(batch)


def members(handle: BinaryIO) -> Iterator[tuple[str, bytes | None]]:
    """The file's tables and records as they come: (table, None) opens a table, (table, line)
    is one record's line (`"key":{...}`, its comma taken off). Raises NotThisLayout at the first
    line that does not follow the layout exactly (the whole file is then parsed as JSON)."""
    if handle.readline() != b"{\n":
        raise NotThisLayout
    line = handle.readline()
    while line != b"}\n":
        table, empty = _table_line(line)
        yield table, None
        if empty:
            ending = line
        else:
            line = handle.readline()
            while line.endswith(b",\n"):
                yield table, line[:-2]
                line = handle.readline()
            yield table, line[:-1]  # torn or a lone brace: not one member, so parsing says so
            ending = handle.readline()
            if ending not in (b"}\n", b"},\n"):
                raise NotThisLayout
        line = handle.readline()
        if ending.endswith(b",\n") == (line == b"}\n"):
            raise NotThisLayout  # a comma after the last table, or none between two
    if handle.read(1):
        raise NotThisLayout  # anything after the closing brace


def _table_line(line: bytes) -> tuple[str, bool]:
    """A table's opening line (`"name":{` or, empty, `"name":{}` with its comma): its name and
    whether it is empty."""
    if line.endswith(b":{\n"):
        name, empty = line[:-3], False
    elif line.endswith((b":{}\n", b":{},\n")):
        name, empty = line[: line.rindex(b":{}")], True
    else:
        raise NotThisLayout
    try:
        table = orjson.loads(name)
    except orjson.JSONDecodeError:
        raise NotThisLayout from None
    if not isinstance(table, str):
        raise NotThisLayout
    return table, empty


def read_lines(handle: BinaryIO) -> Data:
    """The data of a file in this layout, one record at a time (NotThisLayout otherwise).
    A repeated key keeps its last value, as a JSON reader does (`board check` reports it)."""
    data: Data = {}
    rows: dict[str, Any] = {}
    for table, line in members(handle):
        if line is None:
            rows = data[table] = {}
        else:
            rows.update(_parsed(line, orjson.loads))
    return data


def keys(handle: BinaryIO, parse: Callable[[bytes], list[str]]) -> Iterator[tuple[str, str | None]]:
    """(table, None) as each table begins, then (table, key) of each of its records; `parse`
    reads a record's line as an object and returns its keys (`board check`'s scan for a key
    given twice)."""
    for table, line in members(handle):
        if line is None:
            yield table, None
        else:
            for key in _parsed(line, parse):
                yield table, key


def _parsed(line: bytes, parse: Callable[[bytes], Any]) -> Any:
    """A record's line parsed as the members of an object. Lines that are not members by
    themselves (a record over two lines, a torn line) or are none (an empty line between two
    commas, which JSON forbids) are not this layout: the file is then parsed whole."""
    try:
        found = parse(b"{%s}" % line)
    except ValueError:  # orjson's and json's decode errors alike
        raise NotThisLayout from None
    if not found:
        raise NotThisLayout
    return found
