"""What a snapshot holds, as plain values every renderer shares (no formatting, no I/O).

An `Export` is one state, the changes since the last snapshot, the day overdue marks are judged
on and the export time. The renderers in `export_formats` and `export_tables` turn it into text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .model import YEAR_LABELS, YEARS, BoardState, HistoryEntry, Snapshot
from .model import change_text as model_change_text

FORMATS = ("md", "html", "csv", "json")


@dataclass(frozen=True)
class Changes:
    """History entries after the last snapshot (oldest first); `since` None = no snapshot yet."""

    since: Snapshot | None
    entries: tuple[HistoryEntry, ...]


@dataclass(frozen=True)
class Export:
    state: BoardState
    changes: Changes
    today: dt.date
    exported_at: str


def changes_since(state: BoardState, history: list[HistoryEntry]) -> Changes:
    """Entries newer than the last snapshot and not newer than `state` (history is newest first)."""
    since = state.snapshots[-1] if state.snapshots else None
    base = since.revision if since else 0
    entries = [e for e in reversed(history) if base < e.revision <= state.revision]
    return Changes(since, tuple(entries))


def change_text(entry: HistoryEntry) -> str:
    """`old → new`, or `added X` / `removed X` for a whole record."""
    return model_change_text(entry.action, entry.old, entry.new)


def when(at: str) -> str:
    """`2004-10-18T10:00:00.123Z` -> `2004-10-18 10:00:00`."""
    return at[:19].replace("T", " ")


def since_text(changes: Changes) -> str:
    count = len(changes.entries)
    noun = "change" if count == 1 else "changes"
    if changes.since is None:
        return f"No earlier snapshot: {count} {noun} since the store was created."
    s = changes.since
    return (
        f"{count} {noun} since the snapshot of {when(s.at)} UTC by {s.who} (revision {s.revision})."
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
    ]


def heading_lines(state: BoardState) -> list[str]:
    """The report's heading: who decides what, when, and on whose report."""
    r = state.report
    return [
        f"{r.get('authority', '')} — {r.get('decision_maker', '')}, {r.get('meeting_date', '')}",
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
