"""The floor of a first screen: the smallest Textual app, one Static and a Footer.

Nothing of the console (no store, no tabs, no tables): what any Textual app pays to import,
mount and show its first frame. Item 1c/1d measure the console's first screen against it.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Static


class SmallestApp(App[None]):
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Static("Programme Board Console", markup=False)
        yield Footer()
