"""What a snapshot holds, as values every format shares (no I/O).

An `Export` is one state, the changes since the last snapshot, the day overdue marks are judged
on and the export time. The human formats (markdown, html) show it as the same `DisplayTable`s
(status as symbol and word, money with thousands separators); the machine formats (csv, json)
read the state directly.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..dates import uk_date
from ..display import as_at_text, money, priority_label, status_label, target_text, visible, when
from ..display import change_text as display_change_text
from ..model import YEAR_LABELS, YEARS, BoardState, Component, HistoryEntry, Meeting, Snapshot
from ..rules import decision_requirement


@dataclass(frozen=True)
class Changes:
    """History entries after the last snapshot (oldest first); `since` None = no snapshot yet."""

    since: Snapshot | None
    entries: tuple[HistoryEntry, ...]


@dataclass(frozen=True)
class MeetingChanges:
    """History entries after the last meeting ended (oldest first); `meeting` None = none has."""

    meeting: Meeting | None
    entries: tuple[HistoryEntry, ...]


@dataclass(frozen=True)
class Export:
    state: BoardState
    changes: Changes
    today: dt.date
    exported_at: str
    since_meeting: MeetingChanges | None = None
    as_at: bool = False  # the state is an earlier revision's (`--at`), not the current one


def changes_since_meeting(state: BoardState, history: list[HistoryEntry]) -> MeetingChanges:
    """Entries after the last ended meeting's end, up to `state` (history is newest first)."""
    meeting = state.last_ended_meeting()
    base = meeting.end_revision or 0 if meeting else 0
    entries = [e for e in reversed(history) if base < e.revision <= state.revision]
    return MeetingChanges(meeting, tuple(entries))


def stamp_text(export: Export) -> str:
    """The export's one marked line: when, which revision (as at an earlier one, if so) and the
    history head at that revision (history_file.py), so a printed copy can be checked later."""
    s = export.state
    head = f" · history head {s.head_digest}" if s.head_digest else ""
    if not export.as_at:
        return f"Exported at: {export.exported_at} · store revision {s.revision}{head}"
    return f"Exported at: {export.exported_at} · {as_at_text(s.revision, s.changed_at)}{head}"


def changes_since(state: BoardState, history: list[HistoryEntry]) -> Changes:
    """Entries newer than the last snapshot and not newer than `state` (history is newest first)."""
    since = state.snapshots[-1] if state.snapshots else None
    base = since.revision if since else 0
    entries = [e for e in reversed(history) if base < e.revision <= state.revision]
    return Changes(since, tuple(entries))


def change_text(entry: HistoryEntry) -> str:
    """`old → new`, or `added X` / `removed X` for a whole record."""
    return display_change_text(entry.action, entry.old, entry.new, entry.table, entry.record)


def since_text(changes: Changes) -> str:
    count = len(changes.entries)
    noun = "change" if count == 1 else "changes"
    if changes.since is None:
        return f"No earlier snapshot: {count} {noun} since the store was created."
    s = changes.since
    return f"{count} {noun} since the snapshot of {when(s.at)} by {s.who} (revision {s.revision})."


def since_meeting_text(changes: MeetingChanges) -> str:
    count = len(changes.entries)
    noun = "change" if count == 1 else "changes"
    m = changes.meeting
    if m is None:
        return f"No meeting has ended yet: {count} {noun} since the store was created."
    return (
        f"{count} {noun} since meeting {m.id} ({m.title}, {uk_date(m.date)}) ended at "
        f"revision {m.end_revision}."
    )


def year_label(year: str) -> str:
    return YEAR_LABELS[year]


def decision_rows(state: BoardState) -> list[tuple[str, str]]:
    ds = state.report.get("decision_status", {})
    return [
        ("Key decision", str(ds.get("key_decision", ""))),
        ("Reason", str(ds.get("reason", ""))),
        ("Appeared in forward plan", str(ds.get("forward_plan", ""))),
        ("Executive or council decision", str(ds.get("executive_or_council", ""))),
        *[("What it requires", rule) for rule in [decision_requirement(state.report)] if rule],
    ]


def heading_lines(state: BoardState) -> list[str]:
    """The report's heading: who decides what, when, and on whose report."""
    r = state.report
    return [
        f"{r.get('authority', '')} — {r.get('decision_maker', '')}, {uk_date(r.get('meeting_date', ''))}",
        f"Report of the {r.get('report_of', '')}",
        f"Aim: '{r.get('aim', '')}'",
    ]


