"""How a value is shown: one home for each display rule, used by the console, the CLI and exports.

Money, times, statuses, the overdue mark, history values and the console's tab names are written
once here, so `board history`, the History tab and a snapshot cannot drift apart. No textual.
"""

from __future__ import annotations

import re
from typing import Any

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
    """A stored UTC time to the second: `2004-10-18T10:00:00.123Z` -> `2004-10-18 10:00:00`."""
    return at[:19].replace("T", " ")


def as_at_text(revision: int, changed_at: str) -> str:
    """`as at revision 12 (1 December 2026 10:04 UTC)`: the mark of a board from the past."""
    from .dates import uk_date

    if not changed_at:
        return f"as at revision {revision} (as created)"
    return f"as at revision {revision} ({uk_date(changed_at[:10])} {changed_at[11:16]} UTC)"


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


def change_text(action: str, old: Any, new: Any) -> str:
    """`350 → 400`, `added EDRMS`, `removed EDRMS`: what one change did."""
    if action == "add":
        return f"added {describe_value(new)}"
    if action == "delete":
        return f"removed {describe_value(old)}"
    return f"{describe_value(old)} → {describe_value(new)}"


# The one rule for text from the store or a user shown anywhere but JSON: C0 and C1 controls
# (ESC, BEL, CSI U+009B: escape codes that retitle or drive a terminal) and the bidi embeddings,
# overrides, isolates and marks (U+202E in a title reversed that row's figures in a browser:
# 052,1 for 1,250) are shown as visible marks. Tab and line feed are kept (one_line and
# visible_lines decide about line breaks).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _mark(char: str) -> str:
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the control pictures: ␛ for ESC, ␇ for BEL
    return "␡" if code == 0x7F else f"⟨U+{code:04X}⟩"


def visible(text: str) -> str:
    """Control and bidi characters as visible marks, so data can never drive a terminal nor
    reorder a line (see _UNSAFE).

    The usual printable text skips the regex (a 10,000-row tab calls this for every cell).
    """
    if text.isprintable():
        return text
    return _UNSAFE.sub(lambda m: _mark(m.group()), text)
