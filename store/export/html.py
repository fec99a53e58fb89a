"""One self-contained HTML page to circulate, built from the snapshot's display tables.

Store text is escaped for HTML (quotes included) and never becomes markup.
"""

from __future__ import annotations

import html

from ..display import money
from . import chart
from .snapshot import (
    BIDS_TITLE,
    CHANGES_TITLE,
    Changes,
    DisplayTable,
    Export,
    board_tables,
    changes_table,
    decision_rows,
    heading_lines,
    implication_notes,
    since_text,
    stamp_text,
    visible_lines,
)

CSS = """
@page { size: A4; margin: 15mm; }
body { font-family: "Segoe UI", Arial, sans-serif; font-size: 10pt; color: #111; margin: 0 auto;
  max-width: 190mm; line-height: 1.35; }
h1 { font-size: 16pt; margin: 0 0 4pt; } h2 { font-size: 12pt; margin: 14pt 0 4pt; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0; page-break-inside: auto; }
th, td { border: 0.5pt solid #888; padding: 2pt 4pt; text-align: left; vertical-align: top; }
th { background: #e8e8e8; } tr { page-break-inside: avoid; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.strong td { font-weight: bold; border-top: 1pt solid #111; }
p.meta { color: #444; } .exported { font-style: italic; } h3 { font-size: 11pt; }
svg { max-width: 100%; height: auto; }
"""


def h(text: str) -> str:
    """Literal text in HTML: everything escaped, control characters visible, newlines kept."""
    return html.escape(visible_lines(text), quote=True).replace("\n", "<br>")


def html_table(table: DisplayTable) -> list[str]:
    out = ["<table>", "<thead><tr>" + _html_cells("th", table.headers, table) + "</tr></thead>"]
    out.append("<tbody>")
    for n, row in enumerate(table.rows):
        klass = ' class="strong"' if n in table.strong else ""
        out.append(f"<tr{klass}>" + _html_cells("td", row, table) + "</tr>")
    return [*out, "</tbody>", "</table>"]


def _html_cells(tag: str, cells: tuple[str, ...], table: DisplayTable) -> str:
    return "".join(
        f'<{tag} class="num">{h(c)}</{tag}>' if i in table.numeric else f"<{tag}>{h(c)}</{tag}>"
        for i, c in enumerate(cells)
    )


def html_changes(changes: Changes) -> list[str]:
    out = [f"<h2>{h(CHANGES_TITLE)}</h2>", f"<p>{h(since_text(changes))}</p>"]
    return out + (html_table(changes_table(changes)) if changes.entries else [])


def render(export: Export) -> str:
    s = export.state
    title = h(s.report.get("title", ""))
    out = ["<!DOCTYPE html>", '<html lang="en-GB">', "<head>", '<meta charset="utf-8">']
    out += [f"<title>{title}</title>", f"<style>{CSS}</style>", "</head>", "<body>"]
    out += [f"<h1>{title}</h1>", *(f'<p class="meta">{h(line)}</p>' for line in heading_lines(s))]
    out += [f'<p class="exported">{h(stamp_text(export))}</p>', "<h2>Decision status</h2>"]
    out += html_table(DisplayTable("", ("Item", "Value"), list(decision_rows(s))))
    for table in board_tables(export):
        out += [f"<h2>{h(table.title)}</h2>", *html_table(table)]
        if table.title == BIDS_TITLE:
            out += ["<h3>Bids against the envelope (£'000)</h3>", chart.bars_svg(s)]
        if table.title == "Implications":
            out += [
                f"<p><strong>{label} implications:</strong> {h(text)}</p>"
                for label, text in implication_notes(s)
            ]
    out += [f"<p><strong>{h(f'Grand total: £{money(s.grand_total)}k')}</strong></p>"]
    out += [*html_changes(export.changes), "</body>", "</html>", ""]
    return "\n".join(out)
