"""Human formats: Markdown for the minutes and one self-contained HTML page to circulate.

Both are built from the same display tables (status as symbol and word, money with thousands
separators). Store text is escaped for the format it lands in and never becomes markup.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from .export_view import (
    Changes,
    Export,
    change_text,
    decision_rows,
    envelope_rows,
    heading_lines,
    implication_notes,
    since_text,
    when,
    year_label,
)
from .model import YEARS, BoardState, Component, money, status_label, visible

CHANGES_TITLE = "Changes since the last snapshot"


Cells = tuple[str, ...]


@dataclass(frozen=True)
class DisplayTable:
    title: str
    headers: tuple[str, ...]
    rows: list[Cells] = field(default_factory=list)
    numeric: frozenset[int] = frozenset()
    strong: frozenset[int] = frozenset()  # indexes of emphasised rows (totals)


def _target(c: Component, export: Export) -> str:
    return f"{c.target}  ⚠ overdue" if c.is_overdue(export.today) else c.target


def components_table(export: Export) -> DisplayTable:
    table = DisplayTable("Components", ("#", "Title", "Status", "Target", "Owner", "Note"))
    for c in export.state.components:
        status = status_label(c.status.value)
        table.rows.append((str(c.id), c.title, status, _target(c, export), c.owner, c.note))
        for n, p in enumerate(c.parts, start=1):
            part = (f"{c.id}.{n}", f"└ {p.title}", status_label(p.status.value), p.target)
            table.rows.append((*part, "", ""))
    return table


def bids_table(state: BoardState) -> DisplayTable:
    headers = ("#", "Bid", *(year_label(y) for y in YEARS), "Total", "Status", "Funding")
    rows = [
        (
            str(b.id),
            b.title,
            *(money(b.amounts.get(y, 0)) for y in YEARS),
            money(b.total),
            status_label(b.status.value),
            b.funding.value,
        )
        for b in state.bids
    ]
    totals = state.year_totals()
    rows.append(("", "Total", *(money(totals[y]) for y in YEARS), money(state.grand_total), "", ""))
    for label, values in envelope_rows(state):
        cells = ("" if values[y] is None else money(values[y] or 0) for y in YEARS)
        rows.append(("", label, *cells, "", "", ""))
    return DisplayTable(
        "Capital bids (£'000)", headers, rows, frozenset(range(2, 7)), frozenset({len(state.bids)})
    )


def implications_table(state: BoardState) -> DisplayTable:
    rows: list[Cells] = [
        (str(i.id), i.name, status_label(i.applies.value), i.paragraphs, i.note)
        for i in state.implications
    ]
    return DisplayTable("Implications", ("#", "Implication", "Applies", "Paragraphs", "Note"), rows)


def recommendations_table(state: BoardState) -> DisplayTable:
    rows: list[Cells] = [
        (r.id, r.text, status_label(r.decision.value), r.note) for r in state.recommendations
    ]
    return DisplayTable("Recommendations", ("#", "Recommendation", "Decision", "Note"), rows)


def changes_table(changes: Changes) -> DisplayTable:
    rows: list[Cells] = [
        (when(e.at), e.who, f"{e.table} {e.record}", e.field, change_text(e))
        for e in changes.entries
    ]
    return DisplayTable(CHANGES_TITLE, ("When (UTC)", "Who", "Record", "Field", "Old → new"), rows)


def board_tables(export: Export) -> list[DisplayTable]:
    s = export.state
    return [
        components_table(export),
        bids_table(s),
        implications_table(s),
        recommendations_table(s),
    ]


# --- Markdown ---------------------------------------------------------------------------------
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_CONTROL_OR_BREAK = re.compile(r"[\x00-\x1f\x7f]")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")


def md(text: str) -> str:
    """Literal text in Markdown: punctuation that means markup is escaped, newlines become <br>."""
    text = _ENTITY.sub(r"\\&", _MD_SPECIAL.sub(r"\\\1", visible_lines(text)))
    return text.replace("\n", "<br>")


def visible_lines(text: str) -> str:
    """Control characters made visible, keeping line breaks (normalised to \\n)."""
    if not _CONTROL_OR_BREAK.search(text):
        return text
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(visible(line) for line in lines)


def md_table(table: DisplayTable) -> list[str]:
    align = ["---:" if i in table.numeric else "---" for i in range(len(table.headers))]
    lines = [_md_row(table.headers), "| " + " | ".join(align) + " |"]
    for n, row in enumerate(table.rows):
        cells = [md(c) for c in row]
        if n in table.strong:
            cells = [f"**{c}**" if c else c for c in cells]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _md_row(cells: tuple[str, ...]) -> str:
    return "| " + " | ".join(md(c) for c in cells) + " |"


def md_changes(changes: Changes) -> list[str]:
    lines = [f"## {CHANGES_TITLE}", "", md(since_text(changes)), ""]
    if changes.entries:
        lines += [*md_table(changes_table(changes)), ""]
    return lines


def render_md(export: Export) -> str:
    s = export.state
    lines = [f"# {md(s.report.get('title', ''))}", ""]
    lines += [f"{md(line)}  " for line in heading_lines(s)]
    lines += ["", f"Exported at: {md(export.exported_at)} · store revision {s.revision}", ""]
    lines += [
        "## Decision status",
        "",
        *md_table(DisplayTable("", ("Item", "Value"), list(decision_rows(s)))),
        "",
    ]
    for table in board_tables(export):
        lines += [f"## {md(table.title)}", "", *md_table(table), ""]
        if table.title == "Implications":
            lines += [
                f"**{label} implications:** {md(text)}\n" for label, text in implication_notes(s)
            ]
    lines += [f"Grand total: £{money(s.grand_total)}k", "", *md_changes(export.changes)]
    return "\n".join(lines)


def render_changes_md(export: Export) -> str:
    """changes.md in a bundle: the report's title and what changed since the last snapshot."""
    title = md(export.state.report.get("title", ""))
    return "\n".join([f"# {title}", "", *md_changes(export.changes)])


# --- HTML -------------------------------------------------------------------------------------
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
p.meta { color: #444; } .exported { font-style: italic; }
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


def render_html(export: Export) -> str:
    s = export.state
    title = h(s.report.get("title", ""))
    out = ["<!DOCTYPE html>", '<html lang="en-GB">', "<head>", '<meta charset="utf-8">']
    out += [f"<title>{title}</title>", f"<style>{CSS}</style>", "</head>", "<body>"]
    out += [f"<h1>{title}</h1>", *(f'<p class="meta">{h(line)}</p>' for line in heading_lines(s))]
    stamp = f"Exported at: {export.exported_at} · store revision {s.revision}"
    out += [f'<p class="exported">{h(stamp)}</p>', "<h2>Decision status</h2>"]
    out += html_table(DisplayTable("", ("Item", "Value"), list(decision_rows(s))))
    for table in board_tables(export):
        out += [f"<h2>{h(table.title)}</h2>", *html_table(table)]
        if table.title == "Implications":
            out += [
                f"<p><strong>{label} implications:</strong> {h(text)}</p>"
                for label, text in implication_notes(s)
            ]
    out += [f"<p><strong>{h(f'Grand total: £{money(s.grand_total)}k')}</strong></p>"]
    out += [*html_changes(export.changes), "</body>", "</html>", ""]
    return "\n".join(out)
