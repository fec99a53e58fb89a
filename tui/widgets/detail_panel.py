"""The detail panel: the record under the cursor, every field in full (tui/details.py builds it).

The screen hands it the state and history (attributes down) and, on every cursor move, the
table and row to show. A move costs a dictionary look-up and a few lines of Text, whatever
the table's size: records are indexed by id once per state.

The panel draws its text itself (the Line API), wrapped once per record by the same code a
Static uses, so it looks the same. A Static inside a scrolling container changed height with
every record of another length, and each change laid out the whole screen again (30-100 ms at
10,000 rows); here the panel's box changes only when its own height or scrollbar does.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.text import Text
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip
from textual.visual import Visual, visualize
from textual.widget import Widget

from store import BoardState, HistoryEntry

from ..details import history_text, record_text
from ..tables import Row, history_key

EMPTY = Text("Move the cursor onto a row to see it in full here (d hides this panel).")


class DetailPanel(ScrollView, can_focus=False):
    """Shows one record or one change in full; `show_row` follows the cursor."""

    DEFAULT_CSS = "DetailPanel { overflow-x: hidden; }"

    def __init__(self, today: dt.date, id: str | None = None) -> None:
        super().__init__(id=id)
        self.today = today
        self.state: BoardState | None = None
        self.history: list[HistoryEntry] = []
        self.text = EMPTY  # what the panel shows, in full (it may scroll)
        self._by_id: dict[str, dict[str, Any]] = {}
        self._changes: dict[tuple[str, str], list[HistoryEntry]] | None = None
        self._entries: dict[str, HistoryEntry] | None = None
        self._shown: tuple[str, Row | None] = ("", None)
        self._lines: list[Strip] = []  # the text wrapped to the panel's width
        self._narrow = False  # the last text needed a scrollbar
        self._wrapped_at = 0  # the width `_lines` were wrapped at

    def set_state(self, state: BoardState, history: list[HistoryEntry]) -> None:
        self.state, self.history = state, history
        self._by_id, self._changes, self._entries = {}, None, None
        self.show_row(*self._shown)

    def show_row(self, table: str, row: Row | None) -> None:
        """Show `row` of `table` (or remember it while the panel is hidden), from its top."""
        self._shown = (table, row)
        if not self.is_mounted or not self.visible_now():
            return
        self.text = self._text(table, row)
        self._wrap()
        self.scroll_home(animate=False)

    def on_resize(self) -> None:
        self._wrap()  # a new width: the text wraps again

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """The height `height: auto` gives the panel below the table: its text wrapped at the
        width being laid out. A panel shown for the first time was laid out with no lines,
        then again with its text (two more frames of the whole screen at 10,000 rows)."""
        if width == self._wrapped_at:
            return super().get_content_height(container, viewport, width)
        return len(self._fit(visualize(self, self.text), width, self._room()))

    def selection_updated(self, selection: Selection | None) -> None:
        self._wrap()  # the selected part is drawn highlighted

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        return selection.extract(self.text.plain), "\n"

    # --- drawing (the Line API) ----------------------------------------------------------------
    def _wrap(self) -> None:
        """Wrap the text to the panel's width and repaint the lines it covers. A layout (of the
        whole screen) is asked for only when the panel's height or scrollbar changes with it."""
        content, room, width = visualize(self, self.text), self._room(), self.content_region.width
        before, self._lines = len(self._lines), self._fit(content, width, room)
        self._wrapped_at = width
        size = Size(max(0, width), len(self._lines))
        if self._box(before, room) != self._box(size.height, room):
            self.virtual_size = size
            # Textual 8 counts a layout asked for while one is pending only once, and then
            # reuses the box it measured in between: the panel stayed one line high.
            self._layout_updates += 1
            self.refresh()
            return
        self.set_reactive(DetailPanel.virtual_size, size)
        if self.show_vertical_scrollbar:
            self.vertical_scrollbar.window_virtual_size = size.height
        self.refresh(Region(0, 0, self.size.width, max(before, size.height)))

    def _fit(self, content: Visual, width: int, room: int) -> list[Strip]:
        """The text's lines at the width they will have: less a scrollbar when there are more
        than the panel can show. The width of the last text is tried first (one wrap a move)."""
        narrow = width - self.styles.scrollbar_size_vertical
        if self._narrow and len(lines := self._render_text(content, narrow)) > room:
            return lines
        lines = self._render_text(content, width)
        self._narrow = len(lines) > room
        return self._render_text(content, narrow) if self._narrow else lines

    def _render_text(self, content: Visual, width: int) -> list[Strip]:
        if width <= 0:
            return []
        return Visual.to_strips(self, content, width, None, self.visual_style)

    def _room(self) -> int:
        """Lines the panel can show: its height beside the table; below the table it is as
        tall as its text up to its max-height."""
        styles = self.styles
        if self._auto_height() and styles.max_height is not None:
            parent = self.parent.size if isinstance(self.parent, Widget) else self.app.size
            return int(styles.max_height.resolve(parent, self.app.size)) - styles.gutter.height
        return self.content_region.height

    def _box(self, lines: int, room: int) -> tuple[int, bool]:
        """The panel's height and whether it shows a scrollbar, for a text of `lines`."""
        return (min(lines, room) if self._auto_height() else room, lines > room)

    def _auto_height(self) -> bool:
        return self.styles.height is not None and self.styles.height.is_auto

    def render_line(self, y: int) -> Strip:
        """A line of the text as wrapped; below it nothing (the panel's background fills it)."""
        line = int(self.scroll_y) + y
        return self._lines[line] if line < len(self._lines) else Strip([])

    def visible_now(self) -> bool:
        """Shown, going by the classes that hide it (app.tcss): a class changed in this
        handler shows in `display` only after Textual's next style update."""
        if self.parent is None:
            return self.display
        return not (self.parent.has_class("-no-detail") or self.parent.has_class("-overview"))

    def reshow(self) -> None:
        """After the panel is shown again: what the cursor is on now."""
        self.show_row(*self._shown)

    # --- what to show ------------------------------------------------------------------------
    def _text(self, table: str, row: Row | None) -> Text:
        if row is None or self.state is None or not row.record and table != "history":
            return EMPTY
        if table == "history":
            entry = self._entry(row.key)
            return history_text(entry) if entry else EMPTY
        item = self._record(table, row.record)
        if item is None:
            return EMPTY
        return record_text(table, item, row.part, self._changes_of(table, row), self.today)

    def _record(self, table: str, record: str) -> Any:
        if table not in self._by_id:
            assert self.state is not None
            self._by_id[table] = {str(r.id): r for r in getattr(self.state, table)}
        return self._by_id[table].get(record)

    def _changes_of(self, table: str, row: Row) -> list[HistoryEntry]:
        if self._changes is None:
            self._changes = {}
            for e in self.history:  # newest first
                self._changes.setdefault((e.table, e.record), []).append(e)
        mine = self._changes.get((table, row.record), [])
        if row.part is None:
            return mine
        return [e for e in mine if e.field.startswith(f"part{row.part}.")]

    def _entry(self, key: str) -> HistoryEntry | None:
        if self._entries is None:
            self._entries = {history_key(e): e for e in self.history}
        return self._entries.get(key)
