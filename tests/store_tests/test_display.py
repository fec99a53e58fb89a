"""One home per display rule (store/display.py): what the console, `board` and exports all show."""

from __future__ import annotations

import pytest

from store import change_text, describe_value, money, target_text, when


def test_times_are_shown_to_the_second_without_the_t() -> None:
    assert when("2004-10-18T10:00:00.123456Z") == "2004-10-18 10:00:00"


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


def test_the_overdue_mark_follows_the_target() -> None:
    assert target_text("end-Nov 2004", True) == "end-Nov 2004  ⚠ overdue"
    assert target_text("end-Nov 2004", False) == "end-Nov 2004"
