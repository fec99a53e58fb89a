"""`board add TABLE FIELD=VALUE ...`: a row for a table that takes rows (components, bids, actions).

It calls the store's own `add`, so its rules (ids, validation, the meeting's number) apply.
"""

from __future__ import annotations

import argparse

from store import ROW_TABLES, Repository, ValidationError, parse_value

from ..paths import store_path
from . import SUMMARIES
from .set import confirmation

TABLES = ", ".join(ROW_TABLES)


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "add",
        help=SUMMARIES["add"],
        description=f"Add a row to {TABLES}, validated and recorded like a console edit.",
        epilog='example: board add actions text="Circulate the components" owner="I Vania" '
        'due=30/11/2004 source="recommendations 3.2"',
    )
    parser.add_argument("table", metavar="TABLE", help=TABLES)
    parser.add_argument("fields", nargs="*", metavar="FIELD=VALUE", help="the new row's fields")
    return parser


def _pairs(table: str, items: list[str]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for item in items:
        field, sep, value = item.partition("=")
        if not sep or not field.strip():
            raise ValidationError(f'{item!r} is not FIELD=VALUE (e.g. owner="I Vania")')
        parse_value(table, field, value)  # before the store is opened: a refusal creates nothing
        fields[field.strip().lower()] = value
    return fields


def run(args: argparse.Namespace) -> int:
    if args.table not in ROW_TABLES:
        raise ValidationError(f"rows can be added to {TABLES}, not {args.table!r}")
    fields = _pairs(args.table, args.fields)
    repo = Repository.open(store_path(args.store), read_only=args.read_only)
    print(confirmation(repo.add(args.table, fields)))
    return 0
