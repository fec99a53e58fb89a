"""A new store holds every fact of the founding report (Leicester City Council, 18 Oct 2004)."""

from __future__ import annotations

from pathlib import Path

import pytest

from store import BidStatus, ComponentStatus, Decision, Repository, YesNo

_SEED_NAME = Path("shared", "seed", "000_2166cd7d6998b05b.txt")
# The report lives in /work/shared beside the checkout; a git worktree sits one folder deeper.
SEED = next(
    (p / _SEED_NAME for p in Path(__file__).parents if (p / _SEED_NAME).exists()),
    Path(__file__).parents[3] / _SEED_NAME,
)


def test_report_metadata(repo: Repository) -> None:
    r = repo.state().report
    assert r["title"] == "ICT / e-Modernising Leicester Strategic Framework"
    assert (r["authority"], r["decision_maker"], r["meeting_date"]) == (
        "Leicester City Council",
        "Cabinet",
        "2004-10-18",
    )
    assert r["wards_affected"] == "All"
    assert r["report_of"] == "Service Director - ICT & Customer Access"
    assert r["aim"].startswith("To support delivery of the Council's Corporate Plan")
    assert r["author"] == {
        "name": "Ismail Vania",
        "role": "Strategy and Programmes Manager",
        "service": "ICT & Customer Access",
        "extension": "7412",
    }
    ds = r["decision_status"]
    assert (ds["key_decision"], ds["forward_plan"], ds["executive_or_council"]) == (
        "Yes",
        "No",
        "Executive (Cabinet)",
    )
    assert "one or more wards" in ds["reason"]
    assert r["financial_implications"]["contact"] == {
        "name": "Andy Morley",
        "service": "Financial Services",
        "extension": "7404",
    }
    assert r["legal_implications"]["contact"]["name"] == "Carolyn Howard"
    assert r["legal_implications"]["contact"]["extension"] == "6498"
    assert len(r["background_papers"]) == 2 and "ODPM, April 2004" in r["background_papers"][1]
    assert any("workshops" in c for c in r["consultation"])


def test_components_in_report_order(repo: Repository) -> None:
    c = repo.state().components
    assert [x.title for x in c] == [
        "e-Modernising Leicester Strategy",
        "Core Systems Strategy",
        "Technical Infrastructure Plan",
        "Departmental ICT and e-modernising strategies",
        "Leicester's IEG statements",
        "Customer Access Strategy",
        "Information Management Strategy",
        "ICT @ Leicester",
    ]
    assert [x.id for x in c] == list(range(1, 9))
    assert [x.status for x in c] == [
        ComponentStatus.COMPLETE,
        ComponentStatus.UNDER_DEVELOPMENT,
        ComponentStatus.UNDER_DEVELOPMENT,
        ComponentStatus.UNDER_REVIEW,
        ComponentStatus.UNDER_DEVELOPMENT,
        ComponentStatus.UNDER_REVIEW,
        ComponentStatus.UNDER_DEVELOPMENT,
        ComponentStatus.UNDER_REVIEW,
    ]
    assert [x.target for x in c] == [
        "",
        "end-Oct 2004",
        "end-Nov 2004",
        "",
        "mid-Nov 2004",
        "",
        "end-Nov 2004",
        "",
    ]
    ieg = c[4]
    assert [(p.title, p.status.value, p.target) for p in ieg.parts] == [
        ("IEG 1", "complete", ""),
        ("IEG 2", "complete", ""),
        ("IEG 3", "complete", ""),
        ("IEG 4", "under development", "mid-Nov 2004"),
    ]


def test_component_wording_is_the_reports_own(repo: Repository) -> None:
    if not SEED.exists():  # the report sits in shared/ beside the project, not in the repo
        pytest.skip(f"founding report not found at {SEED}")
    report = SEED.read_text(encoding="utf-8")
    for component in repo.state().components:
        assert component.title in report
        assert f"({component.wording})" in report


def test_bids_and_totals(repo: Repository) -> None:
    state = repo.state()
    assert [(b.title, b.amounts) for b in state.bids] == [
        (
            "Corporate electronic document and records management system",
            {"2005/06": 350, "2006/07": 250, "2007/08": 0, "after": 0},
        ),
        (
            "Local Area Network (LAN) infrastructure upgrade",
            {"2005/06": 100, "2006/07": 100, "2007/08": 100, "after": 0},
        ),
        ("Telephone system replacement", {"2005/06": 0, "2006/07": 0, "2007/08": 10, "after": 490}),
        ("PC server business continuity", {"2005/06": 250, "2006/07": 0, "2007/08": 0, "after": 0}),
        (
            "Mobile working – evaluation and development of ICT solutions",
            {"2005/06": 70, "2006/07": 0, "2007/08": 0, "after": 0},
        ),
    ]
    assert [b.total for b in state.bids] == [600, 300, 500, 250, 70]
    assert state.year_totals() == {"2005/06": 770, "2006/07": 350, "2007/08": 110, "after": 490}
    assert state.grand_total == 1720
    assert all(b.status is BidStatus.PROPOSED for b in state.bids)


def test_implications(repo: Repository) -> None:
    rows = [(i.name, i.applies, i.paragraphs) for i in repo.state().implications]
    assert rows == [
        ("Equal Opportunities Policy", YesNo.NO, "-"),
        (
            "Sustainable and Environmental",
            YesNo.YES,
            "Section 1 - ICT / e-Modernising Leicester Strategic Framework",
        ),
        ("Crime and Disorder", YesNo.NO, "-"),
        ("Human Rights Act", YesNo.NO, "-"),
        ("Elderly/People on Low Income", YesNo.NO, "-"),
    ]


def test_recommendations(repo: Repository) -> None:
    recs = repo.state().recommendations
    assert [r.id for r in recs] == ["3.1", "3.2"]
    assert recs[0].text.startswith("Endorse the corporate ICT / e-Modernising Leicester")
    assert recs[1].text.startswith("Advise whether they wish to see the component documents")
    assert all(r.decision is Decision.PENDING for r in recs)
