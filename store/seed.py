"""The founding report's facts as data: Leicester City Council, Cabinet, 18 October 2004.

A new store holds all of this, so the console does its real job on first start. Each record is
in the stored (JSON) shape; `repository` turns them into model objects.
"""

from __future__ import annotations

from typing import Any

REPORT: dict[str, Any] = {
    "title": "ICT / e-Modernising Leicester Strategic Framework",
    "authority": "Leicester City Council",
    "decision_maker": "Cabinet",
    "meeting_date": "2004-10-18",
    "wards_affected": "All",
    "report_of": "Service Director - ICT & Customer Access",
    "purpose": (
        "To present for Members consideration and agreement, the corporate "
        "ICT / e-Modernising Leicester Strategic Framework."
    ),
    "summary": (
        "Information and communication technology (ICT) is one of the Council's main strategic "
        "resources. ICT will contribute to all the Council's key priorities, to varying degrees."
    ),
    "aim": "To support delivery of the Council's Corporate Plan through the efficient and "
    "effective use of ICT",
    "framework_note": (
        "The Framework is the only document appended to this report. The other documents listed "
        "above are currently available on the Intranet (see <http://intranet/e-gov>), or will be "
        "available soon. They can be brought to Cabinet if Members are interested in seeing them."
    ),
    "author": {
        "name": "Ismail Vania",
        "role": "Strategy and Programmes Manager",
        "service": "ICT & Customer Access",
        "extension": "7412",
    },
    "financial_implications": {
        "text": (
            "The ICT strategy must be considered in the context of the Council's overall financial "
            "position. If the strategy is to be implemented, the necessary finance must be made "
            "available and this will require the clear prioritisation of IT against other bids for "
            "funding. Funds are heavily over-subscribed and it is possible that all of the above "
            "schemes cannot be accommodated within the funds available. Alternative funding "
            "options, using the prudential framework, for some of the above schemes are also being "
            "considered. The Department's revenue strategy is currently in preparation; its first "
            "draft envisages no funding being available from RAD for any growth."
        ),
        "contact": {"name": "Andy Morley", "service": "Financial Services", "extension": "7404"},
    },
    "legal_implications": {
        "text": (
            "Legal Services has advised in connection with this report. There are no direct legal "
            "implications arising from this report."
        ),
        "contact": {"name": "Carolyn Howard", "service": "Legal Services", "extension": "6498"},
    },
    "bids_heading": "CORPORATE ICT CAPITAL BIDS (R.A.D schemes) 2005/06 – 2007/08",
    "bids_source": (
        "Draft bids prepared by the Service Director (ICT and Customer Access) and approved by the "
        "Resources, Access and Diversity Departmental Management Team"
    ),
    "background_papers": [
        "'The National Strategy for Local e- Government' - ODPM, November 2004.",
        "'Defining E-Government Outcomes For 2005 To Support The Delivery Of Priority Services & "
        "National Strategy Transformation Agenda For Local Authorities In England' – ODPM, "
        "April 2004",
    ],
    "consultation": [
        "A series of workshops, involving service managers and other staff, were held.",
        "Heads of ICT, the e-Programme Board and SRG have been consulted and have agreed the "
        "strategies.",
    ],
    "decision_status": {
        "key_decision": "Yes",
        "reason": (
            "Significant in terms of its effect on communities living or working in one or more "
            "wards"
        ),
        "forward_plan": "No",
        "executive_or_council": "Executive (Cabinet)",
    },
}


def _component(
    title: str,
    status: str,
    wording: str,
    target: str = "",
    parts: list[dict[str, str]] | None = None,
) -> dict[str, Any]:
    return {
        "title": title,
        "status": status,
        "target": target,
        "owner": "",
        "note": "",
        "wording": wording,
        "parts": parts or [],
    }


COMPONENTS: list[dict[str, Any]] = [
    _component("e-Modernising Leicester Strategy", "complete", "complete"),
    _component(
        "Core Systems Strategy",
        "under development",
        "under development – expect to complete end-Oct",
        "end-Oct 2004",
    ),
    _component(
        "Technical Infrastructure Plan",
        "under development",
        "under development – expect to complete end-Nov",
        "end-Nov 2004",
    ),
    _component("Departmental ICT and e-modernising strategies", "under review", "under review"),
    _component(
        "Leicester's IEG statements",
        "under development",
        "IEG 1, 2 and 3 complete, IEG 4 expected mid-Nov",
        "mid-Nov 2004",
        [
            {"title": "IEG 1", "status": "complete", "target": ""},
            {"title": "IEG 2", "status": "complete", "target": ""},
            {"title": "IEG 3", "status": "complete", "target": ""},
            {"title": "IEG 4", "status": "under development", "target": "mid-Nov 2004"},
        ],
    ),
    _component("Customer Access Strategy", "under review", "under review"),
    _component(
        "Information Management Strategy",
        "under development",
        "under development – expect to complete end-Nov",
        "end-Nov 2004",
    ),
    _component("ICT @ Leicester", "under review", "under review"),
]


def _bid(title: str, y1: int = 0, y2: int = 0, y3: int = 0, after: int = 0) -> dict[str, Any]:
    amounts = {"2005/06": y1, "2006/07": y2, "2007/08": y3, "after": after}
    return {
        "title": title,
        "amounts": amounts,
        "status": "proposed",
        "funding": "capital",
        "note": "",
    }


# The report's table, blank cells as 0 (£'000).
BIDS: list[dict[str, Any]] = [
    _bid("Corporate electronic document and records management system", 350, 250),
    _bid("Local Area Network (LAN) infrastructure upgrade", 100, 100, 100),
    _bid("Telephone system replacement", 0, 0, 10, 490),
    _bid("PC server business continuity", 250),
    _bid("Mobile working – evaluation and development of ICT solutions", 70),
]

_SECTION_1 = "Section 1 - ICT / e-Modernising Leicester Strategic Framework"

IMPLICATIONS: list[dict[str, Any]] = [
    {"name": "Equal Opportunities Policy", "applies": "N", "paragraphs": "-", "note": ""},
    {"name": "Sustainable and Environmental", "applies": "Y", "paragraphs": _SECTION_1, "note": ""},
    {"name": "Crime and Disorder", "applies": "N", "paragraphs": "-", "note": ""},
    {"name": "Human Rights Act", "applies": "N", "paragraphs": "-", "note": ""},
    {"name": "Elderly/People on Low Income", "applies": "N", "paragraphs": "-", "note": ""},
]

RECOMMENDATIONS: list[dict[str, Any]] = [
    {
        "ref": "3.1",
        "text": "Endorse the corporate ICT / e-Modernising Leicester Strategic Framework.",
        "decision": "pending",
        "note": "",
    },
    {
        "ref": "3.2",
        "text": "Advise whether they wish to see the component documents of the Strategic "
        "Framework.",
        "decision": "pending",
        "note": "",
    },
]


def seed_tables() -> dict[str, list[dict[str, Any]]]:
    """Fresh copies of every seeded table, in the report's order (ids 1..n)."""
    import copy

    return copy.deepcopy(
        {
            "report": [REPORT],
            "components": COMPONENTS,
            "bids": BIDS,
            "implications": IMPLICATIONS,
            "recommendations": RECOMMENDATIONS,
        }
    )
