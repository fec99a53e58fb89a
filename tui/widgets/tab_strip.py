"""The console's tab bar: the seven titles on one line and the bar under them, one widget.

Textual's TabbedContent made 24 of the first frame's 29 widgets: a Tabs with its scroll and
list containers, a Tab per title and the Underline, then a ContentSwitcher and a TabPane for
each tab. Each was imported, styled (twice), laid out and drawn before the first frame: ~100 ms
of a 155 ms first screen, against 33 ms for the smallest Textual app. Here the titles are a line
of text in Tab's colours and the bar is Textual's own `Bar` renderable in Underline's; the
screen shows one pane at a time itself (BoardScreen.show_pane). A click on a title posts
`Clicked`. Where the titles are wider than the window they scroll to keep the open one in view,
as Textual's tabs do. The bar does not animate: a tab is shown whole in its first frame.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.renderables.bar import Bar
from textual.strip import Strip
from textual.widget import Widget


class Span(NamedTuple):
    """Where one title sits on the strip's line (before scrolling), in cells."""

    tab: str
    title: str
    start: int
    end: int


class TabStrip(Widget):
    """The titles of `tabs` (id, title) with `active` marked; posts `Clicked` for a title."""

    DEFAULT_CSS = """
    TabStrip {
        width: 1fr;
        height: 2;
        pointer: pointer;
        & > .tab-strip--title {
            color: $foreground 50%;
        }
        & > .tab-strip--active {
            color: $foreground;
        }
        & > .tab-strip--bar {
            color: $block-cursor-background;
            background: $foreground 10%;
        }
        &:ansi {
            & > .tab-strip--title {
                text-style: dim;
            }
            & > .tab-strip--active {
                text-style: not dim bold;
            }
            & > .tab-strip--bar {
                color: $block-cursor-background;
                background: $border-blurred;
            }
        }
    }
    """
    COMPONENT_CLASSES = {"tab-strip--title", "tab-strip--active", "tab-strip--bar"}

    active: reactive[str] = reactive("")

    class Clicked(Message):
        """A title was clicked: show its tab."""

        def __init__(self, tab: str) -> None:
            super().__init__()
            self.tab = tab

    def __init__(
        self, tabs: Iterable[tuple[str, str]], active: str, *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.spans = _spans(tabs)
        self.set_reactive(TabStrip.active, active)

    @property
    def titles(self) -> list[str]:
        return [span.title for span in self.spans]

    def span(self, tab: str) -> Span:
        return next(span for span in self.spans if span.tab == tab)

    def scrolled(self) -> int:
        """Cells scrolled off the left: none while the open title fits, else enough to show it."""
        width = self.size.width
        end = self.span(self.active).end if self.active else 0
        return max(0, end - width)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        left = self.scrolled()
        if y == 0:
            segments = [
                Segment(
                    f" {span.title} ",
                    self.get_component_rich_style(
                        "tab-strip--active" if span.tab == self.active else "tab-strip--title"
                    ),
                )
                for span in self.spans
            ]
            line = Strip(segments)
        elif y == 1:
            line = self._bar(left + width)
        else:
            return Strip.blank(width, self.rich_style)
        return line.crop(left, left + width).extend_cell_length(width, self.rich_style)

    def _bar(self, width: int) -> Strip:
        style = self.get_component_rich_style("tab-strip--bar")
        span = self.span(self.active) if self.active else None
        bar = Bar(
            highlight_range=(span.start + 1, span.end - 1) if span else (0, 0),  # the title
            highlight_style=Style.from_color(style.color),
            background_style=Style.from_color(style.bgcolor),
        )
        console = self.app.console
        lines = console.render_lines(bar, console.options.update_width(width), pad=False)
        return Strip(lines[0], width)

    def tab_at(self, x: int) -> str | None:
        """The tab whose title is at cell `x` of the widget (as scrolled now)."""
        x += self.scrolled()
        return next((span.tab for span in self.spans if span.start <= x < span.end), None)

    def on_click(self, event: events.Click) -> None:
        event.stop()
        tab = self.tab_at(event.x)
        if tab is not None:
            self.post_message(self.Clicked(tab))


def _spans(tabs: Iterable[tuple[str, str]]) -> tuple[Span, ...]:
    spans: list[Span] = []
    x = 0
    for tab, title in tabs:
        width = cell_len(title) + 2  # a space either side, as Textual's Tab pads
        spans.append(Span(tab, title, x, x + width))
        x += width
    return tuple(spans)