def envelope_rows(state: BoardState) -> list[tuple[str, dict[str, int | None]]]:
    """Envelope and over-subscription per year, only where an envelope is set."""
    if not state.envelope:
        return []
    over = state.oversubscription()
    return [
        ("Funding envelope", {y: state.envelope.get(y) for y in YEARS}),
        ("Over-subscribed by (negative = headroom)", {y: over.get(y) for y in YEARS}),
    ]


def implication_notes(state: BoardState) -> list[tuple[str, str]]:
    """The report's financial and legal implications, each with its contact."""
    notes = []
    for key, label in (("financial_implications", "Financial"), ("legal_implications", "Legal")):
        item = state.report.get(key) or {}
        contact = item.get("contact") or {}
        who = ", ".join(str(contact[k]) for k in ("name", "service") if contact.get(k))
        ext = f", ext {contact['extension']}" if contact.get("extension") else ""
        text = str(item.get("text", ""))
        notes.append((label, f"{text} ({who}{ext})" if who else text))
    return [(label, text) for label, text in notes if text]


# --- display tables (markdown and html) ---------------------------------------------------
CHANGES_TITLE = "Changes since the last snapshot"
MEETING_CHANGES_TITLE = "Changes since the last meeting"
BIDS_TITLE = "Capital bids (£'000)"


Cells = tuple[str, ...]


@dataclass(frozen=True)
class DisplayTable:
    title: str
    headers: tuple[str, ...]
    rows: list[Cells] = field(default_factory=list)
    numeric: frozenset[int] = frozenset()
    strong: frozenset[int] = frozenset()  # indexes of emphasised rows (totals)


def _target(c: Component, export: Export) -> str:
    return target_text(c.target, c.is_overdue(export.today))


def components_table(export: Export) -> DisplayTable:
    table = DisplayTable("Components", ("#", "Title", "Status", "Target", "Owner", "Note"))
    for c in export.state.components:
        status = status_label(c.status.value)
        table.rows.append((str(c.id), c.title, status, _target(c, export), c.owner, c.note))
        for n, p in enumerate(c.parts, start=1):
            part = (
                f"{c.id}.{n}",
                f"└ {p.title}",
                status_label(p.status.value),
                target_text(p.target, p.is_overdue(export.today)),
            )
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
            priority_label(state.priority(b.id), state.within_envelope(b.id)),
            b.note,
        )
        for b in state.bids
    ]
    totals = state.year_totals()
    rows.append(("", "Total", *(money(totals[y]) for y in YEARS), money(state.grand_total)))
    for label, values in envelope_rows(state):
        cells = ("" if values[y] is None else money(values[y] or 0) for y in YEARS)
        rows.append(("", label, *cells))
    width = len(headers) + 2
    return DisplayTable(
        BIDS_TITLE,
        (*headers, "Priority", "Note"),
        [(*row, *[""] * (width - len(row))) for row in rows],
        frozenset(range(2, 7)),
        frozenset({len(state.bids)}),
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


def actions_table(export: Export) -> DisplayTable:
    rows: list[Cells] = []
    for a in export.state.actions:
        due = target_text(uk_date(a.due), a.is_overdue(export.today))
        rows.append((str(a.id), a.text, a.owner, due, status_label(a.status.value), a.source))
    return DisplayTable("Actions", ("#", "Action", "Owner", "Due", "Status", "From"), rows)


def changes_table(changes: Changes | MeetingChanges, title: str = CHANGES_TITLE) -> DisplayTable:
    rows: list[Cells] = [
        (when(e.at), e.who, f"{e.table} {e.record}", e.field, change_text(e))
        for e in changes.entries
    ]
    return DisplayTable(title, ("When", "Who", "Record", "Field", "Old → new"), rows)


def board_tables(export: Export) -> list[DisplayTable]:
    s = export.state
    return [
        components_table(export),
        bids_table(s),
        implications_table(s),
        recommendations_table(s),
        actions_table(export),
    ]


def visible_lines(text: str) -> str:
    """Control and bidi characters made visible (display.visible), keeping line breaks
    (normalised to \\n)."""
    if text.isprintable():
        return text
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(visible(line) for line in lines)
