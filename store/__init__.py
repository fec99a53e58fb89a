"""The board's data: model, validation, the shared JSON store, history and export.

This package never imports textual: the console (tui/) and the command line use only what is
listed in `__all__`.

The export names are loaded on first use (PEP 562): the console starts without the export's
modules (csv, html, the table builders), ~40 ms of its start-up, and loads them for `x`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from . import funding, planning
from .dates import parse_date, uk_date, working_days_after
from .display import (
    OVERDUE,
    RECORD_NOUNS,
    SYMBOLS,
    TAB_TITLES,
    TABS,
    as_at_text,
    change_text,
    describe_value,
    money,
    over_under,
    priority_label,
    short_path,
    status_label,
    target_text,
    visible,
    when,
)
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
from .files import atomic_write, network_note, store_file
from .frozen import Frozen, record_fields
from .gc_pause import gc_paused
from .history_file import history_path
from .integrity import replacement
from .meetings import meeting_fields
from .model import (
    YEAR_LABELS,
    YEARS,
    Action,
    ActionStatus,
    Bid,
    BidStatus,
    BoardState,
    Component,
    ComponentStatus,
    Decision,
    FundingRoute,
    HistoryEntry,
    Implication,
    Meeting,
    Part,
    Recommendation,
    Target,
    YesNo,
)
from .records import ROW_TABLES, record_value
from .repository import NOTHING, Change, Repository, who_am_i
from .rules import decision_requirement
from .storage import SCHEMA_VERSION
from .validate import (
    ALIASES,
    FIELDS,
    STATUS_FIELD,
    TABLES,
    accepted_forms,
    canonical_field,
    choices,
    field_names,
    parse_value,
    split_part,
)

__all__ = [
    "ALIASES",
    "atomic_write",
    "ROW_TABLES",
    "as_at_text",
    "meeting_fields",
    "Action",
    "ActionStatus",
    "Meeting",
    "Unreachable",
    "decision_requirement",
    "parse_date",
    "state_at",
    "uk_date",
    "working_days_after",
    "EXPORT_FORMATS",
    "NOTHING",
    "FIELDS",
    "OVERDUE",
    "SCHEMA_VERSION",
    "STATUS_FIELD",
    "SYMBOLS",
    "TABLES",
    "TABS",
    "TAB_TITLES",
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
    "Export",
    "ExportError",
    "Frozen",
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
    "change_text",
    "choices",
    "describe_value",
    "export_one",
    "field_names",
    "funding",
    "gc_paused",
    "history_path",
    "money",
    "network_note",
    "over_under",
    "parse_value",
    "accepted_forms",
    "split_part",
    "planning",
    "priority_label",
    "prepare",
    "record_fields",
    "record_value",
    "replacement",
    "render",
    "status_label",
    "store_file",
    "target_text",
    "visible",
    "short_path",
    "RECORD_NOUNS",
    "when",
    "who_am_i",
    "write_bundle",
    "write_file",
]

_EXPORTED = (
    "Export",
    "ExportError",
    "export_one",
    "prepare",
    "render",
    "write_bundle",
    "write_file",
)
_EXPORT_NAMES = {"EXPORT_FORMATS": "FORMATS", **{name: name for name in _EXPORTED}}
# Loaded on first use as well: the replay of `--at` (~1.5 ms of every other command's start-up).
_LAZY = {
    **{name: (".export", attr) for name, attr in _EXPORT_NAMES.items()},
    "Unreachable": (".as_at", "Unreachable"),
    "state_at": (".as_at", "state_at"),
}

if TYPE_CHECKING:
    from .as_at import Unreachable, state_at
    from .export import FORMATS as EXPORT_FORMATS
    from .export import Export, ExportError, export_one, prepare, render, write_bundle, write_file


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module, attr = _LAZY[name]
    value = getattr(importlib.import_module(module, __name__), attr)
    globals()[name] = value
    return value
