"""Property tests (hypothesis): what validation accepts, and edit/undo sequences against a model."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, precondition, rule

from store import BidStatus, Change, ComponentStatus, Decision, Repository, ValidationError
from store.validate import FIELDS, MAX_AMOUNT, parse_value

CI = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
VOCABULARIES = {
    ("components", "status"): ComponentStatus.words(),
    ("bids", "status"): BidStatus.words(),
    ("recommendations", "decision"): Decision.words(),
}


# --- money ----------------------------------------------------------------------------------
amounts = st.integers(min_value=0, max_value=MAX_AMOUNT)


@CI
@given(amounts, st.sampled_from(["{}", "{:,}", " {} ", "{:,}\t"]))
def test_money_accepts_whole_amounts_as_int_or_text(value: int, shape: str) -> None:
    assert parse_value("bids", "2005/06", value) == value
    assert parse_value("bids", "2005/06", shape.format(value)) == value


stored_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-5, max_value=MAX_AMOUNT + 5),
    st.floats(allow_nan=False),
    st.text(max_size=40),
    st.sampled_from([" proposed", "Proposed", "proposed", "approved", "x" * 2_001, "", " a"]),
    st.sampled_from(["2004-11-30", "2004-13-45", "30/11/2004", "1066-10-14", "open", "done"]),
    st.lists(st.integers(), max_size=2),
)


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["bids", "components", "implications", "recommendations", "actions"]),
    stored_values,
)
def test_the_quick_stored_check_accepts_only_what_the_parser_keeps_unchanged(
    table: str, value: Any
) -> None:
    """Opening a store checks fields quickly and asks the parser only when the quick check fails;
    anything the quick check passes must be a value its parser returns unchanged."""
    for field, field_rule in FIELDS[table].items():
        if field_rule.stored_ok(value):
            kept = field_rule.parse(value)
            assert kept == value and type(kept) is type(value), (field, value)


def shown(value: Any) -> str:
    """How a rejected value appears in the message."""
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return repr(value)


bad_amounts = st.one_of(
    st.integers(max_value=-1),
    st.integers(min_value=MAX_AMOUNT + 1, max_value=10**30),
    st.integers(min_value=-1000, max_value=-1).map(str),
    st.integers(min_value=10**24, max_value=10**25 - 1).map(str),
    st.floats(allow_nan=False),
    st.sampled_from(["1.5", "1,00", "1,0000", ",100", "100,", "-0", "+5", "1e3", "٣", "１２"]),
    st.booleans(),
    st.text(max_size=12).filter(
        lambda t: (
            not t.strip().replace(",", "").isascii() or not t.strip().replace(",", "").isdigit()
        )
    ),
)


@CI
@given(bad_amounts)
def test_money_rejects_anything_else_naming_the_value(value: Any) -> None:
    with pytest.raises(ValidationError) as err:
        parse_value("bids", "2005/06", value, "1")
    message = str(err.value)
    assert message.startswith("bids 1 2005/06: ") and "\n" not in message
    too_big = isinstance(value, str) and value.strip().isdigit()  # well formed, out of range
    assert (value.strip() if too_big else shown(value)) in message


def test_money_rejects_a_number_too_long_for_int() -> None:
    with pytest.raises(ValidationError, match="outside 0 to 10,000,000"):
        parse_value("bids", "2005/06", "9" * 5000)
    with pytest.raises(ValidationError, match="outside 0 to 10,000,000"):
        parse_value("bids", "2005/06", 10**5000)


# --- statuses -------------------------------------------------------------------------------
@st.composite
def any_case(draw: st.DrawFn, words: list[str]) -> tuple[str, str]:
    word = draw(st.sampled_from(words))
    flips = draw(st.lists(st.booleans(), min_size=len(word), max_size=len(word)))
    typed = "".join(c.upper() if up else c.lower() for c, up in zip(word, flips, strict=True))
    return word, draw(st.sampled_from(["{}", " {}", "{}  "])).format(typed)


@CI
@given(st.sampled_from(list(VOCABULARIES)), st.data())
def test_statuses_are_accepted_in_any_case(where: tuple[str, str], data: st.DataObject) -> None:
    word, typed = data.draw(any_case(VOCABULARIES[where]))
    assert parse_value(where[0], where[1], typed) == word


@CI
@given(st.sampled_from(list(VOCABULARIES)), st.text(max_size=20))
def test_other_statuses_are_rejected(where: tuple[str, str], typed: str) -> None:
    words = [w.lower() for w in VOCABULARIES[where]]
    if typed.strip().lower() in words:
        return
    with pytest.raises(ValidationError) as err:
        parse_value(where[0], where[1], typed)
    assert repr(typed) in str(err.value)


# --- edits and undo against a model ---------------------------------------------------------
notes = st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=15)


@st.composite
def edits(draw: st.DrawFn) -> tuple[str, str, str, Any, Any]:
    """(table, record, field, typed value, stored value)."""
    kind = draw(st.sampled_from(["status", "amount", "note", "decision"]))
    if kind == "amount":
        value = draw(amounts.filter(lambda n: n < 10**6))
        typed = draw(st.sampled_from([value, str(value), f"{value:,}"]))
        return "bids", draw(st.sampled_from(["1", "2"])), "2006/07", typed, value
    if kind == "note":
        text = draw(notes)
        return draw(st.sampled_from(["components", "bids"])), "1", "note", text, text.strip()
    table, field = ("recommendations", "decision") if kind == "decision" else ("bids", "status")
    word, typed = draw(any_case(VOCABULARIES[(table, field)]))
    return table, "3.1" if kind == "decision" else "2", field, typed, word


def stored(repo: Repository, table: str, record: str, field: str) -> Any:
    state = repo.state()
    if table == "bids":
        bid = next(b for b in state.bids if str(b.id) == record)
        return bid.amounts[field] if field == "2006/07" else getattr(bid, field)
    rows = state.components if table == "components" else state.recommendations
    return getattr(next(r for r in rows if str(r.id) == record), field)


class EditsAndUndo(RuleBasedStateMachine):
    """One console: edits, undo (u) and redo (U) of its own edits; a dict says what must be."""

    def __init__(self) -> None:
        super().__init__()
        self.folder = tempfile.TemporaryDirectory()
        self.repo = Repository.open(Path(self.folder.name) / "board.json", who="prop@test")
        self.model: dict[tuple[str, str, str], Any] = {}
        self.bids = {b.id for b in self.repo.state().bids}
        self.undo: list[Change] = []
        self.redo: list[Change] = []
        self.count = 0

    def _remember(self, key: tuple[str, str, str]) -> None:
        self.model.setdefault(key, stored(self.repo, *key))

    @rule(edit=edits())
    def edit(self, edit: tuple[str, str, str, Any, Any]) -> None:
        table, record, field, typed, value = edit
        self._remember((table, record, field))
        change = self.repo.set_field(table, record, field, typed)
        self.model[(table, record, field)] = value
        if change.action != "none":
            self.undo.append(change)
            self.redo.clear()
            self.count += 1

    @rule(title=notes.filter(str.strip))
    def add_bid(self, title: str) -> None:
        change = self.repo.add("bids", {"title": title})
        self.bids.add(int(change.record))
        self.undo.append(change)
        self.redo.clear()
        self.count += 1

    def _apply_inverse(self, change: Change) -> Change:
        inverse = self.repo.revert(change)
        if change.action == "set":
            self.model[(change.table, change.record, change.field)] = change.old
        elif change.action == "add":
            self.bids.discard(int(change.record))
        else:
            self.bids.add(int(change.record))
        self.count += 1
        return inverse

    @precondition(lambda self: self.undo)
    @rule()
    def undo_last(self) -> None:
        self.redo.append(self._apply_inverse(self.undo.pop()))

    @precondition(lambda self: self.redo)
    @rule()
    def redo_last(self) -> None:
        self.undo.append(self._apply_inverse(self.redo.pop()))

    def teardown(self) -> None:
        fresh = Repository.open(self.repo.path)
        for key, value in self.model.items():
            assert stored(fresh, *key) == value, key
        assert {b.id for b in fresh.state().bids} == self.bids
        assert fresh.state().revision == self.count == len(fresh.history())
        assert fresh.check() == []
        self.folder.cleanup()


TestEditsAndUndo = EditsAndUndo.TestCase
TestEditsAndUndo.settings = settings(
    max_examples=50, stateful_step_count=15, deadline=None, suppress_health_check=list(HealthCheck)
)
