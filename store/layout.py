"""The store file's layout: valid JSON, a table's records a hundred to a line, so the file is
read and written a line at a time.

    {
    "bids":{
    "1":{"title":"...","y2005":350000},"2":{...},...,"100":{...},
    "101":{...},...
    },
    "_meta":{
    "1":{"schema_version":3,...}
    }
    }

Any JSON reader (TinyDB's own, `python -m json.tool`) reads it as before: the line breaks are
whitespace between members. A store smaller than LINES_FROM is written in one compact dump.
The console reads a store in lines a line at a time, so parsing a 195 MiB store never holds its
bytes and its objects at once: orjson's whole-file parse peaks at 3.5x the file (yyjson's
document of it, beside its bytes), a line at a time at 1.4x. A file in any
other layout (a store written before, a hand-edited one) is not refused: `members` says it is
not in this layout and the caller parses it whole, as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import islice
from typing import Any, BinaryIO

import orjson

RECORDS_A_LINE = 100  # a line of 1,900-character notes is ~200 KB, parsed at once
# A smaller store is written in one dump: one dump is faster (a dump a line took ~1.7x as long
# at 10,000 bids, 1.6 MB), and reading it whole needs little memory (3.5x 4 MiB is 14 MiB).
LINES_FROM = 4 << 20
Data = dict[str, dict[str, Any]]


class NotThisLayout(Exception):
    """The file is not in this layout; parse it whole."""


def pieces(data: Data) -> Iterator[bytes]:
    """`data` in this layout, a line of RECORDS_A_LINE records at a time, each line dumped by
    orjson at once (`"1":{...},"2":{...},...`)."""
    yield b"{\n"
    last_table = len(data) - 1
    for t, (table, rows) in enumerate(data.items()):
        name, tail = orjson.dumps(table), b"\n" if t == last_table else b",\n"
        if not rows:
            yield name + b":{}" + tail
            continue
        yield name + b":{\n"
        records = iter(rows.items())
        yield orjson.dumps(dict(islice(records, RECORDS_A_LINE)))[1:-1]  # without its braces
        while line := dict(islice(records, RECORDS_A_LINE)):
            yield b",\n" + orjson.dumps(line)[1:-1]
        yield b"\n}" + tail
    yield b"}\n"


def members(handle: BinaryIO) -> Iterator[tuple[str, bytes | None]]:
    """The file's tables and records as they come: (table, None) opens a table, (table, line)
    is one line of its records (`"1":{...},"2":{...}`, the line's last comma taken off). Raises NotThisLayout at the first
    line that does not follow the layout exactly (the whole file is then parsed as JSON)."""
    if handle.readline(3) != b"{\n":  # 3: a file on one line is not read twice to say so
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
    """The data of a file in this layout, a line at a time (NotThisLayout otherwise).
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
    reads a line of records as an object and returns its keys (`board check`'s scan for a key
    given twice)."""
    for table, line in members(handle):
        if line is None:
            yield table, None
        else:
            for key in _parsed(line, parse):
                yield table, key


def _parsed(line: bytes, parse: Callable[[bytes], Any]) -> Any:
    """A line of records parsed as the members of an object. Lines that are not members by
    themselves (a record over two lines, a torn line) or are none (an empty line between two
    commas, which JSON forbids) are not this layout: the file is then parsed whole."""
    try:
        found = parse(b"{%s}" % line)
    except ValueError:  # orjson's and json's decode errors alike
        raise NotThisLayout from None
    if not found:
        raise NotThisLayout
    return found
