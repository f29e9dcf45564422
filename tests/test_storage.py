"""The data file: migrations, answers with history, refusal of files it must not touch."""

import datetime as dt
import os
import sqlite3
import stat

import pytest
from sqlite_utils import Database

from ilp_desktop.storage import migrations
from ilp_desktop.storage.database import DataFileError
from ilp_desktop.storage.location import DATA_FILE
from ilp_desktop.storage.store import Store, UnknownPlan


def test_a_version_1_file_is_migrated_with_its_data(data_dir):
    data_dir.mkdir()
    conn = sqlite3.connect(data_dir / DATA_FILE, isolation_level=None)
    old = Database(conn)
    migrations.migrate(old, target=1)
    teacher = old["people"].insert({"name": "Zoë", "role": "teacher", "created_at": "2026-09-01"}).last_pk
    old["plans"].insert(
        {
            "uid": "u1",
            "program": "p",
            "teacher_id": teacher,
            "school_year": "2026-2027",
            "start_date": "2026-09-01",
            "stage": "drafting",
        }
    )
    old["field_values"].insert({"plan_id": 1, "key": "goal", "value": "Keep me", "updated_at": "x"})
    conn.close()

    store = Store.open(data_dir)
    assert migrations.version(store.db) == migrations.LATEST
    assert store.values(1) == {"goal": "Keep me"}
    assert store.search("keep") == {1}, "answers written before search existed are found"
    assert "journal_entries" in store.db.table_names() and "print_records" in store.db.table_names()
    store.add_journal_entry(1, dt.date(2026, 9, 30), "September", "Notes")
    assert store.journal(1)[0].title == "September"
    store.close()


def test_file_from_a_newer_version_is_refused_and_untouched(data_dir):
    data_dir.mkdir()
    path = data_dir / DATA_FILE
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DataFileError, match="newer version of ILP Desktop"):
        Store.open(data_dir)
    assert path.read_bytes() == before


@pytest.mark.parametrize("content", [b"hello, this is a letter\n" * 50, b"SQLite format 3\x00" + b"\xff" * 5000])
def test_foreign_or_damaged_file_is_refused_and_untouched(data_dir, content):
    data_dir.mkdir()
    path = data_dir / DATA_FILE
    path.write_bytes(content)
    with pytest.raises(DataFileError, match="left untouched"):
        Store.open(data_dir)
    assert path.read_bytes() == content
    assert not (data_dir / f"{DATA_FILE}-wal").exists()


def test_settings_of_the_connection(store):
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert store.db.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_data_folder_and_file_are_owner_only(store, data_dir):
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE((data_dir / DATA_FILE).stat().st_mode) == 0o600


def test_answers_survive_reopening_and_keep_earlier_wordings(data_dir, plan_id, store):
    clock = [dt.datetime(2026, 9, 1, 10, 0, tzinfo=dt.UTC)]
    store.clock = lambda: clock[0]
    store.save(plan_id, {"goal": "I will"})
    clock[0] += dt.timedelta(seconds=20)
    store.save(plan_id, {"goal": "I will improve routines"})  # same typing session: refines
    clock[0] += dt.timedelta(hours=3)
    store.save(plan_id, {"goal": "I will teach three routines in five weeks"})
    store.save(plan_id, {"goal": "I will teach three routines in five weeks"})  # unchanged: nothing new
    store.close()

    again = Store.open(data_dir)
    assert again.values(plan_id)["goal"] == "I will teach three routines in five weeks"
    assert [h.value for h in again.history(plan_id, "goal")] == [
        "I will teach three routines in five weeks",
        "I will improve routines",
    ]
    again.close()


def test_unicode_and_huge_answers_round_trip(store, plan_id):
    huge = "Nguyễn Thị Minh – “quoted” 🧑‍🏫\n" * 4000
    assert len(huge) > 100_000
    store.save(plan_id, {"goal": huge, "name": "Zoë O'Brien-Łukasiewicz"})
    assert store.values(plan_id) == {"goal": huge, "name": "Zoë O'Brien-Łukasiewicz"}


def test_a_failed_save_changes_nothing(store, plan_id):
    store.save(plan_id, {"a": "1"})
    with pytest.raises(sqlite3.IntegrityError):
        store.save(999, {"a": "2", "b": "3"})  # foreign key: no such plan
    assert store.values(plan_id) == {"a": "1"}
    assert store.db["field_values"].count == 1


def test_unknown_plan(store):
    with pytest.raises(UnknownPlan, match="no plan with id 42"):
        store.plan(42)
    with pytest.raises(UnknownPlan, match="no plan with id abc"):
        store.plan("abc")


def test_artifacts_are_copied_into_the_data_folder(store, plan_id, tmp_path, data_dir):
    source = tmp_path / "Exit ticket – week 2.pdf"
    source.write_bytes(b"%PDF-1.4 sample")
    entry = store.add_journal_entry(plan_id, dt.date(2026, 10, 31), "October", "Two artifacts")
    store.add_artifact(entry, source, "Shows the routine working")
    source.unlink()
    (artifact,) = store.journal(plan_id)[0].artifacts
    assert artifact.filename == "Exit ticket – week 2.pdf" and artifact.size == 15
    assert artifact.mime == "application/pdf"
    assert store.artifact_path(artifact).read_bytes() == b"%PDF-1.4 sample"
    assert store.artifact_path(artifact).parent.parent == data_dir


def test_backups_are_consistent_copies_rotated_by_policy(store, plan_id, data_dir):
    from ilp_desktop.model.backup_policy import BackupPolicy
    from ilp_desktop.storage.backups import backup_files, latest_good_backup

    store.save(plan_id, {"goal": "first"})
    policy = BackupPolicy(keep_recent=3, keep_weekly=2, every=dt.timedelta(hours=1))
    start = dt.datetime(2026, 9, 1, 8, 0)
    for day in range(0, 30, 2):  # a backup every other day for a month
        store.backup(policy, start + dt.timedelta(days=day))
    kept = [f.name for f in backup_files(data_dir)]
    # the 3 newest (Sep 29, 27, 25) plus the newest of the 2 newest weeks (already among them)
    assert kept == [
        "ilp-desktop-20260929-080000.sqlite3",
        "ilp-desktop-20260927-080000.sqlite3",
        "ilp-desktop-20260925-080000.sqlite3",
    ]
    assert stat.S_IMODE((data_dir / "backups" / kept[0]).stat().st_mode) == 0o600
    copy = Store(Database(sqlite3.connect(latest_good_backup(data_dir))), data_dir)
    assert copy.values(plan_id) == {"goal": "first"}
    copy.close()
    assert store.backup_if_due(policy, start + dt.timedelta(days=28, minutes=30)) is None, "at most hourly"
    assert store.backup_if_due(policy, start + dt.timedelta(days=28, hours=2)) is not None


def test_weekly_backups_outlive_recent_ones(store, data_dir):
    from ilp_desktop.model.backup_policy import BackupPolicy
    from ilp_desktop.storage.backups import backup_files

    policy = BackupPolicy(keep_recent=2, keep_weekly=4)
    for day in range(0, 35, 7):  # weekly for five weeks, then a burst on the last day
        store.backup(policy, dt.datetime(2026, 9, 7, 9, 0) + dt.timedelta(days=day))
    for minute in range(5):
        store.backup(policy, dt.datetime(2026, 10, 5, 10, minute))
    names = [f.name[12:20] for f in backup_files(data_dir)]
    assert names == ["20261005", "20261005", "20260928", "20260921", "20260914"]
