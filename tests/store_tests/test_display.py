"""One home per display rule (store/display.py): what the console, `board` and exports all show."""

from __future__ import annotations

import time

import pytest

from store import change_text, describe_value, money, target_text, when


def test_times_are_shown_in_the_local_zone_with_its_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/London")
    time.tzset()
    try:
        assert when("2026-12-01T08:07:00.123456Z") == "1 Dec 2026 08:07 GMT"
        assert when("2026-07-01T08:07:00Z") == "1 Jul 2026 09:07 BST"  # stored UTC, shown local
    finally:
        monkeypatch.undo()
        time.tzset()


@pytest.mark.parametrize(
    ("value", "shown"),
    [(1250, "1,250"), (0, "0"), (None, "—"), ("", "—"), ({"title": "EDRMS"}, "EDRMS"), ("x", "x")],
)
def test_history_values(value: object, shown: str) -> None:
    assert describe_value(value) == shown


def test_money_and_changes_use_thousands_separators() -> None:
    assert money(1720) == "1,720"
    assert change_text("set", 350, 1250) == "350 → 1,250"
    assert change_text("add", None, {"title": "Wi-Fi"}) == "added Wi-Fi"
    added = change_text("add", None, {"title": "Social care case management"}, "bids", "6")
    assert added == "added bid 6 'Social care case management'"


def test_the_overdue_mark_follows_the_target() -> None:
    assert target_text("end-Nov 2004", True) == "end-Nov 2004  ⚠ overdue"
    assert target_text("end-Nov 2004", False) == "end-Nov 2004"


def test_a_meeting_date_reads_as_a_uk_date() -> None:
    from store import uk_date

    assert uk_date("2004-10-18") == "18 October 2004"
    assert uk_date("not a date") == "not a date"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("31/01/2027", "31 Jan 2027"),
        ("2027-01-31", "31 Jan 2027"),
        ("2027-01-02", "2 Jan 2027"),  # ISO is year-month-day, whatever dayfirst says
        ("02/01/2027", "2 Jan 2027"),  # UK order: day first
        ("31 January 2027", "31 Jan 2027"),
        ("Jan 2027", "Jan 2027"),
        ("end-Jan 2027", "end-Jan 2027"),
        ("mid-Nov 2004", "mid-Nov 2004"),
    ],
)
def test_targets_accept_uk_dates_and_months(typed: str, stored: str) -> None:
    from store import parse_value

    assert parse_value("components", "target", typed, "2") == stored


@pytest.mark.parametrize("typed", ["30/02/2027", "2027-02-30", "soon", "31/01/1900", "x" * 500])
def test_impossible_targets_are_refused(typed: str) -> None:
    from store import ValidationError, parse_value

    with pytest.raises(ValidationError, match="components 2 target"):
        parse_value("components", "target", typed, "2")


def test_a_day_target_is_overdue_the_day_after() -> None:
    import datetime as dt

    from store import Target

    target = Target.parse("31 Jan 2027")
    assert target.deadline() == dt.date(2027, 1, 31)
    assert str(target) == "31 Jan 2027"
