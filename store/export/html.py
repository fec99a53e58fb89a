"""One self-contained HTML page to circulate, built from the snapshot's display tables.

The page is the Jinja2 template store/templates/snapshot.html (autoescape on): store text is
escaped for HTML (quotes included) and never becomes markup.
"""

from __future__ import annotations

from collections.abc import Iterator

from markupsafe import Markup

from ..display import money
from . import chart
from .snapshot import (
    BIDS_TITLE,
    CHANGES_TITLE,
    DisplayTable,
    Export,
    board_tables,
    changes_table,
    decision_rows,
    heading_lines,
    implication_notes,
    since_text,
    stamp_text,
)
from .templating import template_chunks


def render(export: Export) -> str:
    """The page from the `snapshot.html` template (autoescape; a council may restyle it)."""
    return "".join(chunks(export))


def chunks(export: Export) -> Iterator[str]:
    """`render`'s page a piece at a time, as the template makes it."""
    s = export.state
    changes = export.changes
    return template_chunks(
        "snapshot.html",
        title=s.report.get("title", ""),
        heading=heading_lines(s),
        stamp=stamp_text(export),
        decision=DisplayTable("", ("Item", "Value"), list(decision_rows(s))),
        tables=board_tables(export),
        notes=implication_notes(s),
        grand_total=f"Grand total (£'000): {money(s.grand_total)}",
        changes_title=CHANGES_TITLE,
        since=since_text(changes),
        changes=changes_table(changes) if changes.entries else None,
        bids_title=BIDS_TITLE,
        chart=Markup(chart.bars_svg(s)),  # drawn by code from numbers, its labels escaped there
    )
