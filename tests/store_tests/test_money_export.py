"""The money decision in the snapshots: priority and the funding line in JSON, Markdown and HTML,
bid notes in the documents, and the HTML's per-year chart as inline SVG with every text escaped."""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET

from store import Repository, planning, prepare, render
from store.export.chart import bars_svg

AT = "2004-10-18T18:00:00Z"

TODAY = dt.date(2004, 11, 1)  # as the `today` fixture: a fixed day for the overdue marks


def text(repo: Repository, fmt: str) -> str:
    return render(fmt, prepare(repo, today=TODAY, exported_at=AT))


def with_envelope(repo: Repository) -> Repository:
    repo.apply(planning.envelope(repo.state(), "2005/06", "700"))
    repo.set_field("bids", "5", "priority", "1")
    return repo


def test_json_carries_priority_within_envelope_envelope_and_oversubscription(
    repo: Repository,
) -> None:
    plain = json.loads(text(repo, "json"))
    assert [b["within_envelope"] for b in plain["bids"]] == [None] * 5
    data = json.loads(text(with_envelope(repo), "json"))
    assert [b["priority"] for b in data["bids"]] == [2, 3, 4, 5, 1]
    # priority order 5, 1, 2, 3, 4 runs 70, 420, 520, 520, 770 against 700 in 2005/06
    assert [b["within_envelope"] for b in data["bids"]] == [True, True, True, False, True]
    assert (data["envelope"], data["oversubscription"]) == ({"2005/06": 700}, {"2005/06": 70})


def test_bid_notes_and_priorities_are_in_the_markdown_and_html(repo: Repository) -> None:
    repo.set_field("bids", "2", "note", "costed by <Corporate ICT> | phase 1")
    with_envelope(repo)
    md = text(repo, "md")
    assert "| 3 · within | costed by \\<Corporate ICT\\> \\| phase 1 |" in md
    assert "| 5 · below line |" in md
    html = text(repo, "html")
    assert "<td>costed by &lt;Corporate ICT&gt; | phase 1</td>" in html


def test_the_html_chart_is_inline_svg_without_script_or_network(repo: Repository) -> None:
    html = text(with_envelope(repo), "html")
    [svg] = re.findall(r"<svg.*?</svg>", html, flags=re.S)
    root = ET.fromstring(svg)  # well-formed on its own
    assert "script" not in svg.lower() and "href" not in svg and "http" not in svg
    years = [t.text for t in root.iter("text") if t.text and "/" in t.text[:7]]
    assert years[:3] == ["2005/06", "2006/07", "2007/08"]
    assert any(t.text == "770 of 700 (70 over)" for t in root.iter("text"))
    assert len([r for r in root.iter("rect") if r.find("title") is not None]) == 9


def test_a_hostile_title_in_the_chart_is_text(repo: Repository) -> None:
    repo.set_field("bids", "1", "title", '</svg><script>alert(1)</script>&"')
    svg = bars_svg(repo.state())
    assert "<script>" not in svg and "&lt;/svg&gt;&lt;script&gt;" in svg
    titles = "".join(ET.fromstring(svg).itertext())
    assert '</svg><script>alert(1)</script>&"' in titles
