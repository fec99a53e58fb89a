"""A table of store rows that draws only what is on screen.

Stock DataTable builds, measures and keeps every cell of every row (about 3-4 s for 10,000 rows,
FACTS.md). RowTable is a ScrollView using the Line API: it keeps the `tables.Row`s it was given,
takes column widths from the rows' plain texts, and renders the cells of the visible lines only.
It keeps DataTable's look (its component classes) and the parts of its API the console uses.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size, Spacing
from textual.reactive import var
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..layout import column_widths, natural_widths
from ..tables import Column, Row

HIGHLIGHT = Style(bgcolor="dark_green")
PAD = 1  # blank cells either side of a value, as DataTable draws them
HEADER = 1  # lines
CACHED_CELLS = 4_000  # rendered cells kept between repaints (a few screens' worth)


class RowTable(ScrollView, can_focus=True):
    """A read-only, virtual table of `Row`s with a cell or row cursor and zebra stripes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # First, as in DataTable, so a subclass's enter binding keeps its place in the footer.
        Binding("enter", "select_cursor", "Select", show=False),
        Binding("up", "cursor_up", "Cursor up", show=False),
        Binding("down", "cursor_down", "Cursor down", show=False),
        Binding("right", "cursor_right", "Cursor right", show=False),
        Binding("left", "cursor_left", "Cursor left", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home,ctrl+home", "first_row", "Top", show=False),
        Binding("end,ctrl+end", "last_row", "Bottom", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "datatable--header",
        "datatable--fixed",
        "datatable--odd-row",
        "datatable--even-row",
        "datatable--cursor",
        "datatable--fixed-cursor",
    }
    DEFAULT_CSS = """
    RowTable {
        background: $surface;
        color: $foreground;
        height: auto;
        max-height: 100%;
        &:focus {
            background-tint: $foreground 5%;
            & > .datatable--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .datatable--header { background-tint: $foreground 5%; }
            & > .datatable--fixed-cursor {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
            }
        }
        &:dark > .datatable--even-row { background: $surface-darken-1 40%; }
        & > .datatable--header { text-style: bold; background: $panel; color: $foreground; }
        &:ansi > .datatable--header { background: ansi_bright_blue; color: ansi_default; }
        & > .datatable--fixed { background: $secondary-muted; color: $foreground; }
        & > .datatable--even-row { background: $surface-lighten-1 50%; }
        & > .datatable--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        & > .datatable--fixed-cursor {
            background: $block-cursor-blurred-background;
            color: $foreground;
        }
    }
    """

    # The key of the row under the cursor (None: no rows). A `var`, not a message: the screen
    # watches it, so the detail panel is updated in the same frame as the cursor (a message
    # arrived a frame later, ~35 ms at 10,000 rows on this machine).
    current_key: var[str | None] = var(None, init=False)

    def __init__(
        self,
        columns: Sequence[Column],
        *,
        cursor_type: str = "cell",
        fixed_columns: int = 0,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.columns = tuple(columns)
        self.cursor_type = cursor_type
        self.fixed_columns = fixed_columns
        self.rows_shown: list[Row] = []
        self.empty_text = ""  # shown under the header when there are no rows
        self.highlighted: set[str] = set()
        self.cursor_row = 0
        self.cursor_column = 0
        self._index: dict[str, int] = {}
        self._index_before: int | None = None
        self._natural = natural_widths(self.columns, [])
        self._widths = list(self._natural)
        self._cache: dict[tuple[object, ...], list[Segment]] = {}
        self._styles: dict[str, Style] = {}

    # --- rows down ---------------------------------------------------------------------------------
    def set_rows(self, rows: list[Row], keep: str | None = None) -> None:
        """Replace the rows; the cursor stays on the row keyed `keep` (or its index)."""
        self._index_before = self._index.get(keep) if keep is not None else None
        self.rows_shown = rows
        self._index = {r.key: i for i, r in enumerate(rows)}
        self._natural = natural_widths(self.columns, rows)
        row = self._index.get(keep, self.cursor_row) if keep is not None else self.cursor_row
        self.cursor_row = max(0, min(row, len(rows) - 1))
        self._fit()
        self.refresh()
        self._announce()

    def _fit(self) -> None:
        """Column widths for the current window (tui/layout.py) and the scrollable size."""
        room = self._room() - 2 * PAD * len(self.columns)
        widths = column_widths(self.columns, self._natural, room)
        if widths != self._widths:
            self._cache.clear()  # rendered cells are keyed by content, not by position
        self._widths = widths
        self.virtual_size = Size(sum(w + 2 * PAD for w in widths), len(self.rows_shown) + HEADER)

    def _room(self) -> int:
        """The width the columns may take: the widget's, less a vertical scrollbar if one shows."""
        width, height = self.size
        scrollbar = self.styles.scrollbar_size_vertical if self.row_count + HEADER > height else 0
        return max(0, width - scrollbar) if width else 0

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        """Fit the columns to a new size within the layout that gives it, before the paint.
        Fitted on Resize (a message, handled after that paint) a new table's first paint used
        the widths of no size and was thrown away, and every resize painted the table twice."""
        resized = super()._size_updated(size, virtual_size, container_size, layout)
        if resized:
            self._fit()
        return resized

    def refresh_header(self) -> None:
        """The column labels changed (same columns): draw them again."""
        self._cache.clear()
        self.refresh()

    def get_row(self, key: str) -> list[Text]:
        """The cells of the row keyed `key`, as drawn (KeyError if it is not shown)."""
        return list(self._cells(self.rows_shown[self._index[key]]))

    def _cells(self, row: Row) -> tuple[Text, ...]:
        if row.key not in self.highlighted:
            return row.cells
        return tuple(_highlighted(cell) for cell in row.cells)

    @property
    def row_count(self) -> int:
        return len(self.rows_shown)

    def current_row(self) -> Row | None:
        if not self.rows_shown or not 0 <= self.cursor_row < len(self.rows_shown):
            return None
        return self.rows_shown[self.cursor_row]

    def _announce(self) -> None:
        row = self.current_row()
        self.current_key = row.key if row is not None else None

    # --- the cursor ----------------------------------------------------------------------------------
    def move_cursor(
        self, *, row: int | None = None, column: int | None = None, animate: bool = False
    ) -> None:
        before = self.cursor_row
        if row is not None:
            self.cursor_row = max(0, min(row, self.row_count - 1))
        if column is not None:
            self.cursor_column = max(0, min(column, len(self.columns) - 1))
        self._refresh_rows(before, self.cursor_row)
        self.call_after_refresh(self._scroll_cursor_into_view, animate)
        self._announce()

    def _refresh_rows(self, *rows: int) -> None:
        """Repaint only the lines of `rows` (the cursor's old and new row): a move redraws two
        lines, not the screen. Scrolling, if the cursor left the view, repaints the rest."""
        width = self.size.width
        lines = [row - int(self.scroll_y) + HEADER for row in rows]
        self.refresh(*(Region(0, y, width, 1) for y in lines if HEADER <= y < self.size.height))

    def _scroll_cursor_into_view(self, animate: bool = False) -> None:
        left = sum(w + 2 * PAD for w in self._widths[: self.fixed_columns])
        x = sum(w + 2 * PAD for w in self._widths[: self.cursor_column])
        width = self._widths[self.cursor_column] + 2 * PAD
        if self.cursor_type == "row" or self.cursor_column < self.fixed_columns:
            x, width = int(self.scroll_x) + left, 1
        region = Region(x, self.cursor_row + HEADER, width, 1)
        self.scroll_to_region(
            region, animate=animate, spacing=Spacing(HEADER, 0, 0, left), force=True
        )

    def action_select_cursor(self) -> None:
        """Nothing to select in a read-only table (BoardTable binds enter to edit)."""

    def action_cursor_up(self) -> None:
        self.move_cursor(row=self.cursor_row - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(row=self.cursor_row + 1)

    def action_cursor_left(self) -> None:
        if self.cursor_type == "cell":
            self.move_cursor(column=self.cursor_column - 1)
        else:
            self.scroll_left(animate=False)

    def action_cursor_right(self) -> None:
        if self.cursor_type == "cell":
            self.move_cursor(column=self.cursor_column + 1)
        else:
            self.scroll_right(animate=False)

    def action_page_up(self) -> None:
        self.move_cursor(row=self.cursor_row - max(1, self.scrollable_content_region.height - 1))

    def action_page_down(self) -> None:
        self.move_cursor(row=self.cursor_row + max(1, self.scrollable_content_region.height - 1))

    def action_first_row(self) -> None:
        self.move_cursor(row=0)

    def action_last_row(self) -> None:
        self.move_cursor(row=self.row_count - 1)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < HEADER:
            return
        column = self._column_at(offset.x)
        self.move_cursor(row=int(self.scroll_y) + offset.y - HEADER, column=column)

    def _column_at(self, x: int) -> int | None:
        left = sum(w + 2 * PAD for w in self._widths[: self.fixed_columns])
        if x >= left:
            x += int(self.scroll_x)
        edge = 0
        for index, width in enumerate(self._widths):
            edge += width + 2 * PAD
            if x < edge:
                return index
        return None

    # --- drawing (the Line API) -------------------------------------------------------------------
    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()
        self._styles.clear()

    def _style(self, component: str = "") -> Style:
        """The widget's style ("") or a component's, cached until the styles change."""
        if component not in self._styles:
            self._styles[component] = (
                self.get_component_rich_style(component) if component else self.rich_style
            )
        return self._styles[component]

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y < HEADER:
            fixed, scrolling = self._line(-1)
        else:
            row = int(self.scroll_y) + y - HEADER
            if row == 0 == self.row_count and self.empty_text:
                return self._empty_line(width)
            if row >= self.row_count:
                return Strip.blank(width, self._style())
            fixed, scrolling = self._line(row)
        left = fixed.cell_length
        scrolled = scrolling.crop(int(self.scroll_x), int(self.scroll_x) + width - left)
        return Strip.join([fixed, scrolled]).extend_cell_length(width, self._style()).crop(0, width)

    def _empty_line(self, width: int) -> Strip:
        line = Text(" " * PAD + self.empty_text, style="italic")
        line.truncate(width, overflow="ellipsis")
        segments = Segment.apply_style(line.render(self.app.console), self._style())
        return Strip(segments).extend_cell_length(width, self._style())

    def _line(self, row: int) -> tuple[Strip, Strip]:
        row_style = self._row_style(row)
        fixed_style = (
            row_style if row < 0 else self._style("datatable--fixed") + Style(meta={"fixed": True})
        )
        segments: tuple[list[Segment], list[Segment]] = ([], [])
        for index in range(len(self.columns)):
            fixed = index < self.fixed_columns
            base = fixed_style if fixed else row_style
            segments[not fixed].extend(self._cell(row, index, base, fixed))
        return Strip(segments[0]), Strip(segments[1])

    def _row_style(self, row: int) -> Style:
        if row < 0:
            return self._style("datatable--header")
        return self._style("datatable--odd-row" if row % 2 else "datatable--even-row")

    def _cell(self, row: int, column: int, base: Style, fixed: bool) -> list[Segment]:
        """A rendered cell, cached by what it shows: a row whose texts did not change is not
        rendered again after a refresh (a row's texts determine its styled cells)."""
        cursor = row >= 0 and row == self.cursor_row
        cursor = cursor and (self.cursor_type == "row" or column == self.cursor_column)
        if row < 0:
            key: tuple[object, ...] = ("header", column)
        else:
            shown = self.rows_shown[row]
            key = (shown.texts, row % 2, column, cursor, shown.key in self.highlighted)
        if key not in self._cache:
            if len(self._cache) > CACHED_CELLS:
                self._cache.clear()
            cell = self._cell_text(row, column)
            self._cache[key] = self._render_cell(cell, self._widths[column], base, cursor, fixed)
        return self._cache[key]

    def _cell_text(self, row: int, column: int) -> Text:
        if row < 0:
            return Text(self.columns[column].label)
        shown = self.rows_shown[row]
        cell = shown.cells[column]
        return _highlighted(cell) if shown.key in self.highlighted else cell

    def _render_cell(
        self, cell: Text, width: int, base: Style, cursor: bool, fixed: bool
    ) -> list[Segment]:
        post = Style()
        if cursor:
            component = self._style("datatable--cursor")
            if fixed:
                component += self._style("datatable--fixed-cursor")
            base += component
            post = Style.from_color(component.color, component.bgcolor)
        pre = self._style() + base
        line = _one_line(cell)
        line.truncate(width, overflow="ellipsis")
        room = width - line.cell_len
        left = room if cell.justify == "right" else 0
        line = Text.assemble(" " * (PAD + left), line, " " * (PAD + room - left))
        return list(Segment.apply_style(line.render(self.app.console), pre, post))


NEWLINE = Text(" ↵ ")


def _one_line(cell: Text) -> Text:
    """A copy of the cell on one line: line breaks shown as ↵ (the detail panel shows them),
    tabs as spaces. The usual single-line cell is only copied."""
    if "\n" in cell.plain:
        cell = NEWLINE.join(cell.split("\n"))
    line = cell.copy()
    if "\t" in line.plain:
        line.expand_tabs()
    return line


def _highlighted(cell: Text) -> Text:
    marked = cell.copy()
    marked.stylize_before(HIGHLIGHT)
    return marked
