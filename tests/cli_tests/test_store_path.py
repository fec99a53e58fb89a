"""Where the store is: --store (before or after the command), else $BOARD_STORE, else
board.json in the user data folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from store import network_note

from .conftest import clean_env, run_board


def test_store_option_before_and_after_the_command(tmp_path: Path) -> None:
    path, env = str(tmp_path / "mine.json"), clean_env(tmp_path)
    before = run_board("--store", path, "set", "bids", "2", "status", "approved", env=env)
    after = run_board("show", "bids", "--store", path, env=env)
    assert before.code == after.code == 0
    assert "✔ approved" in after.out


def test_the_option_wins_over_the_environment(tmp_path: Path) -> None:
    env = clean_env(tmp_path, BOARD_STORE=str(tmp_path / "env.json"))
    assert run_board("set", "bids", "2", "status", "approved", env=env).code == 0
    assert "✔ approved" in run_board("show", "bids", env=env).out
    assert (
        "✔ approved"
        not in run_board("show", "bids", "--store", str(tmp_path / "o.json"), env=env).out
    )
    assert sorted(p.name for p in tmp_path.glob("*.json")) == ["env.json", "o.json"]


def test_default_is_board_json_in_the_user_data_folder(tmp_path: Path) -> None:
    env = clean_env(tmp_path)  # XDG_DATA_HOME inside tmp_path, no $BOARD_STORE
    assert run_board("set", "bids", "2", "status", "approved", env=env).code == 0
    assert (tmp_path / "data" / "board" / "board.json").exists()


def special(tmp_path: Path, kind: str) -> str:
    """A store path that is not a regular file."""
    path = tmp_path / "board.json"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    elif kind == "symlink loop":
        path.symlink_to(tmp_path / "loop.json")
        (tmp_path / "loop.json").symlink_to(path)
    else:
        return kind  # /dev/zero, /dev/null
    return str(path)


SPECIAL = {
    "fifo": "is a FIFO (named pipe), not a store file",
    "folder": "is a folder, not a store file",
    "symlink loop": "a symlink loop",
    "/dev/zero": "/dev/zero: is a character device, not a store file",
    "/dev/null": "/dev/null: is a character device, not a store file",
}


@pytest.mark.parametrize("command", [["show"], ["check"], ["set", "bids", "1", "note", "x"]])
@pytest.mark.parametrize("kind", SPECIAL)
def test_a_store_that_is_not_a_regular_file_is_refused_before_reading(
    tmp_path: Path, kind: str, command: list[str]
) -> None:
    path = special(tmp_path, kind)
    before = sorted(tmp_path.iterdir())
    result = run_board("--store", path, *command, env=clean_env(tmp_path), timeout=10)
    assert result.code == 2 and result.out == ""
    assert result.err.startswith("board: ") and SPECIAL[kind] in result.err
    assert result.err.count("\n") == 1
    assert sorted(tmp_path.iterdir()) == before  # nothing created beside it


@pytest.mark.parametrize(
    ("option", "env", "message"),
    [
        (["--store", ""], {}, "--store is '': no store path given"),
        (["--store", "  "], {}, "--store is '  ': no store path given"),
        ([], {"BOARD_STORE": " "}, "BOARD_STORE is ' ': no store path given"),
    ],
)
def test_an_empty_or_blank_store_path_is_refused(
    tmp_path: Path, option: list[str], env: dict[str, str], message: str
) -> None:
    result = run_board(*option, "set", "bids", "1", "note", "x", env=clean_env(tmp_path, **env))
    assert (result.code, result.out, result.err) == (2, "", f"board: {message}\n")
    assert list(tmp_path.iterdir()) == []  # neither the default store nor one named " "


MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
server:/export /srv/boards nfs4 rw,relatime 0 0
//nas/share /mnt/nas cifs rw 0 0
sshfs#me@host: /home/me/remote fuse.sshfs rw 0 0
/dev/sdb1 /srv/boards/local ext4 rw 0 0
"""


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/srv/boards/board.json", "nfs4"),
        ("/mnt/nas/x/board.json", "cifs"),
        ("/home/me/remote/board.json", "fuse.sshfs"),
        ("/srv/boards/local/board.json", None),
        ("/home/me/board.json", None),
    ],
)
def test_a_store_on_a_network_filesystem_is_named(path: str, kind: str | None) -> None:
    note = network_note(Path(path), MOUNTS)
    if kind is None:
        assert note is None
    else:
        assert note is not None and f"({kind})" in note and "`board serve`" in note
