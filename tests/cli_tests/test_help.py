"""`board --version`, `board --help` and each command's help; the README lists every command."""

from __future__ import annotations

import argparse
import re
from importlib.metadata import version
from pathlib import Path

import pytest

from store import TABLES, field_names
from tui.cli import COMMANDS, build_parser

from .conftest import clean_env, run_board


def test_version(tmp_path: Path) -> None:
    result = run_board("--version", env=clean_env(tmp_path))
    assert (result.code, result.out) == (0, f"board {version('programme-board-console')}\n")


def test_help_lists_every_command(tmp_path: Path) -> None:
    result = run_board("--help", env=clean_env(tmp_path))
    assert result.code == 0 and result.out.startswith("usage: board ")
    for command in COMMANDS:
        assert re.search(rf"^    {command} ", result.out, re.MULTILINE), command


def test_set_help_lists_tables_fields_and_an_example(tmp_path: Path) -> None:
    result = run_board("set", "--help", env=clean_env(tmp_path))
    assert result.code == 0
    for table in TABLES:
        assert f"  {table}: {', '.join(field_names(table))}" in result.out
    assert "board set bids 1 2005/06 400" in result.out
    assert "[--] VALUE" in result.out


@pytest.mark.parametrize("command", ["show", "history", "check"])
def test_each_command_has_help(tmp_path: Path, command: str) -> None:
    result = run_board(command, "--help", env=clean_env(tmp_path))
    assert result.code == 0 and result.out.startswith(f"usage: board {command} ")


def _commands_section(readme: str) -> str:
    return readme.split("\n## Commands\n", 1)[1].split("\n## ", 1)[0]


def test_readme_lists_every_command_and_option(readme: str) -> None:
    section = _commands_section(readme)
    parser = build_parser()
    [sub] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    for name, command in sub.choices.items():
        assert f"`board {name}" in section, name
        for action in command._actions:
            for option in action.option_strings:
                assert option in section or option in ("-h", "--help"), f"board {name} {option}"
