"""`board reprofile BID FROM TO AMOUNT`: move money between two years of one bid, as one edit."""

from __future__ import annotations

import argparse

from store import Repository, planning

from ..paths import store_path
from . import SUMMARIES


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "reprofile",
        help=SUMMARIES["reprofile"],
        description="Move AMOUNT (£'000) of bid BID from year FROM to year TO as one recorded, "
        "undoable edit; the bid's total stays the same. Years: 2005/06, 2006/07, 2007/08, after.",
        epilog="example: board reprofile 1 2005/06 2006/07 100",
    )
    parser.add_argument("bid", metavar="BID", help="the bid's number (as in the console)")
    parser.add_argument("source", metavar="FROM", help="the year the money leaves")
    parser.add_argument("target", metavar="TO", help="the year the money goes to")
    parser.add_argument("amount", metavar="AMOUNT", help="whole £'000, more than 0")
    return parser


def run(args: argparse.Namespace) -> int:
    planning.parse_year(args.source), planning.parse_year(args.target)
    repo = Repository.open(store_path(args.store), read_only=args.read_only)
    plan = planning.reprofile(repo.state(), args.bid, args.source, args.target, args.amount)
    for line in planning.describe_parts(repo.apply(plan).parts):
        print(line)
    return 0
