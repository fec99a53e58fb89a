"""Markdown for the minutes, built from the snapshot's display tables.

Store text is escaped so it never becomes markup: punctuation that means markup gets a backslash.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ..display import money
from .snapshot import (
    CHANGES_TITLE,
    MEETING_CHANGES_TITLE,
    Changes,
    DisplayTable,
    Export,
    board_tables,
    changes_table,
    decision_rows,
    heading_lines,
    implication_notes,
    since_meeting_text,
    since_text,
    stamp_text,
    visible_lines,
)

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")


def md(text: str) -> str:
    """Literal text in Markdown: punctuation that means markup is escaped, newlines become <br>."""
    text = _ENTITY.sub(r"\\&", _MD_SPECIAL.sub(r"\\\1", visible_lines(text)))
    return text.replace("\n", "<br>")


def md_table(table: DisplayTable) -> Iterator[str]:
    """The table's lines, made one at a time (a table of 100,000 bids is never a list)."""
    align = ["---:" if i in table.numeric else "---" for i in range(len(table.headers))]
    yield _md_row(table.headers)
    yield "| " + " | ".join(align) + " |"
    for n, row in enumerate(table.rows):
        cells = [md(c) for c in row]
        if n in table.strong:
            cells = [f"**{c}**" if c else c for c in cells]
        yield "| " + " | ".join(cells) + " |"


def _md_row(cells: tuple[str, ...]) -> str:
    return "| " + " | ".join(md(c) for c in cells) + " |"


def md_changes(changes: Changes) -> list[str]:
    lines = [f"## {CHANGES_TITLE}", "", md(since_text(changes)), ""]
    if changes.entries:
        lines += [*md_table(changes_table(changes)), ""]
    return lines


def render(export: Export) -> str:
    return "".join(chunks(export))


def chunks(export: Export) -> Iterator[str]:
    """The snapshot's lines, each given as it is made (never the whole text, nor a list)."""
    return _joined(_lines(export))


def _joined(lines: Iterable[str]) -> Iterator[str]:
    """ "\n".join(lines), a line at a time."""
    for index, line in enumerate(lines):
        yield f"\n{line}" if index else line


def _lines(export: Export) -> Iterator[str]:
    s = export.state
    yield from [f"# {md(s.report.get('title', ''))}", ""]
    yield from [f"{md(line)}  " for line in heading_lines(s)]
    yield from ["", md(stamp_text(export)), "", "## Decision status", ""]
    yield from md_table(DisplayTable("", ("Item", "Value"), list(decision_rows(s))))
    yield ""
    for table in board_tables(export):
        yield from [f"## {md(table.title)}", ""]
        yield from md_table(table)
        yield ""
        if table.title == "Implications":
            yield from [
                f"**{label} implications:** {md(text)}\n" for label, text in implication_notes(s)
            ]
    yield from [f"Grand total (£'000): {money(s.grand_total)}", "", *md_changes(export.changes)]


def md_meeting_changes(export: Export) -> list[str]:
    changes = export.since_meeting
    if changes is None:
        return []
    lines = [f"## {MEETING_CHANGES_TITLE}", "", md(since_meeting_text(changes)), ""]
    if changes.entries:
        lines += [*md_table(changes_table(changes, MEETING_CHANGES_TITLE)), ""]
    return lines


def render_changes(export: Export) -> str:
    """changes.md in a bundle: what changed since the last snapshot and since the last meeting."""
    return "".join(changes_chunks(export))


def changes_chunks(export: Export) -> Iterator[str]:
    title = md(export.state.report.get("title", ""))
    return _joined([f"# {title}", "", *md_changes(export.changes), *md_meeting_changes(export)])
