"""What each table and field accepts. The only gate between a user's text and the file."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .dates import parse_date, typed_day
from .errors import NotFound, ValidationError
from .frozen import Frozen
from .funding import parse_rank
from .model import (
    YEARS,
    ActionStatus,
    BidStatus,
    ComponentStatus,
    Decision,
    FundingRoute,
    Target,
    YesNo,
)

MAX_AMOUNT = 10_000_000  # £'000, i.e. £10bn: far above any council capital bid
MAX_TEXT = 2_000
# ASCII digits only: `\d` alone also takes Arabic-Indic or full-width digits, which int() accepts.
_MONEY_RE = re.compile(r"^(\d{1,3}(,\d{3})+|\d+)$", re.ASCII)
_MAX_DIGITS = len(str(MAX_AMOUNT))

Parser = Callable[[Any], Any]


def _unknown(value: Any) -> bool:
    return False


class FieldRule(Frozen, frozen=True):
    """What one field accepts: `parse` turns a user's value into its stored form (or raises
    ValidationError saying why not); `stored_ok` is a quick test that a value read from the file
    is already in that form. True means valid; False means "ask `parse`", which gives the message.
    Opening a 10,000-bid store ran every parser on every field: ~100 ms of ~170 ms.
    """

    parse: Parser
    stored_ok: Callable[[Any], bool] = _unknown
    forms: str = ""  # what it accepts, in a user's words (shown before any error)


def _text(required: bool) -> FieldRule:
    def parse(value: Any) -> str:
        if not isinstance(value, str):
            raise ValidationError(f"{value!r} is not text")
        value = value.strip()
        if required and not value:
            raise ValidationError("it cannot be empty")
        if len(value) > MAX_TEXT:
            raise ValidationError(f"it is {len(value):,} characters long (at most {MAX_TEXT:,})")
        return value

    def stored_ok(v: Any) -> bool:
        return (
            type(v) is str and len(v) <= MAX_TEXT and v == v.strip() and (bool(v) or not required)
        )

    need = "cannot be empty" if required else "empty clears it"
    return FieldRule(parse, stored_ok, f"text, up to {MAX_TEXT:,} characters; {need}")


def _choice(vocabulary: type[Any]) -> FieldRule:
    words = vocabulary.words()

    def parse(value: Any) -> str:
        text = value.strip() if isinstance(value, str) else value
        for word in words:
            if isinstance(text, str) and text.lower() == word.lower():
                return str(word)
        allowed = ", ".join(words)
        raise ValidationError(f"{value!r} is not one of: {allowed}")

    stored = frozenset(str(word) for word in words)
    return FieldRule(parse, lambda v: type(v) is str and v in stored, "one of: " + ", ".join(words))


def _parse_money(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValidationError(f"{value!r} is not a whole number of £'000")
    if isinstance(value, str):
        text = value.strip()
        if not _MONEY_RE.match(text):
            raise ValidationError(
                f"{value!r} is not a whole non-negative number of £'000 (e.g. 350 or 1,250)"
            )
        digits = text.replace(",", "").lstrip("0") or "0"
        if len(digits) > _MAX_DIGITS:  # before int(): it refuses over 4,300 digits
            shown = text if len(text) <= 40 else f"{text[:20]}…({len(digits)} digits)"
            raise ValidationError(f"{shown} is outside 0 to {MAX_AMOUNT:,} (£'000)")
        value = int(digits)
    if not 0 <= value <= MAX_AMOUNT:
        raise ValidationError(f"{_amount(value)} is outside 0 to {MAX_AMOUNT:,} (£'000)")
    return value


_money = FieldRule(
    _parse_money,
    lambda v: type(v) is int and 0 <= v <= MAX_AMOUNT,
    f"a whole number of £'000, 0 to {MAX_AMOUNT:,}: 350 or 1,250",
)


def _amount(value: int) -> str:
    """`1,234` — or a description, since str() of an int over 4,300 digits raises ValueError."""
    return f"{value:,}" if value.bit_length() < 1000 else f"a {value.bit_length()}-bit number"


def _priority(value: Any) -> int | None:
    """None only as stored by a store from before priorities (read in the report's order)."""
    return None if value is None else parse_rank(value)


# A store from before priorities has none (the report's order is used); a stored one is from 1.
_priority_rule = FieldRule(_priority, lambda v: v is None or (type(v) is int and v >= 1))


def _parse_target(value: Any) -> str:
    """A month (`Jan 2027`, `end-Jan 2027`, `January 2027`) or a day, UK order
    (`31/01/2027`, `2027-01-31`, `31 January 2027`), stored as `end-Jan 2027` or `31 Jan 2027`."""
    if not isinstance(value, str):
        raise ValidationError(f"{value!r} is not a target month")
    if not value.strip():
        return ""
    try:
        return str(Target.parse(value))
    except ValueError as err:
        day = typed_day(value)
        if day is None:
            raise ValidationError(str(err)) from None
    try:
        return str(Target.of(day.year, day.month, day=day.day))
    except ValueError as err:
        raise ValidationError(str(err)) from None


TARGET_FORMS = (
    "a month or a day: Jan 2027, mid-Jan 2027, end-Jan 2027, 31/01/2027, 2027-01-31 "
    "or 31 January 2027; empty clears"
)
# A stored target is checked by parsing it.
_target = FieldRule(_parse_target, forms=TARGET_FORMS)


def _parse_due(value: Any) -> str:
    """A due date in any UK spelling, stored as ISO; empty for none."""
    if not isinstance(value, str):
        raise ValidationError(f"{value!r} is not a date")
    if not value.strip():
        return ""
    try:
        return parse_date(value).isoformat()
    except ValueError as err:
        raise ValidationError(str(err)) from None


def _iso_day(value: Any) -> bool:
    """A stored due date: ISO and a day the parser accepts."""
    try:
        return type(value) is str and (value == "" or parse_date(value).isoformat() == value)
    except ValueError:
        return False


_due = FieldRule(_parse_due, _iso_day)
_SOURCE_TABLES = ("components", "bids", "implications", "recommendations")


def _parse_source(value: Any) -> str:
    """The record an action came from, as `TABLE ID` (e.g. `recommendations 3.2`); or empty."""
    text = _text(False).parse(value)
    if not text:
        return ""
    table, _, record = text.partition(" ")
    if table not in _SOURCE_TABLES or not record.strip() or " " in record.strip():
        raise ValidationError(
            f"{value!r} is not a record like 'recommendations 3.2' (tables: "
            f"{', '.join(_SOURCE_TABLES)})"
        )
    return f"{table} {record.strip()}"


_source = FieldRule(_parse_source, lambda v: v == "")

FIELDS: dict[str, dict[str, FieldRule]] = {
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
        "priority": _priority_rule,
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
    "actions": {
        "text": _text(True),
        "owner": _text(False),
        "due": _due,
        "status": _choice(ActionStatus),
        "source": _source,
    },
}
PART_FIELDS: dict[str, FieldRule] = {
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
    "actions": "status",
}
_PART_RE = re.compile(r"^part([0-9]+)\.(\w+)$", re.ASCII)
_VOCABULARIES = {
    ("components", "status"): ComponentStatus,
    ("bids", "status"): BidStatus,
    ("bids", "funding"): FundingRoute,
    ("implications", "applies"): YesNo,
    ("recommendations", "decision"): Decision,
    ("actions", "status"): ActionStatus,
}


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
        return f"part{int(match.group(1))}.{match.group(2)}"  # part04 is part4: one name a field
    if field not in FIELDS[table]:
        names = ", ".join(field_names(table))
        raise NotFound(f"unknown field {field!r} for {table}; fields are: {names}")
    return field


def field_names(table: str) -> tuple[str, ...]:
    """Every field `parse_value` accepts on `table` as a user types it (parts as `partN.status`)."""
    parts = tuple(f"partN.{name}" for name in PART_FIELDS) if table == "components" else ()
    return (*FIELDS[check_table(table)], *parts)


def split_part(field: str) -> tuple[int, str] | None:
    """`part4.status` -> (4, 'status'); other fields -> None."""
    match = _PART_RE.match(field)
    return (int(match.group(1)), match.group(2)) if match else None


def _rule(table: str, field: str) -> FieldRule:
    part = split_part(field)
    return PART_FIELDS[part[1]] if part else FIELDS[table][field]


def accepted_forms(table: str, field: str) -> str:
    """What `table.field` accepts, in a user's words: shown in the edit box before any error."""
    return _rule(table, canonical_field(table, field)).forms


def parse_value(table: str, field: str, value: Any, record: str = "") -> Any:
    """The stored form of `value` for `table.field`, or a ValidationError saying what is allowed."""
    field = canonical_field(table, field)
    try:
        return _rule(table, field).parse(value)
    except ValidationError as err:
        where = " ".join(filter(None, (table, str(record), field)))
        raise ValidationError(f"{where}: {err}") from None


def check_stored(table: str, record: dict[str, Any]) -> None:
    """Raise ValidationError unless every field of a stored record is already in canonical form."""
    amounts = record.get("amounts", {})
    for field, parser, quick in _STORED_CHECKS[table]:
        value = amounts.get(field) if field in YEARS else record.get(field)
        if not quick(value):
            _check_value(field, parser, value)
    for n, part in enumerate(record.get("parts", []) if table == "components" else [], start=1):
        for field, parser, quick in _STORED_CHECKS["parts"]:
            value = part.get(field)
            if not quick(value):
                _check_value(f"part{n}.{field}", parser, value)


# (field, parse, stored_ok) per table, unpacked once: this loop runs for every stored field.
_STORED_CHECKS = {
    table: [(field, rule.parse, rule.stored_ok) for field, rule in fields.items()]
    for table, fields in [*FIELDS.items(), ("parts", PART_FIELDS)]
}


def _check_value(field: str, parser: Parser, value: Any) -> None:
    """A stored value must come back from its parser unchanged; the message names the field."""
    try:
        stored = parser(value)
    except ValidationError as err:
        raise ValidationError(f"{field}: {err}") from None
    if stored != value:
        raise ValidationError(f"{field} {value!r} is not in stored form")


def choices(table: str, field: str) -> list[str] | None:
    """The allowed words of a status-like field, in order; None for free text and money."""
    part = split_part(field)
    key = (table, part[1] if part else field)
    vocabulary = _VOCABULARIES.get(key)
    return vocabulary.words() if vocabulary else None
