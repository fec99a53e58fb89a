"""Council decision rules the board must see: one home, used by every screen and document."""

from __future__ import annotations

from typing import Any

# The Local Authorities (Executive Arrangements) (Access to Information) (England) Regulations
# 2000 (regs 15 and 16) and their 2012 successors (regs 10 and 11): a key decision missing from
# the forward plan may be taken only under one of these two routes.
KEY_DECISION_NOT_IN_PLAN = (
    "Key decision not in the forward plan: it requires a general exception notice or, if it "
    "cannot wait, special urgency with the chair's agreement."
)


def _yes(value: Any) -> bool:
    return str(value).strip().lower() in ("yes", "y")


def decision_requirement(report: dict[str, Any]) -> str | None:
    """What the decision status requires, in one plain line; None when nothing extra applies."""
    status = report.get("decision_status") or {}
    if _yes(status.get("key_decision")) and not _yes(status.get("forward_plan")):
        return KEY_DECISION_NOT_IN_PLAN
    return None
