"""The one keymap: it feeds the bindings, the footer, the help screen and the README's table."""

from __future__ import annotations

from textual.binding import Binding, BindingType

from store import TAB_TITLES, TABS

APP_BINDINGS: list[BindingType] = [
    *(
        Binding(str(n), f"show_tab('{tab}')", title, show=False)
        for n, (tab, title) in enumerate(zip(TABS, TAB_TITLES, strict=True), start=1)
    ),
    Binding("slash", "filter", "Filter", key_display="/"),
    Binding("d", "toggle_detail", "Details"),
    Binding("u", "undo", "Undo"),
    Binding("U,ctrl+y", "redo", "Redo", key_display="U"),
    Binding("x", "export", "Export"),
    Binding("m", "meeting", "Meeting"),
    Binding("question_mark", "help", "Keys", key_display="?"),
    Binding("q", "app.quit", "Quit"),
]

TABLE_BINDINGS: list[BindingType] = [
    Binding("space", "cycle(1)", "Next status"),
    Binding("shift+space,S", "cycle(-1)", "Prev status", key_display="S"),
    # priority: run as the key arrives, not after the keys typed behind it (typeahead.py)
    Binding("enter,e", "edit", "Edit", key_display="e", priority=True),
    Binding("a", "add", "Add row"),
    Binding("delete", "remove", "Delete row", key_display="del"),
    Binding("j", "cursor_down", "Down", show=False),
    Binding("k", "cursor_up", "Up", show=False),
]

# The Bids tab's own keys (on top of TABLE_BINDINGS).
BID_BINDINGS: list[BindingType] = [
    Binding("left_square_bracket", "move_priority(-1)", "Priority up", key_display="["),
    Binding("right_square_bracket", "move_priority(1)", "Priority down", key_display="]"),
    Binding("p", "priority_view", "Priority order"),
    Binding("r", "reprofile", "Reprofile"),
]

# Keys that change the store: refused, with a notice, on a read-only console.
EDIT_ACTIONS = {"cycle", "edit", "add", "remove", "undo", "redo", "export", "meeting"}
EDIT_ACTIONS |= {"move_priority", "reprofile"}

# The footer's order, most used first, so `?` and `q` survive at 80 columns. An action not
# named here goes after these (keys other features add still show, at the end).
FOOTER_ORDER = (
    "help",
    "app.quit",
    "edit",
    "cycle",
    "filter",
    "undo",
    "toggle_detail",
    "add",
    "remove",
    "export",
)


TABLES_WHERE = "Components, Bids, Implications, Recommendations"
# Where a key works, for the help screen (default: everywhere for the screen's keys, every
# editable table for the tables' keys). The footer hides keys that do not work where you are.
WHERE = {"filter": TABLES_WHERE, "add": "Components, Bids", "remove": "Components, Bids"}


def where(action: str, default: str) -> str:
    return WHERE.get(action.split("(")[0], default)


def footer_rank(action: str) -> int:
    name = action.split("(")[0]
    return FOOTER_ORDER.index(name) if name in FOOTER_ORDER else len(FOOTER_ORDER)


def allowed(action: str, read_only: bool) -> bool | None:
    """The read-only rule for every `check_action`: editing actions are disabled (None shows them
    dimmed in the footer) on a read-only console; every other action is allowed."""
    return None if read_only and action in EDIT_ACTIONS else True


def edit_keys() -> set[str]:
    """Every key bound to an editing action (for the read-only notice)."""
    keys: set[str] = set()
    for b in [*APP_BINDINGS, *TABLE_BINDINGS, *BID_BINDINGS]:
        assert isinstance(b, Binding)
        if b.action.split("(")[0] in EDIT_ACTIONS:
            keys.update(k.strip() for k in b.key.split(","))
    return keys


def described(bindings: list[BindingType], default: str) -> list[tuple[str, str, str]]:
    """(keys as a user types them, what they do, where) for the help screen and the README."""
    rows = []
    for b in bindings:
        assert isinstance(b, Binding)
        keys = " / ".join(_display(k) for k in b.key.split(","))
        rows.append((keys, b.description, where(b.action, default)))
    return rows


def _display(key: str) -> str:
    names = {"question_mark": "?", "slash": "/", "space": "space", "shift+space": "shift+space"}
    names |= {"left_square_bracket": "[", "right_square_bracket": "]"}
    return names.get(key, key)
