"""The Overview tab's text: the report, its decision status, and the programme at a glance."""

from __future__ import annotations

import datetime as dt

from rich.text import Text

from store import (
    OVERDUE,
    YEAR_LABELS,
    BoardState,
    decision_requirement,
    money,
    status_label,
    uk_date,
    visible,
)

from .cells import STATUS_STYLES
from .chart import funding_chart


def _line(out: Text, label: str, value: str, style: str = "") -> None:
    out.append(f"{label:<22}", style="bold")
    out.append(visible(value) + "\n", style=style)


def overview_text(state: BoardState, today: dt.date) -> Text:
    r = state.report
    out = Text()
    out.append(visible(r["title"]) + "\n", style="bold underline")
    out.append(visible(f"{r['authority']} — report of the {r['report_of']}") + "\n\n")
    _line(out, "Meeting", f"{r['decision_maker']}, {uk_date(r['meeting_date'])}")
    _line(out, "Wards affected", r["wards_affected"])
    _line(out, "Aim", f"'{r['aim']}'")
    ds = r["decision_status"]
    _line(out, "Key decision", f"{ds['key_decision']} — {ds['reason']}")
    _line(out, "In forward plan", ds["forward_plan"])
    _line(out, "Decision by", ds["executive_or_council"])
    requirement = decision_requirement(r)
    if requirement:
        _line(out, "Requires", requirement, style="bold yellow")
    _meeting_lines(out, state, today)
    out.append("\nComponents\n", style="bold")
    for word, count in state.status_counts().items():
        out.append(f"  {count:>2}  ")
        out.append(status_label(word) + "\n", style=STATUS_STYLES.get(word, ""))
    overdue = sum(c.is_overdue(today) for c in state.components)
    out.append(f"  {overdue:>2}  {OVERDUE}\n", style="bold red" if overdue else "")
    totals = state.year_totals()
    out.append("\nCapital bids (£'000)\n", style="bold")
    out.append("  " + "   ".join(f"{YEAR_LABELS[y]}: {money(v)}" for y, v in totals.items()) + "\n")
    out.append(f"  Grand total: {money(state.grand_total)}\n", style="bold")
    for year, over in state.oversubscription().items():
        word = "over-subscribed by" if over > 0 else "within envelope by"
        out.append(
            f"  {YEAR_LABELS[year]}: {word} {money(abs(over))}\n",
            style="red" if over > 0 else "green",
        )
    out.append_text(funding_chart(state))
    out.append("\nRecommendations\n", style="bold")
    for rec in state.recommendations:
        out.append(f"  {rec.id}  ")
        out.append(
            status_label(rec.decision.value), style=STATUS_STYLES.get(rec.decision.value, "")
        )
        out.append("  " + visible(rec.text) + "\n")
    return out


def _meeting_lines(out: Text, state: BoardState, today: dt.date) -> None:
    """The meeting under way (or the last one) and the actions still open."""
    meeting = state.open_meeting
    if meeting is not None:
        _line(out, "Meeting open", f"{meeting.id}: {meeting.title}, {uk_date(meeting.date)}")
    elif (last := state.last_ended_meeting()) is not None:
        _line(out, "Last meeting", f"{last.id}: {last.title}, {uk_date(last.date)}")
    if state.actions:
        still = [a for a in state.actions if a.status.value == "open"]
        late = sum(a.is_overdue(today) for a in still)
        _line(out, "Actions", f"{len(still)} open, {late} overdue", "bold red" if late else "")
