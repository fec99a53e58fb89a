"""The Overview tab's text: one widget that scrolls itself and draws only the lines on screen.

It was a Static inside a VerticalScroll: two widgets, and the Static's text was wrapped twice for
the first frame, once to learn its height (the scroll's virtual size) and again to draw it. Here
the text is wrapped once for each width (when the widget is sized, before it is drawn) and each
line on screen is a slice of those lines (Textual's Line API, as its Log widget does).
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip


class OverviewText(ScrollView, can_focus=True):
    """Shows a Rich `Text` (built from store text already made visible), wrapped to the width."""

    DEFAULT_CSS = """
    OverviewText {
        height: 1fr;
        overflow-x: hidden;
        scrollbar-gutter: stable;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._text = Text()
        self._lines: list[Strip] = []
        self._width = -1  # the width `_lines` were wrapped to
        self._style = Style()

    @property
    def text(self) -> Text:
        """The text shown (whole, not only the lines on screen)."""
        return self._text

    def update(self, text: Text) -> None:
        self._text = text
        self._width = -1
        if self.is_mounted and self.outer_size.width:
            self._wrap(self._text_width(self.outer_size))
        self.refresh()

    def _text_width(self, outer: Size) -> int:
        """The cells a line of text has in a widget of `outer` size: less its padding and the
        room kept for the scrollbar (scrollbar-gutter: stable)."""
        return max(0, outer.width - self.styles.gutter.width - self.scrollbar_gutter.width)

    def _wrap(self, width: int) -> None:
        """Wrap the text to `width` cells (once a width) and size the scrolled area to it."""
        if width == self._width:
            return
        console = self.app.console
        lines = console.render_lines(self._text, console.options.update_width(width), pad=False)
        # A blank line above and below that scrolls with the text (CSS padding would stay put).
        self._lines = [Strip([]), *(Strip(line) for line in lines), Strip([])]
        self._width = width
        self.virtual_size = Size(width, len(self._lines))

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        # Textual's hook for a new size, before the frame is drawn: the lines and the scrollbar
        # are right the first time (its `Resize` event comes after the frame).
        self._wrap(self._text_width(size))
        return super()._size_updated(size, self.virtual_size, container_size, layout)

    def render_lines(self, crop: Region) -> list[Strip]:
        self._style = self.rich_style  # once a frame, not once a line (it walks the ancestors)
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.size.width
        style = self._style
        index = scroll_y + y
        if index >= len(self._lines):
            return Strip.blank(width, style)
        line = self._lines[index].apply_style(style).crop_extend(scroll_x, scroll_x + width, style)
        if self.app.has_class("-first-frame"):
            # The offsets of each cell (Textual's hit test for a mouse selection, which draws
            # the line again) from the second frame, as the scrollbar: they make every
            # segment's style unique, and styling and filtering the first frame's took ~3 ms.
            return line
        return line.apply_offsets(scroll_x, index)
