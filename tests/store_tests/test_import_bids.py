"""`import bids`: a finance CSV (the columns of bids.csv) as one edit, refused whole when any
cell is wrong, with the line and column named."""

from __future__ import annotations

from pathlib import Path

import pytest

from store import Repository, ValidationError, history_path
from store.import_bids import decode

HEADER = "id,title,2005/06,2006/07,2007/08,After 2007/08,total,status,funding,note\n"


def files(path: Path) -> tuple[bytes, bytes | None]:
    hist = history_path(path)
    return path.read_bytes(), hist.read_bytes() if hist.exists() else None


def test_updates_by_id_and_adds_new_bids_in_one_revision(repo: Repository) -> None:
    text = HEADER + (
        "1,Corporate EDRMS,300,300,0,0,999,approved,capital,cut in year one\n"
        ",Wi-Fi in libraries,20,5,,0,,,prudential borrowing,\n"
    )
    change = repo.import_bids(text)
    state = repo.state()
    first, new = state.bids[0], state.bids[-1]
    assert (first.title, first.amounts["2005/06"], first.status, first.note) == (
        "Corporate EDRMS",
        300,
        "approved",
        "cut in year one",
    )
    assert (new.id, new.title, new.amounts["2007/08"], new.funding) == (
        6,
        "Wi-Fi in libraries",
        0,
        "prudential borrowing",
    )
    assert state.by_priority[-1].id == 6
    entries = repo.history()
    assert {e.revision for e in entries} == {1}
    assert sorted(e.field for e in entries) == [
        "*",
        "2005/06",
        "2006/07",
        "note",
        "status",
        "title",
    ]
    repo.revert(change)
    assert len(repo.state().bids) == 5 and repo.state().bids[0].amounts["2005/06"] == 350


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (HEADER + "1,EDRMS,-5,0,0,0,,proposed,capital,\n", "line 2, column 2005/06: '-5'"),
        (HEADER + "1,EDRMS,5,0,0,0,,maybe,capital,\n", "line 2, column status"),
        (HEADER + "1,EDRMS,5,0,0,0,,,capital,\n9,X,1,0,0,0,,,,\n", "line 3, column id: no bid '9'"),
        (
            HEADER + "2,A,1,0,0,0,,,,\n2,B,1,0,0,0,,,,\n",
            "line 3, column id: bid 2 is also on line 2",
        ),
        (HEADER + "1,,1,0,0,0,,,,\n", "line 2, column title"),
        (HEADER + "1,A,1\n", "line 2: 3 cells, the header has 10"),
        ("id,title,colour\n1,A,red\n", "line 1, column 3: unknown column 'colour'"),
        ("title\nA\n", "line 1: no `id` column"),
        ("", "the file is empty"),
        (HEADER + '1,"unclosed,1,0,0,0,,,,\n', "line 2"),
        (HEADER + "1,A,=SUM(A1:A9),0,0,0,,,,\n", "line 2, column 2005/06"),
        (HEADER + ",New,1,0,0,0,,,,\n" * 3 + "1,A,x,0,0,0,,,,\n", "line 5, column 2005/06"),
    ],
)
def test_a_wrong_cell_refuses_the_whole_import(
    repo: Repository, store_path: Path, text: str, message: str
) -> None:
    before = files(store_path)
    with pytest.raises(ValidationError) as err:
        repo.import_bids(text)
    assert message in str(err.value)
    assert files(store_path) == before


def test_formula_cells_are_kept_as_text_and_our_own_protection_is_undone(repo: Repository) -> None:
    repo.import_bids(HEADER + '1,\'=HYPERLINK("http://x"),1,0,0,0,,,,\n2,@SUM(1),1,0,0,0,,,,\n')
    assert [b.title for b in repo.state().bids[:2]] == ['=HYPERLINK("http://x")', "@SUM(1)"]


def test_a_byte_order_mark_is_fine_and_other_encodings_are_refused() -> None:
    assert decode("\ufeffid,title\n".encode(), "f.csv") == "id,title\n"
    with pytest.raises(ValidationError, match="not UTF-8 text .*save it as 'CSV UTF-8'"):
        decode("id,title\n1,Caf\xe9\n".encode("cp1252"), "f.csv")


def test_a_huge_file_is_refused_before_it_is_read_as_csv() -> None:
    with pytest.raises(ValidationError, match="more than 20,000,000 bytes"):
        decode(b"x" * 20_000_001, "huge.csv")


def test_importing_the_same_file_twice_changes_nothing_the_second_time(repo: Repository) -> None:
    text = HEADER + "1,EDRMS,350,250,0,0,,proposed,capital,\n"
    repo.import_bids(text)
    revision = repo.state().revision
    assert repo.import_bids(text).action == "none"
    assert repo.state().revision == revision
