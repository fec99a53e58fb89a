"""A console notices a replaced store file, not only an edited one, and a conflict dialog keeps
"theirs" current while it is open."""

from __future__ import annotations

import asyncio
import os
import shutil
from pathlib import Path

from store import Repository
from tui.app import BoardApp
from tui.screens.edit import ConflictScreen

from .conftest import WaitFor, WriteElsewhere


def put_in_place(copy: Path, store: Path) -> None:
    """Copy `copy` over the store atomically (as `cp` to a temp name and `mv` would)."""
    tmp = store.with_name("restoring.tmp")
    shutil.copy(copy, tmp)
    os.replace(tmp, store)


def notices(app: BoardApp) -> list[str]:
    return [n.message for n in app._notifications]


async def test_a_backup_restored_over_the_store_is_named_as_a_replacement(
    app: BoardApp, store_path: Path, wait_for: WaitFor, write_elsewhere: WriteElsewhere
) -> None:
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause(0.3)  # let the folder watch start
        await asyncio.to_thread(write_elsewhere, store_path, "bids", "1", "note", "one")
        backup = store_path.with_name("backup.json")
        shutil.copy(store_path, backup)
        await asyncio.to_thread(write_elsewhere, store_path, "bids", "1", "note", "two")
        await asyncio.to_thread(write_elsewhere, store_path, "bids", "1", "note", "three")
        assert await wait_for(lambda: app.board.state.revision == 3)
        put_in_place(backup, store_path)
        assert await wait_for(lambda: app.board.state.revision == 1)
        # notify() posts a message: the notice lands a moment after the state it is about
        await wait_for(lambda: any("replaced" in m for m in notices(app)))
        said = notices(app)
        replaced = [m for m in said if "replaced" in m]
        assert len(replaced) == 1, said
        [message] = replaced
        assert message.startswith("the store was replaced: revision 3 → 1")
        assert app.board.state.bids[0].note == "one"


async def test_a_copy_at_the_same_revision_is_noticed(
    app: BoardApp, store_path: Path, wait_for: WaitFor, write_elsewhere: WriteElsewhere
) -> None:
    twin = store_path.with_name("twin.json")
    shutil.copy(store_path, twin)
    Repository.open(twin, who="other@room").set_field("bids", "1", "note", "the twin's")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause(0.3)
        await asyncio.to_thread(write_elsewhere, store_path, "bids", "1", "note", "ours")
        assert await wait_for(lambda: app.board.state.revision == 1)
        put_in_place(twin, store_path)  # revision 1 too, another history
        assert await wait_for(lambda: app.board.state.bids[0].note == "the twin's")
        # notify() posts a message: the notice lands a moment after the state it is about
        await wait_for(lambda: any("replaced" in m for m in notices(app)))
        said = notices(app)
        assert any(m.startswith("the store was replaced: revision 1 → 1") for m in said), said


async def test_a_store_re_created_after_deletion_is_named_as_another_store(
    app: BoardApp, store_path: Path, wait_for: WaitFor, write_elsewhere: WriteElsewhere
) -> None:
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause(0.3)
        await asyncio.to_thread(write_elsewhere, store_path, "bids", "1", "note", "old")
        assert await wait_for(lambda: app.board.state.revision == 1)
        store_path.unlink()
        await asyncio.to_thread(write_elsewhere, store_path, "bids", "2", "note", "new store")
        assert await wait_for(lambda: app.board.state.bids[1].note == "new store")
        # notify() posts a message: the notice lands a moment after the state it is about
        await wait_for(lambda: any("replaced" in m for m in notices(app)))
        said = notices(app)
        replaced = [m for m in said if "replaced" in m]
        assert len(replaced) == 1, said
        [message] = replaced
        assert (
            message == "the store was replaced: revision 1 → 1 (another store: re-created "
            "or copied over this one)"
        )


async def test_a_third_change_updates_the_keep_theirs_dialog(
    app: BoardApp,
    repo: Repository,
    store_path: Path,
    wait_for: WaitFor,
    write_elsewhere: WriteElsewhere,
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.3)
        await pilot.press("2", "right", "right", "right", "e")  # component 1, Owner
        await asyncio.to_thread(write_elsewhere, store_path, "components", "1", "owner", "Chair")
        await pilot.press(*"Secretary", "enter")
        assert await wait_for(lambda: isinstance(app.screen, ConflictScreen))
        assert "'Chair'" in str(app.screen.query_one("#question").render())
        await asyncio.to_thread(write_elsewhere, store_path, "components", "1", "owner", "Vice")
        question = app.screen.query_one("#question")
        assert await wait_for(lambda: "it is now 'Vice'" in str(question.render()))
        assert "Keep theirs ('Vice')" in str(
            app.screen.query_one("OptionList").get_option("theirs").prompt
        )
        await pilot.press("enter")  # keep theirs: the value now there
        await pilot.pause()
    assert repo.state().components[0].owner == "Vice"
