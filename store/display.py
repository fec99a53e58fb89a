"""How a value is shown: one home for each display rule, used by the console, the CLI and exports.

Money, times, statuses, the overdue mark, history values and the console's tab names are written
once here, so `board history`, the History tab and a snapshot cannot drift apart. No textual.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .dates import local_time

# The console's tabs in order, by id (the `--tab` of `board export --format svg`) and by title.
TABS = ("overview", "components", "bids", "implications", "recommendations", "history", "actions")
TAB_TITLES = (
    "Overview",
    "Components",
    "Bids",
    "Implications",
    "Recommendations",
    "History",
    "Actions",
)

# A symbol beside every status word, so status never rests on colour alone.
SYMBOLS: dict[str, str] = {
    "not started": "○",
    "under development": "◐",
    "under review": "◑",
    "complete": "✔",
    "superseded": "⊘",
    "proposed": "○",
    "recommended": "◑",
    "approved": "✔",
    "reserve": "◇",
    "deferred": "⏸",
    "rejected": "✘",
    "withdrawn": "⊘",
    "pending": "○",
    "agreed": "✔",
    "amended": "✎",
    "not agreed": "✘",
    "open": "○",
    "done": "✔",
    "dropped": "⊘",
    "Y": "●",
    "N": "○",
}

OVERDUE = "⚠ overdue"


def status_label(word: str) -> str:
    """`complete` -> `✔ complete`."""
    return f"{SYMBOLS.get(word, '?')} {word}"


def money(value: int) -> str:
    """Whole £'000 with thousands separators: 1720 -> '1,720'."""
    return f"{value:,}"


def priority_label(rank: int, within: bool | None) -> str:
    """A bid's place: `1`, or against an envelope `1 · within` / `4 · below line`."""
    if within is None:
        return str(rank)
    return f"{rank} · {'within' if within else 'below line'}"


def over_under(over: int | None) -> str:
    """Bids minus envelope as words: `70 over`, `30 under`, `even`; `—` without an envelope."""
    if over is None:
        return "—"
    return "even" if over == 0 else f"{money(abs(over))} {'over' if over > 0 else 'under'}"


def when(at: str) -> str:
    """A stored UTC time as a UK reader expects it, in the local zone with its name:
    `2026-12-01T08:07:00.123Z` -> `1 Dec 2026 08:07 GMT` (store/dates.py)."""
    return local_time(at)


def as_at_text(revision: int, changed_at: str) -> str:
    """`as at revision 12 (1 Dec 2026 10:04 GMT)`: the mark of a board from the past (its time
    shown like every other, in the local zone with its name)."""
    if not changed_at:
        return f"as at revision {revision} (as created)"
    return f"as at revision {revision} ({when(changed_at)})"


def target_text(target: str, overdue: bool) -> str:
    """A target month, marked when it has passed: `Dec 2004  ⚠ overdue`."""
    return f"{target}  {OVERDUE}" if overdue else target


def describe_value(value: Any) -> str:
    """A history value as one short text: money with separators, empty as —, a record by title."""
    if value is None or value == "":
        return "—"
    if isinstance(value, int) and not isinstance(value, bool):
        return money(value)
    if isinstance(value, dict):
        return str(value.get("title") or value.get("name") or value.get("text") or "record")
    if isinstance(value, list):  # a meeting's attendance
        return "; ".join(map(str, value)) or "—"
    return str(value)


# A record of each table, in words ("added bid 6 …").
RECORD_NOUNS = {
    "components": "component",
    "bids": "bid",
    "implications": "implication",
    "recommendations": "recommendation",
    "actions": "action",
    "meetings": "meeting",
}


def change_text(action: str, old: Any, new: Any, table: str = "", record: str = "") -> str:
    """`350 → 400`; an add or removal in words: `added bid 6 'Social care case management'`
    (`added 'EDRMS'` when the table and record are not given)."""
    if action in ("add", "delete"):
        verb, value = ("added", new) if action == "add" else ("removed", old)
        if not table:
            return f"{verb} {describe_value(value)}"
        return f"{verb} {RECORD_NOUNS.get(table, table)} {record} '{describe_value(value)}'"
    return f"{describe_value(old)} → {describe_value(new)}"


# The one rule for text from the store or a user shown anywhere but JSON: C0 and C1 controls
# (ESC, BEL, CSI U+009B: escape codes that retitle or drive a terminal) and the bidi embeddings,
# overrides, isolates and marks (U+202E in a title reversed that row's figures in a browser:
# 052,1 for 1,250) are shown as visible marks. Tab and line feed are kept (one_line and
# visible_lines decide about line breaks).
_UNSAFE = (
    *range(0x00, 0x09),
    *range(0x0B, 0x20),
    *range(0x7F, 0xA0),
    0x061C,
    0x200E,
    0x200F,
    *range(0x202A, 0x202F),
    *range(0x2066, 0x206A),
)


def _mark(code: int) -> str:
    if code < 0x20:
        return chr(0x2400 + code)  # the control pictures: ␛ for ESC, ␇ for BEL
    return "␡" if code == 0x7F else f"⟨U+{code:04X}⟩"


# Each unsafe character and its mark, for str.translate (no regex to compile at every start).
_MARKS = {code: _mark(code) for code in _UNSAFE}


def one_line(text: str) -> str:
    """Store text safe for a one-line message: control characters and line breaks visible."""
    return visible(text).replace("\n", "␊")


def visible(text: str) -> str:
    """Control and bidi characters as visible marks, so data can never drive a terminal nor
    reorder a line (see _UNSAFE).

    The usual printable text skips the regex (a 10,000-row tab calls this for every cell).
    """
    if text.isprintable():
        return text
    return text.translate(_MARKS)


def short_path(path: Path, home: Path | None = None) -> str:
    """A path short enough for a status line: `~/…/board.json`, `/srv/…/board.json`."""
    home = home or Path.home()
    path = path.expanduser()
    if path.is_relative_to(home):
        path = Path("~", path.relative_to(home))
    first = 2 if path.is_absolute() else 1  # "/" and its first folder, or "~" or a relative one
    if len(path.parts) <= first + 1:
        return str(path)
    return str(Path(*path.parts[:first], "…", path.name))
