"""The board's data: model, validation, the shared JSON store, history and export.

This package never imports textual: the console (tui/) and the command line use only what is
listed in `__all__`.
"""

from .errors import (
    BoardError,
    NotFound,
    ReadOnly,
    StaleEdit,
    StoreBusy,
    StoreDamaged,
    StoreTooNew,
    StoreUnwritable,
    ValidationError,
)
from .model import (
    SYMBOLS,
    YEAR_LABELS,
    YEARS,
    Bid,
    BidStatus,
    BoardState,
    Component,
    ComponentStatus,
    Decision,
    FundingRoute,
    HistoryEntry,
    Implication,
    Part,
    Recommendation,
    Target,
    YesNo,
    money,
    status_label,
    visible,
)
from .repository import Change, Repository, who_am_i
from .storage import SCHEMA_VERSION, history_path
from .validate import FIELDS, STATUS_FIELD, TABLES, canonical_field, parse_value

__all__ = [
    "FIELDS",
    "SCHEMA_VERSION",
    "STATUS_FIELD",
    "SYMBOLS",
    "TABLES",
    "YEARS",
    "YEAR_LABELS",
    "Bid",
    "BidStatus",
    "BoardError",
    "BoardState",
    "Change",
    "Component",
    "ComponentStatus",
    "Decision",
    "FundingRoute",
    "HistoryEntry",
    "Implication",
    "NotFound",
    "Part",
    "ReadOnly",
    "Recommendation",
    "Repository",
    "StaleEdit",
    "StoreBusy",
    "StoreDamaged",
    "StoreTooNew",
    "StoreUnwritable",
    "Target",
    "ValidationError",
    "YesNo",
    "canonical_field",
    "history_path",
    "money",
    "parse_value",
    "status_label",
    "visible",
    "who_am_i",
]
