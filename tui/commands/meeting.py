"""`board meeting start|update|end|list`: the meeting as a record.

While a meeting is open every edit, from any console or script, carries its number in the
history; `board minutes` builds the decision sheet from those edits.
"""

from __future__ import annotations

import argparse

from rich.text import Text

from store import Meeting, Repository, uk_date
from store.display import one_line

from ..paths import store_path
from . import SUMMARIES
from .output import board_console


def _attendance(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--date", metavar="DATE", help="the meeting's date (default: today)")
    parser.add_argument("--title", metavar="TEXT", help="e.g. 'Cabinet' or 'e-Programme Board'")
    parser.add_argument("--present", metavar='"A; B"', help="who is present, ';' between names")
    parser.add_argument("--apologies", metavar='"C; D"', help="apologies, ';' between names")


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "meeting",
        help=SUMMARIES["meeting"],
        description="A meeting is a recorded edit: while one is open, every edit carries its "
        "number, and `board minutes` builds the decision sheet from them.",
    )
    what = parser.add_subparsers(dest="meeting_command", metavar="start|update|end|list")
    what.required = True
    _attendance(what.add_parser("start", help="open a meeting (refused while one is open)"))
    _attendance(
        what.add_parser("update", help="correct the open meeting's date, title or attendance")
    )
    what.add_parser("end", help="close the open meeting")
    what.add_parser("list", help="every meeting: number, date, title, revisions, attendance")
    return parser


def _given(args: argparse.Namespace) -> dict[str, str | None]:
    return {k: getattr(args, k) for k in ("date", "title", "present", "apologies")}


def describe(meeting: Meeting) -> str:
    """`meeting 2, 18 October 2004, Cabinet: revisions 14-31; present A, B; apologies C`."""
    span = f"from revision {meeting.start_revision}"
    if meeting.end_revision is not None:
        span = f"revisions {meeting.start_revision}-{meeting.end_revision}"
    present = ", ".join(meeting.present) or "none recorded"
    apologies = ", ".join(meeting.apologies) or "none"
    state = " (open)" if meeting.is_open else ""
    return one_line(
        f"meeting {meeting.id}{state}, {uk_date(meeting.date)}, {meeting.title}: {span}; "
        f"present {present}; apologies {apologies}"
    )


def run(args: argparse.Namespace) -> int:
    command = args.meeting_command
    if command == "list":
        return _list(Repository.open(store_path(args.store)))
    repo = Repository.open(store_path(args.store), read_only=args.read_only)
    if command == "start":
        print(f"started {describe(repo.start_meeting(**_given(args)))}")
    elif command == "update":
        print(f"corrected {describe(repo.update_meeting(**_given(args)))}")
    else:
        print(f"ended {describe(repo.end_meeting())}")
    return 0


def _list(repo: Repository) -> int:
    console = board_console(soft_wrap=True)
    meetings = repo.state().meetings
    for meeting in meetings:
        console.print(Text(describe(meeting)))
    if not meetings:
        console.print(Text("No meetings yet (start one with: board meeting start)."))
    return 0
