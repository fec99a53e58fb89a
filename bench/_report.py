"""Figures as ratios against a reference measured in the same run, with a goal, met or missed."""

from __future__ import annotations

import statistics
from dataclasses import asdict, dataclass
from typing import Any

from rich.console import Console
from rich.table import Table


@dataclass(frozen=True)
class Figure:
    """One line of the table: medians of the subject and its reference, in `unit`."""

    item: str  # "1a", "2c", ...
    what: str
    subject: float
    reference: float
    reference_name: str
    unit: str = "ms"
    goal: float | None = None  # None: reported, no goal
    higher_is_better: bool = False  # True for speed-ups (reference / subject)
    runs: int = 0
    extra: str = ""

    @property
    def ratio(self) -> float:
        if self.higher_is_better:
            return self.reference / self.subject if self.subject else float("inf")
        return self.subject / self.reference if self.reference else float("inf")

    @property
    def met(self) -> bool | None:
        if self.goal is None:
            return None
        return self.ratio >= self.goal if self.higher_is_better else self.ratio <= self.goal

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "ratio": round(self.ratio, 3), "met": self.met}


def median(values: list[float]) -> float:
    return statistics.median(values)


def ms(seconds: list[float]) -> float:
    return median(seconds) * 1000


def goal_text(f: Figure) -> str:
    if f.goal is None:
        return "—"
    return f"{'≥' if f.higher_is_better else '≤'} {f.goal:g}×"


def met_text(f: Figure) -> str:
    return {None: "—", True: "met", False: "MISSED"}[f.met]


def table(figures: list[Figure]) -> Table:
    t = Table(title="Programme Board Console benchmarks (medians; ratios measured in one run)")
    for label, justify in [
        ("#", "left"),
        ("What", "left"),
        ("Console", "right"),
        ("Reference", "right"),
        ("Ratio", "right"),
        ("Goal", "right"),
        ("", "left"),
    ]:
        t.add_column(label, justify=justify)  # type: ignore[arg-type]
    for f in figures:
        t.add_row(
            f.item,
            f.what + (f" ({f.extra})" if f.extra else ""),
            f"{f.subject:,.1f} {f.unit}",
            f"{f.reference:,.1f} {f.unit} {f.reference_name}",
            f"{f.ratio:.2f}×",
            goal_text(f),
            met_text(f),
        )
    return t


def print_table(figures: list[Figure]) -> None:
    Console(width=160, soft_wrap=False).print(table(figures))
