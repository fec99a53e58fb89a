"""The decision sheet as text: Markdown for the minutes, HTML (a Jinja2 template) to circulate.

Both draw the same `Sheet`, plain strings made once from `Minutes` (dates the UK way, changes as
`old → new`), so the two formats never disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..dates import uk_date
from ..display import change_text, status_label
from ..minutes import ActionItem, ChangeItem, DecisionItem, Minutes

FORMATS = ("md", "html")


# One row of a sheet table, every cell already text, in column order (the template names them).
Line = dict[str, str]

DECISION_HEADERS = ("#", "Recommendation", "Decision", "Note", "Takes effect")
CHANGE_HEADERS = ("Record", "Field", "Old → new", "Who")
ACTION_HEADERS = ("#", "Action", "Owner", "Due", "From")


@dataclass(frozen=True)
class Sheet:
    title: str
    number: int
    draft: bool
    heading: str
    date: str
    present: str
    apologies: str
    requirement: str
    call_in: str
    decisions: tuple[Line, ...]
    changes: tuple[Line, ...]
    actions: tuple[Line, ...]
    footer: str


def sheet(m: Minutes) -> Sheet:
    meeting, report = m.meeting, m.report
    return Sheet(
        title=f"{meeting.title}, {uk_date(meeting.date)}",
        number=meeting.id,
        draft=meeting.is_open,
        heading=f"{report.get('title', '')} — {report.get('authority', '')}",
        date=uk_date(meeting.date),
        present="; ".join(meeting.present) or "none recorded",
        apologies="; ".join(meeting.apologies) or "none",
        requirement=m.requirement or "",
        call_in=_call_in(m),
        decisions=tuple(_decision_line(d) for d in m.decisions),
        changes=tuple(_change_line(c) for c in m.changes),
        actions=tuple(_action_line(a) for a in m.actions),
        footer=_footer(m),
    )


def _decision_line(d: DecisionItem) -> Line:
    return {
        "ref": d.ref,
        "wording": d.wording,
        "decision": status_label(d.decision),
        "note": d.note,
        "takes_effect": _effect(d.takes_effect),
    }


def _change_line(c: ChangeItem) -> Line:
    change = change_text(c.action, c.old, c.new)
    return {"record": c.record, "field": c.field, "change": change, "who": c.who}


def _action_line(a: ActionItem) -> Line:
    return {
        "id": str(a.id),
        "text": a.text,
        "owner": a.owner,
        "due": uk_date(a.due) or "—",
        "source": a.source or "—",
    }


def _effect(day: dt.date | None) -> str:
    return "nothing takes effect" if day is None else uk_date(day.isoformat())


def _call_in(m: Minutes) -> str:
    days = "working day" if m.call_in_days == 1 else "working days"
    return (
        f"Published {uk_date(m.published.isoformat())}. A decision takes effect "
        f"{m.call_in_days} {days} after publication unless it is called in (weekends and "
        "England and Wales bank holidays are not counted)."
    )


def _footer(m: Minutes) -> str:
    meeting = m.meeting
    end = "still open" if meeting.end_revision is None else f"to revision {meeting.end_revision}"
    noun = "edit" if m.edits == 1 else "edits"
    return (
        f"Built from meeting {meeting.id}'s own record and its {m.edits} recorded {noun} "
        f"(revision {meeting.start_revision} {end})."
    )


# --- Markdown ---------------------------------------------------------------------------------
def render_md(m: Minutes) -> str:
    from .markdown import md

    s = sheet(m)
    out = [f"# Decision sheet: {md(s.title)}", ""]
    if s.draft:
        out += [f"**Draft: meeting {s.number} is still open.**", ""]
    out += [f"{md(s.heading)}  ", f"Meeting {s.number}, {md(s.date)}  "]
    out += [f"**Present:** {md(s.present)}  ", f"**Apologies:** {md(s.apologies)}", ""]
    if s.requirement:
        out += [f"> {md(s.requirement)}", ""]
    out += ["## Decisions", "", md(s.call_in), ""]
    out += _md_table(
        DECISION_HEADERS, s.decisions, "No recommendation was decided at this meeting."
    )
    out += ["## Status and money changes", ""]
    out += _md_table(CHANGE_HEADERS, s.changes, "None.")
    out += ["## Actions raised", ""]
    out += _md_table(ACTION_HEADERS, s.actions, "None.")
    return "\n".join([*out, md(s.footer), ""])


def _md_table(headers: tuple[str, ...], rows: tuple[Line, ...], empty: str) -> list[str]:
    from .markdown import md

    if not rows:
        return [empty, ""]
    lines = ["| " + " | ".join(headers) + " |", "|" + " --- |" * len(headers)]
    lines += ["| " + " | ".join(md(c) for c in row.values()) + " |" for row in rows]
    return [*lines, ""]


# --- HTML -------------------------------------------------------------------------------------
def render_html(m: Minutes) -> str:
    from .templating import render_template

    return render_template("minutes.html", sheet=sheet(m))


RENDERERS = {"md": render_md, "html": render_html}
