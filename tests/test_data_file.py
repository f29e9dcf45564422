"""The data file is ours or it is left alone: another program's database, a foreign -wal beside ours, an
emptied file; and rotation never throws away the last sound backup."""

import datetime as dt
import shutil
import sqlite3

import pytest

from ilp_desktop.cli import main
from ilp_desktop.model.backup_policy import BackupPolicy
from ilp_desktop.model.errors import UserError
from ilp_desktop.storage.backups import backup_files, latest_good_backup, rotate
from ilp_desktop.storage.database import APPLICATION_ID
from ilp_desktop.storage.location import DATA_FILE
from ilp_desktop.storage.store import Store


def our_file(folder) -> int:
    store = Store.open(folder)
    plan = store.create_plan(
        "ilp-conversation-guide", store.add_person("Zoë", "teacher"), "2026-2027", dt.date(2026, 9, 1)
    )
    store.save(plan, {"goal": "Our goal"})
    store.close()
    return plan


def snapshot(folder) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file() and p.name.startswith(DATA_FILE)}


def test_the_data_file_is_marked_as_ours(data_dir):
    our_file(data_dir)
    conn = sqlite3.connect(data_dir / DATA_FILE)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    conn.close()


def test_a_file_of_ours_from_before_the_mark_is_adopted(data_dir):
    our_file(data_dir)
    conn = sqlite3.connect(data_dir / DATA_FILE)
    conn.execute("PRAGMA application_id = 0")
    conn.commit()
    conn.close()
    store = Store.open(data_dir)
    assert store.values(1) == {"goal": "Our goal"}
    assert store.db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    store.close()


def test_another_programs_database_is_refused_untouched(data_dir, capsys):
    data_dir.mkdir(mode=0o700)
    conn = sqlite3.connect(data_dir / DATA_FILE)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.execute("INSERT INTO recipes VALUES ('bread')")
    conn.commit()
    conn.close()
    before = snapshot(data_dir)
    with pytest.raises(UserError, match="database of another program"):
        Store.open(data_dir)
    assert main(["--data-dir", str(data_dir), "demo"]) == 1
    assert "another program" in capsys.readouterr().err
    assert snapshot(data_dir) == before, "not migrated, not written, no plans added"


def test_a_foreign_wal_beside_our_file_is_refused_and_nothing_is_replayed(data_dir, tmp_path):
    our_file(data_dir)
    other = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(other)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA wal_autocheckpoint = 0")  # keep every change in the -wal
    conn.execute("PRAGMA application_id = 7")
    conn.execute("CREATE TABLE plans (id INTEGER PRIMARY KEY, stolen TEXT)")
    conn.execute("INSERT INTO plans (stolen) VALUES ('everything')")
    conn.commit()
    shutil.copyfile(f"{other}-wal", data_dir / f"{DATA_FILE}-wal")  # as a sync program might
    conn.close()
    main_file = (data_dir / DATA_FILE).read_bytes()
    with pytest.raises(UserError, match="another program's -wal"):
        Store.open(data_dir)
    assert (data_dir / DATA_FILE).read_bytes() == main_file, "the foreign -wal was not written into our file"


def test_an_emptied_file_with_backups_is_refused_and_the_backups_survive_every_start(data_dir):
    our_file(data_dir)
    store = Store.open(data_dir)
    store.backup()
    store.close()
    (data_dir / DATA_FILE).write_bytes(b"")  # a sync program or a full disk left nothing
    for _ in range(12):
        with pytest.raises(UserError, match="empty \\(0 bytes\\) although backups of it exist"):
            Store.open(data_dir)
    assert (data_dir / DATA_FILE).stat().st_size == 0
    assert latest_good_backup(data_dir) is not None


def test_a_new_empty_file_without_backups_is_simply_new(data_dir):
    data_dir.mkdir(mode=0o700)
    (data_dir / DATA_FILE).write_bytes(b"")
    store = Store.open(data_dir)
    assert store.plans() == []
    store.close()


