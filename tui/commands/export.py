"""`board export`: a snapshot in one format (to a file or stdout), or every format in a folder.

Snapshots are deliberate: `--all` records one (so the next lists what changed since), a single
format is a preview unless `--record` is given. `board --read-only export ...` and `--at`
exports never record.
Textual is imported only for SVG (the console's screen, rendered headless).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from store import EXPORT_FORMATS, TABS, ExportError, Repository, export_one, write_bundle

from ..paths import store_path
from . import SUMMARIES
from .output import print_warnings
from .show import revision_number

FORMATS = (*EXPORT_FORMATS, "svg")


def add_parser(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    parser = sub.add_parser(
        "export",
        help=SUMMARIES["export"],
    )
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--format", choices=FORMATS, help="one format")
    what.add_argument("--all", metavar="DIR", type=Path, help="every format into DIR")
    parser.add_argument(
        "-o", "--output", metavar="PATH", help="file for --format; - or none: stdout"
    )
    parser.add_argument("--force", action="store_true", help="overwrite existing files")
    parser.add_argument(
        "--today",
        type=dt.date.fromisoformat,
        default=None,
        metavar="YYYY-MM-DD",
        help="judge overdue targets as on this day (default: today)",
    )
    parser.add_argument("--tab", choices=TABS, default="overview", help="the screen for svg")
    parser.add_argument(
        "--record",
        action="store_true",
        help="record this single-format export as a snapshot (--all always does)",
    )
    parser.add_argument(
        "--at",
        type=revision_number,
        default=None,
        metavar="REVISION",
        help="the board as it stood at that revision (not svg; never recorded)",
    )
    return parser


def _svg(repo: Repository, args: argparse.Namespace, today: dt.date) -> str:
    from ..screenshot import render_svg

    return render_svg(repo, args.tab, today=today)


def run(args: argparse.Namespace) -> int:
    if args.all is not None and args.output is not None:
        raise ExportError("--all writes into its folder; -o is only for --format")
    if args.at is not None and (args.format == "svg" or args.record):
        raise ExportError(
            "--at cannot be used with svg or --record (a past board is not a snapshot)"
        )
    repo = Repository.open(store_path(args.store), read_only=args.read_only)
    today = args.today or dt.date.today()
    if args.all is not None:
        svg = _svg(repo, args, today) if args.at is None else None  # the screen is the present
        paths = write_bundle(repo, args.all, today=today, svg=svg, force=args.force, at=args.at)
        print_warnings(repo)
        print(f"wrote {len(paths)} files to {args.all.resolve()}", file=sys.stderr)
        return 0
    svg = _svg(repo, args, today) if args.format == "svg" else None
    target = None if args.output in (None, "-", "/dev/stdout") else Path(args.output)
    export_one(
        repo,
        args.format,
        target,
        today=today,
        svg=svg,
        force=args.force,
        stream=sys.stdout.buffer,
        record=args.record,
        at=args.at,
    )
    print_warnings(repo)  # damaged history lines the changes list skipped
    # stdout stays the snapshot's alone, so the note goes to stderr; /dev/null was asked for silence
    if target is not None and str(target) != os.devnull:
        print(f"wrote the {args.format} snapshot to {target.resolve()}", file=sys.stderr)
    return 0
