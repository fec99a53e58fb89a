"""The widgets of a table tab, made the first time the tab is shown (BoardScreen.build_tab).

The console's first frame shows the Overview only: this module, and with it the tables, the
detail panel, the filter box and the dialogs they open, is imported with the first table shown.
"""

from __future__ import annotations

import datetime as dt

from textual.widget import Widget

from store import BoardState

from ..tables import HISTORY_COLUMNS
from ..widgets.bids_pane import BidsPane
from ..widgets.board_table import BoardTable
from ..widgets.detail_panel import DetailPanel
from ..widgets.filter_box import FilterBox
from ..widgets.row_table import RowTable

NO_HISTORY = "No changes yet: every edit, from this console or another, will be listed here."


def tab_body(tab: str, state: BoardState) -> list[Widget]:
    """A table tab's widgets (empty; the screen shows its rows once they are mounted)."""
    if tab == "history":
        history = RowTable(HISTORY_COLUMNS, cursor_type="row", id="table-history")
        history.empty_text = NO_HISTORY
        return [history]
    if tab == "bids":
        return [BidsPane(state)]
    return [BoardTable(tab)]


def table_parts(today: dt.date) -> tuple[DetailPanel, FilterBox]:
    """What every table tab shares: the record under the cursor in full, and `/`'s box."""
    return DetailPanel(today, id="detail"), FilterBox(id="filter")
