"""The detail panel's text: every field of one record in full, its parts, whether it is overdue,
and its last changes with who and when. Built from the record's own dataclass fields, so a field
added to the model shows here without a change. No textual import.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any

from rich.text import Text

from store import (
    OVERDUE,
    SYMBOLS,
    YEAR_LABELS,
    HistoryEntry,
    change_text,
    money,
    record_fields,
    status_label,
    uk_date,
    visible,
)
from store import when as shown_time

from .edits import record_kind

LAST_CHANGES = 5
HIDDEN = {"id", "parts"}  # the id is in the heading; parts get their own list
LABEL = "bold"


def record_text(
    table: str, item: Any, part: int | None, changes: list[HistoryEntry], today: dt.date
) -> Text:
    """One record as the panel shows it (`part`: 1-based, for a component's part row)."""
    out = Text()
    out.append(visible(_heading(table, item, part)) + "\n", style="bold underline")
    shown = item.parts[part - 1] if part is not None else item
    for name in record_fields(shown):
        if name not in HIDDEN:
            _field(out, name, getattr(shown, name))
    if _is_overdue(shown, today):
        what = "due date" if hasattr(shown, "due") else "target"
        out.append(f"{OVERDUE}: the {what} has passed and it is not finished\n", style="bold red")
    if part is None and getattr(item, "parts", None):
        _parts(out, item, today)
    _changes(out, changes)
    return out


def _heading(table: str, item: Any, part: int | None) -> str:
    shown = item.parts[part - 1] if part is not None else item
    title = next((getattr(shown, f) for f in ("title", "name", "text") if hasattr(shown, f)), "")
    return f"{record_kind(table, str(item.id), part)} — {title}"


def _field(out: Text, name: str, value: Any) -> None:
    label = name.capitalize()
    if isinstance(value, dict) and name == "amounts":
        _amounts(out, value)
        return
    out.append(f"{label}: ", style=LABEL)
    if name == "due":  # an action's due date: ISO in the store, the UK way here
        out.append((uk_date(value) or "—") + "\n")
    elif isinstance(value, Enum):
        word = str(value.value)
        out.append((status_label(word) if word in SYMBOLS else word) + "\n")
    elif isinstance(value, int) and not isinstance(value, bool):
        out.append(money(value) + "\n")
    else:
        text = visible_lines(str(value)) if value not in ("", None) else "—"
        out.append(("\n" + text if "\n" in text else text) + "\n")


def _amounts(out: Text, amounts: dict[str, int]) -> None:
    """Money as everywhere: `1,250` under a £'000 heading, right-aligned."""
    rows = [(YEAR_LABELS.get(y, y), money(a)) for y, a in amounts.items()]
    rows.append(("Total", money(sum(amounts.values()))))
    label_width = max(len(label) for label, _ in rows)
    number_width = max(len(number) for _, number in rows)
    out.append("Amounts, £'000:\n", style=LABEL)
    for label, number in rows:
        out.append(f"  {label:<{label_width}}  {number:>{number_width}}\n")


def visible_lines(text: str) -> str:
    """Control characters made visible, line breaks kept: a multi-line note reads as typed."""
    return "\n".join(visible(line) for line in text.split("\n"))


def _is_overdue(shown: Any, today: dt.date) -> bool:
    check = getattr(shown, "is_overdue", None)
    return bool(check and check(today))


def _parts(out: Text, item: Any, today: dt.date) -> None:
    out.append("Parts:\n", style=LABEL)
    for n, part in enumerate(item.parts, start=1):
        late = f"  {OVERDUE}" if part.is_overdue(today) else ""
        target = f" · {visible(part.target)}" if part.target else ""
        out.append(f"  {item.id}.{n} {visible(part.title)} · {status_label(part.status.value)}")
        out.append(f"{target}")
        out.append(late + "\n", style="bold red")


def _changes(out: Text, changes: list[HistoryEntry]) -> None:
    out.append("Last changes:\n" if changes else "No changes recorded yet.\n", style=LABEL)
    for e in changes[:LAST_CHANGES]:
        what = change_text(e.action, e.old, e.new, e.table, e.record)
        field = f"{e.field}: " if e.action == "set" else ""
        out.append(f"  {shown_time(e.at)} {visible(e.who)}  ", style="dim")
        out.append(" ↵ ".join(visible(line) for line in f"{field}{what}".split("\n")) + "\n")


def history_text(entry: HistoryEntry) -> Text:
    """A History row in full: old and new values uncut."""
    out = Text()
    out.append(
        f"Change {entry.revision} — {shown_time(entry.at)} by {visible(entry.who)}\n",
        style="bold underline",
    )
    for label, value in (("Table", entry.table), ("Record", entry.record), ("Field", entry.field)):
        out.append(f"{label}: ", style=LABEL)
        out.append(visible(str(value)) + "\n")
    for label, value in (("Old", entry.old), ("New", entry.new)):
        _field(out, label.lower(), value if not isinstance(value, dict) else str(value))
    return out
