"""What each table and field accepts. The only gate between a user's text and the file."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .errors import NotFound, ValidationError
from .model import YEARS, BidStatus, ComponentStatus, Decision, FundingRoute, Target, YesNo

MAX_AMOUNT = 10_000_000  # £'000, i.e. £10bn: far above any council capital bid
MAX_TEXT = 2_000
# ASCII digits only: `\d` alone also takes Arabic-Indic or full-width digits, which int() accepts.
_MONEY_RE = re.compile(r"^(\d{1,3}(,\d{3})+|\d+)$", re.ASCII)
_MAX_DIGITS = len(str(MAX_AMOUNT))

Parser = Callable[[Any], Any]


def _text(required: bool) -> Parser:
    def parse(value: Any) -> str:
        if not isinstance(value, str):
            raise ValidationError(f"{value!r} is not text")
        value = value.strip()
        if required and not value:
            raise ValidationError("it cannot be empty")
        if len(value) > MAX_TEXT:
            raise ValidationError(f"it is {len(value):,} characters long (at most {MAX_TEXT:,})")
        return value

    return parse


def _choice(vocabulary: type[Any]) -> Parser:
    words = vocabulary.words()

    def parse(value: Any) -> str:
        text = value.strip() if isinstance(value, str) else value
        for word in words:
            if isinstance(text, str) and text.lower() == word.lower():
                return str(word)
        allowed = ", ".join(words)
        raise ValidationError(f"{value!r} is not one of: {allowed}")

    return parse


def _money(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValidationError(f"{value!r} is not a whole number of £'000")
    if isinstance(value, str):
        text = value.strip()
        if not _MONEY_RE.match(text):
            raise ValidationError(
                f"{value!r} is not a whole non-negative number of £'000 (e.g. 350 or 1,250)"
            )
        digits = text.replace(",", "").lstrip("0") or "0"
        if len(digits) > _MAX_DIGITS:  # int() refuses over 4,300 digits with a ValueError
            raise ValidationError(f"{text} is outside 0 to {MAX_AMOUNT:,} (£'000)")
        value = int(digits)
    if not 0 <= value <= MAX_AMOUNT:
        raise ValidationError(f"{_amount(value)} is outside 0 to {MAX_AMOUNT:,} (£'000)")
    return value


def _amount(value: int) -> str:
    """`1,234` — or a description, since str() of an int over 4,300 digits raises ValueError."""
    return f"{value:,}" if value.bit_length() < 1000 else f"a {value.bit_length()}-bit number"


def _target(value: Any) -> str:
    if not isinstance(value, str):
        raise ValidationError(f"{value!r} is not a target month")
    if not value.strip():
        return ""
    try:
        return str(Target.parse(value))
    except ValueError as err:
        raise ValidationError(str(err)) from None


FIELDS: dict[str, dict[str, Parser]] = {
    "components": {
        "title": _text(True),
        "status": _choice(ComponentStatus),
        "target": _target,
        "owner": _text(False),
        "note": _text(False),
    },
    "bids": {
        "title": _text(True),
        **{year: _money for year in YEARS},
        "status": _choice(BidStatus),
        "funding": _choice(FundingRoute),
        "note": _text(False),
    },
    "implications": {
        "name": _text(True),
        "applies": _choice(YesNo),
        "paragraphs": _text(False),
        "note": _text(False),
    },
    "recommendations": {
        "text": _text(True),
        "decision": _choice(Decision),
        "note": _text(False),
    },
}
PART_FIELDS: dict[str, Parser] = {
    "title": _text(True),
    "status": _choice(ComponentStatus),
    "target": _target,
}
ALIASES = {("implications", "title"): "name", ("bids", "after 2007/08"): "after"}
TABLES = tuple(FIELDS)
# The field that `space` cycles on each table.
STATUS_FIELD = {
    "components": "status",
    "bids": "status",
    "implications": "applies",
    "recommendations": "decision",
}
_PART_RE = re.compile(r"^part(\d+)\.(\w+)$")


def check_table(table: str) -> str:
    if table not in FIELDS:
        raise NotFound(f"unknown table {table!r}; tables are: {', '.join(TABLES)}")
    return table


def canonical_field(table: str, field: str) -> str:
    """Lower-case, resolve aliases, and check the field exists (parts as `part4.status`)."""
    check_table(table)
    field = ALIASES.get((table, field.strip().lower()), field.strip().lower())
    match = _PART_RE.match(field)
    if table == "components" and match and match.group(2) in PART_FIELDS:
        return field
    if field not in FIELDS[table]:
        names = ", ".join(FIELDS[table]) + (", partN.status" if table == "components" else "")
        raise NotFound(f"unknown field {field!r} for {table}; fields are: {names}")
    return field


def split_part(field: str) -> tuple[int, str] | None:
    """`part4.status` -> (4, 'status'); other fields -> None."""
    match = _PART_RE.match(field)
    return (int(match.group(1)), match.group(2)) if match else None


def parse_value(table: str, field: str, value: Any, record: str = "") -> Any:
    """The stored form of `value` for `table.field`, or a ValidationError saying what is allowed."""
    field = canonical_field(table, field)
    part = split_part(field)
    parser = PART_FIELDS[part[1]] if part else FIELDS[table][field]
    try:
        return parser(value)
    except ValidationError as err:
        where = " ".join(filter(None, (table, str(record), field)))
        raise ValidationError(f"{where}: {err}") from None


def check_stored(table: str, record: dict[str, Any]) -> None:
    """Raise ValidationError unless every field of a stored record is already in canonical form."""
    for field, parser in FIELDS[table].items():
        value = record.get("amounts", {}).get(field) if field in YEARS else record.get(field)
        if parser(value) != value:
            raise ValidationError(f"{field} {value!r} is not in stored form")
    for part in record.get("parts", []) if table == "components" else []:
        for field, parser in PART_FIELDS.items():
            if parser(part.get(field)) != part.get(field):
                raise ValidationError(f"part {field} {part.get(field)!r} is not in stored form")
