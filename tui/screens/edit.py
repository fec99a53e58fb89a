"""Edit dialogs: typed modal results (the new value, or None when cancelled)."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from store import status_label, visible

from ..typeahead import release_keys

# Returns None when the value is acceptable, else the message to show.
Validator = Callable[[str], str | None]

DIALOG_CSS = """
EditScreen, ConfirmScreen, ChoiceScreen { align: center middle; }
EditScreen > Vertical, ConfirmScreen > Vertical, ChoiceScreen > Vertical {
    width: 80%; max-width: 100; height: auto; max-height: 90%;
    border: thick $accent; background: $surface; padding: 1 2;
}
.title { text-style: bold; margin-bottom: 1; }
.error { color: $error; height: auto; }
.notice { color: $warning; height: auto; }
.hint { color: $text-muted; margin-top: 1; }
.forms { color: $text-muted; height: auto; }
OptionList { height: auto; max-height: 12; }
.buttons { height: auto; }
.buttons Button { margin-right: 2; }
"""


class EditScreen(ModalScreen[str | None]):
    """One field: a text/number input, or a choice list for statuses, decisions and Y/N."""

    DEFAULT_CSS = DIALOG_CSS
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        title: str,
        current: str,
        *,
        validate: Validator,
        choices: list[str] | None = None,
        numeric: bool = False,
        hint: str = "enter saves · escape cancels (nothing changes) · ctrl+u clears",
        target: tuple[str, str, str] | None = None,
        forms: str = "",
        replace: bool = False,
    ) -> None:
        super().__init__()
        self.replace = replace  # the pre-fill is a suggestion: selected, so typing replaces it
        self.forms = forms  # what the field accepts, shown before any error
        self.target = target  # (table, record, field) being edited: live refresh warns on change
        self.hint = hint
        self.heading = title
        self.current = current
        self.validate = validate
        self.choices = choices
        self.numeric = numeric

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(visible(self.heading)), classes="title")
            if self.choices:
                options = [Option(Text(status_label(c)), id=c) for c in self.choices]
                yield OptionList(*options, id="choice")
            else:
                # As in a spreadsheet: the cursor at the end, so typing adds to the text (a
                # suggested value, `replace`, is selected instead: on_mount).
                yield Input(
                    self.current,
                    id="value",
                    type="integer" if self.numeric else "text",
                    select_on_focus=False,
                )
            if self.forms:
                yield Static(Text(f"Accepts {self.forms}"), id="forms", classes="forms")
            yield Static("", id="error", classes="error", markup=False)
            yield Static("", id="notice", classes="notice", markup=False)
            yield Label(self.hint, classes="hint")

    def on_mount(self) -> None:
        if self.choices:
            options = self.query_one(OptionList)
            if self.current in self.choices:
                options.highlighted = self.choices.index(self.current)
            options.focus()
        else:
            box = self.query_one(Input)
            box.focus()
            if self.replace:
                box.select_all()
            else:
                box.cursor_position = len(box.value)
        release_keys(self.app)  # keys typed while this opened come here (typeahead.py)

    @on(Input.Submitted)
    def submit_text(self, event: Input.Submitted) -> None:
        self._try(event.value)

    @on(OptionList.OptionSelected)
    def submit_choice(self, event: OptionList.OptionSelected) -> None:
        self._try(str(event.option.id))

    def _try(self, value: str) -> None:
        error = self.validate(value)
        if error:
            self.query_one("#error", Static).update(Text(visible(error)))
            return
        self.dismiss(value)

    def field_changed(self, value: str, who: str) -> None:
        """Live refresh: someone else changed this field while the dialog was open."""
        note = f"Changed meanwhile by {who}: now {value!r}. Saving will ask whose value to keep."
        self.query_one("#notice", Static).update(Text(visible(note)))

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question with visible buttons; `y` or the Yes button confirms, `n`, escape or
    the No button (focused first, so a stray enter answers no) declines."""

    DEFAULT_CSS = DIALOG_CSS
    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str, yes: str = "Yes") -> None:
        super().__init__()
        self.question = question
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(visible(self.question)), classes="title")
            with Horizontal(classes="buttons"):
                yield Button(Text(f"{self.yes} (y)"), id="yes", variant="error")
                yield Button(Text("No (n)"), id="no", variant="primary")
            yield Label("y: yes · n / escape: no", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class ChoiceScreen(ModalScreen[str | None]):
    """Pick one of a few labelled answers (e.g. keep theirs / apply mine)."""

    DEFAULT_CSS = DIALOG_CSS
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str, answers: dict[str, str]) -> None:
        super().__init__()
        self.question = question
        self.answers = answers

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(visible(self.question)), classes="title", id="question")
            yield OptionList(*(Option(Text(label), id=key) for key, label in self.answers.items()))

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(str(event.option.id))

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConflictScreen(ChoiceScreen):
    """Keep theirs or apply mine, for one field; live refresh keeps "theirs" current while it is
    open (a third change before the choice used to leave the first one's value on screen)."""

    def __init__(
        self, what: str, theirs: str, who: str, mine: str, target: tuple[str, str, str]
    ) -> None:
        self.what, self.mine, self.target = what, mine, target
        super().__init__(self._question(theirs, who), self._answers(theirs))

    def _question(self, theirs: str, who: str) -> str:
        return (
            f"{self.what} was changed by {who} — it is now {theirs!r}. "
            f"Keep theirs, or apply yours ({self.mine!r})?"
        )

    def _answers(self, theirs: str) -> dict[str, str]:
        return {"theirs": f"Keep theirs ({theirs!r})", "mine": f"Apply mine ({self.mine!r})"}

    def field_changed(self, value: str, who: str) -> None:
        """Another change to this field arrived before the choice."""
        self.question = self._question(value, who)
        self.query_one("#question", Static).update(Text(visible(self.question)))
        label = self._answers(value)["theirs"]
        self.query_one(OptionList).replace_option_prompt("theirs", Text(visible(label)))
