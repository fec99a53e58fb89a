"""The README's keys table lists every binding of the app (one keymap feeds both)."""

from __future__ import annotations

import re

from textual.binding import Binding

from store import TABS
from tui.keys import APP_BINDINGS, BID_BINDINGS, TABLE_BINDINGS, _display
from tui.screens.help import keys_table


def _keys_section(readme: str) -> str:
    return readme.split("## Keys", 1)[1].split("\n## ", 1)[0]


def test_readme_lists_every_binding(readme: str) -> None:
    section = _keys_section(readme)
    documented = set(re.findall(r"`([^`]+)`", section))
    missing = []
    for binding in [*APP_BINDINGS, *TABLE_BINDINGS, *BID_BINDINGS]:
        assert isinstance(binding, Binding)
        for key in binding.key.split(","):
            shown = _display(key.strip())
            if shown.isdigit():
                continue  # number keys are documented as `1` … `7`, one per tab
            if shown not in documented:
                missing.append(shown)
    assert missing == []
    assert f"`1` … `{len(TABS)}`" in section


def test_help_screen_lists_every_described_binding() -> None:
    from rich.console import Console

    console = Console(width=200, record=True)
    console.print(keys_table())
    shown = console.export_text()
    for binding in [*APP_BINDINGS, *TABLE_BINDINGS, *BID_BINDINGS]:
        assert isinstance(binding, Binding)
        if binding.show:
            assert binding.description in shown
