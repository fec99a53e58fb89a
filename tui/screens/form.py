"""A dialog of a few labelled text fields (a new action, a meeting's attendance).

Enter moves to the next field and, on the last, submits; the values are checked by the store's
own rules before the dialog closes, so a refusal keeps it open with the reason. Escape cancels
and nothing changes. A typed modal result: the values by name, or None.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from store import visible

from .edit import DIALOG_CSS

# (name, label, initial value) of each field, in order.
Field = tuple[str, str, str]
Values = dict[str, str]
FormCheck = Callable[[Values], str | None]


class FormScreen(ModalScreen[Values | None]):
    DEFAULT_CSS = (
        DIALOG_CSS
        + """
FormScreen { align: center middle; }
FormScreen > Vertical {
    width: 80%; max-width: 100; height: auto; max-height: 90%;
    border: thick $accent; background: $surface; padding: 1 2;
}
"""
    )
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, fields: list[Field], *, check: FormCheck, hint: str) -> None:
        super().__init__()
        self.heading = title
        self.fields = fields
        self.check = check
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(visible(self.heading)), classes="title")
            for name, label, initial in self.fields:
                yield Label(Text(label))
                yield Input(initial, id=f"field-{name}", select_on_focus=False)
            yield Static("", id="error", classes="error", markup=False)
            yield Label(Text(self.hint), classes="hint")

    def on_mount(self) -> None:
        self.query(Input).first().focus()

    def values(self) -> Values:
        return {name: self.query_one(f"#field-{name}", Input).value for name, _, _ in self.fields}

    @on(Input.Submitted)
    def next_or_submit(self, event: Input.Submitted) -> None:
        inputs = list(self.query(Input))
        if event.input is not inputs[-1]:
            inputs[inputs.index(event.input) + 1].focus()
            return
        values = self.values()
        error = self.check(values)
        if error:
            self.query_one("#error", Static).update(Text(visible(error)))
            return
        self.dismiss(values)

    def action_cancel(self) -> None:
        self.dismiss(None)
