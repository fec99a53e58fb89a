"""`board minutes`: the decision sheet of a meeting, from its own record and edits."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from store import Repository, parse_date

from ..paths import store_path
from . import SUMMARIES


def _date(text: str) -> dt.date:
    try:
        return parse_date(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def _days(text: str) -> int:
    if not text.isdecimal() or not 0 <= int(text) <= 60:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of working days (0-60)")
    return int(text)


def _number(text: str) -> int:
    if not text.isdecimal() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a meeting number (1 or more)")
    return int(text)


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "minutes",
        help=SUMMARIES["minutes"],
        description="The decision sheet of a meeting, built only from its record and the edits "
        "made while it was open: attendance, each decision with its wording and when it takes "
        "effect after call-in, status and money changes, actions raised.",
    )
    parser.add_argument("--meeting", type=_number, metavar="N", help="default: the latest")
    parser.add_argument("--format", choices=("md", "html"), default="md")
    parser.add_argument("-o", "--output", metavar="PATH", help="file to write; - or none: stdout")
    parser.add_argument("--force", action="store_true", help="overwrite an existing file")
    parser.add_argument(
        "--published",
        type=_date,
        metavar="DATE",
        help="the day the sheet is published, for call-in (default: today)",
    )
    parser.add_argument(
        "--call-in-days",
        type=_days,
        default=5,
        metavar="N",
        help="working days after publication before a decision takes effect (default 5)",
    )
    return parser


def run(args: argparse.Namespace) -> int:
    from store import write_file
    from store.export.minutes import RENDERERS
    from store.minutes import build

    from .output import print_warnings

    repo = Repository.open(store_path(args.store))
    minutes = build(repo, args.meeting, published=args.published, call_in_days=args.call_in_days)
    data = RENDERERS[args.format](minutes).encode("utf-8")
    if args.output in (None, "-", "/dev/stdout"):
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:  # never onto the store's own files, through a symlink or into a device (writing.py)
        write_file(Path(args.output), data, force=args.force, store=repo.path)
    print_warnings(repo)  # damaged history lines the sheet skipped
    return 0