def test_rotation_keeps_the_newest_sound_backup_however_many_damaged_ones_follow(data_dir):
    our_file(data_dir)
    store = Store.open(data_dir)
    policy = BackupPolicy(keep_recent=3, keep_weekly=0)
    sound = store.backup(policy, dt.datetime(2026, 9, 1, 8, 0))
    store.close()
    for hour in range(1, 12):  # hourly copies of a data file that went bad
        (data_dir / "backups" / f"ilp-desktop-20260901-{8 + hour:02d}0000.sqlite3").write_bytes(
            b"SQLite format 3\x00" + b"\xff" * 4096
        )
    rotate(data_dir, policy)
    kept = backup_files(data_dir)
    assert sound in kept and len(kept) == 4, "three newest by the schedule, plus the last sound one"
    assert latest_good_backup(data_dir) == sound


def test_permissions_are_owner_only_again_on_every_start_and_after_a_move(data_dir, tmp_path):
    import os
    import stat

    from ilp_desktop.storage.relocation import move_data

    our_file(data_dir)
    store = Store.open(data_dir)
    store.save(1, {"goal": "keeps a -wal open"})
    for path, mode in ((data_dir, 0o755), *((data_dir / f"{DATA_FILE}{s}", 0o644) for s in ("", "-wal", "-shm"))):
        os.chmod(path, mode)  # as a copy, a sync program or a read-only session left them
    store.close()
    Store.open(data_dir).close()
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE((data_dir / DATA_FILE).stat().st_mode) == 0o600
    target = tmp_path / "moved"
    target.mkdir(mode=0o755)
    os.chmod(target, 0o755)
    moved = move_data(data_dir, target)
    assert stat.S_IMODE(moved.stat().st_mode) == 0o700
    assert stat.S_IMODE((moved / DATA_FILE).stat().st_mode) == 0o600


def damage_a_middle_page(path) -> None:
    conn = sqlite3.connect(path)
    page_size, pages = conn.execute("PRAGMA page_size").fetchone()[0], conn.execute("PRAGMA page_count").fetchone()[0]
    conn.close()
    assert pages > 6
    with open(path, "r+b") as fh:  # page 1 (the header) is left alone: the file still opens
        fh.seek(page_size * (pages // 2))
        fh.write(b"\x0d\x00\x00\x00\xff\xff" + b"\xa5" * 200)


def filled(folder) -> None:
    store = Store.open(folder)
    for i in range(40):
        plan = store.create_plan(
            "ilp-conversation-guide", store.add_person(f"T{i}", "teacher"), "2026-2027", dt.date(2026, 9, 1)
        )
        store.save(plan, {"goal": f"Goal {i} " * 200})
    store.backup()
    store.close()


def test_a_page_damaged_in_the_middle_is_noticed_at_start_and_never_backed_up(data_dir):
    filled(data_dir)
    good = backup_files(data_dir)
    damage_a_middle_page(data_dir / DATA_FILE)
    damaged = (data_dir / DATA_FILE).read_bytes()
    with pytest.raises(UserError, match="is damaged"):
        Store.open(data_dir)
    assert (data_dir / DATA_FILE).read_bytes() == damaged, "left untouched for the recovery dialog"
    assert backup_files(data_dir) == good


def test_damage_that_appears_while_the_app_is_open_is_not_copied_over_the_backups(data_dir):
    from ilp_desktop.storage.backups import DamageFound

    filled(data_dir)
    good = backup_files(data_dir)
    store = Store.open(data_dir)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    damage_a_middle_page(data_dir / DATA_FILE)
    with pytest.raises(DamageFound, match="no backup was made, so your good backups are kept"):
        store.backup(BackupPolicy(keep_recent=1, keep_weekly=0), dt.datetime(2030, 1, 1))
    store.close()
    assert backup_files(data_dir) == good


def test_check_calls_a_file_in_use_in_use_not_damaged(data_dir, capsys, monkeypatch):
    from ilp_desktop.cli import main
    from ilp_desktop.storage import database

    our_file(data_dir)
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 50)
    other = sqlite3.connect(data_dir / DATA_FILE)
    other.execute("PRAGMA locking_mode = EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")
    assert main(["--data-dir", str(data_dir), "check"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("in use") and "It is not damaged" in out and "DAMAGED" not in out
    other.rollback()
    other.close()
    assert main(["--data-dir", str(data_dir), "check"]) == 0
    assert capsys.readouterr().out.startswith("ok ")
