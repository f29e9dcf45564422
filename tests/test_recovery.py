"""Recovery, driven as a user meets it: a damaged, foreign or newer data file; a second copy of the app."""

import datetime as dt
import sqlite3
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ilp_desktop.app.data import LOCK_FILE, lock_folder
from ilp_desktop.storage.location import DATA_FILE
from ilp_desktop.storage.store import Store
from ilp_desktop.ui.recovery import open_data


@pytest.fixture
def dialogs(monkeypatch, qapp):
    """Answer the recovery question with the buttons named, in order; record everything said."""
    said, answers, offered = [], [], []

    def answer(box):
        buttons = {b.text().replace("&", ""): b for b in box.buttons()}
        offered.append({text: b.isEnabled() for text, b in buttons.items()})
        said.append(box.text())
        wanted = answers.pop(0)
        next(b for text, b in buttons.items() if text.startswith(wanted)).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    for kind in ("information", "warning"):
        monkeypatch.setattr(QMessageBox, kind, lambda *args, **kw: said.append(args[2]))
    return said, answers, offered


def good_folder(path, goal="Kept safe"):
    store = Store.open(path)
    teacher = store.add_person("Zoë", "teacher")
    plan = store.create_plan("ilp-conversation-guide", teacher, "2026-2027", dt.date(2026, 9, 1))
    store.save(plan, {"goal": goal})
    store.backup(now=dt.datetime(2026, 11, 20, 9, 0))
    store.close()


def test_a_damaged_file_is_kept_and_the_latest_good_backup_opened(data_dir, dialogs):
    said, answers, offered = dialogs
    good_folder(data_dir)
    damaged = b"SQLite format 3\x00" + b"\x13" * 8000
    (data_dir / DATA_FILE).write_bytes(damaged)
    for extra in ("-wal", "-shm"):
        (data_dir / f"{DATA_FILE}{extra}").unlink(missing_ok=True)
    answers.append("Open the latest good backup")
    store = open_data(data_dir)
    assert "damaged" in said[0] and "Nothing has been changed or deleted" in said[0]
    assert offered[0]["Open the latest good backup"] is True
    assert store.values(1) == {"goal": "Kept safe"}
    kept = list(data_dir.glob("ilp-desktop.damaged-*.sqlite3"))
    assert len(kept) == 1 and kept[0].read_bytes() == damaged, "the damaged file is never overwritten or deleted"
    assert "was kept as ilp-desktop.damaged-" in said[1]
    store.close()


def test_a_foreign_file_without_backups_offers_another_folder(data_dir, tmp_path, dialogs, monkeypatch):
    said, answers, offered = dialogs
    data_dir.mkdir()
    (data_dir / DATA_FILE).write_text("a shopping list", encoding="utf-8")
    other = tmp_path / "other"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args: str(other))
    answers.extend(["Open read-only", "Choose another data folder"])
    store = open_data(data_dir)
    assert offered[0]["Open the latest good backup"] is False, "no backup, so it is not offered"
    assert "not an ILP Desktop data file" in said[0]
    assert "not an ILP Desktop data file" in said[1], "read-only cannot read it either, and says so"
    assert store.folder == other and store.plans() == []
    store.close()
    assert (data_dir / DATA_FILE).read_text(encoding="utf-8") == "a shopping list"


def test_a_file_from_a_newer_version_can_be_left_alone(data_dir, dialogs):
    said, answers, _ = dialogs
    good_folder(data_dir)
    conn = sqlite3.connect(data_dir / DATA_FILE)
    conn.execute("PRAGMA user_version = 42")
    conn.close()
    before = (data_dir / DATA_FILE).read_bytes()
    answers.append("Quit")
    assert open_data(data_dir) is None
    assert "newer version of ILP Desktop" in said[0]
    assert (data_dir / DATA_FILE).read_bytes() == before


def test_read_only_shows_everything_and_changes_nothing(data_dir, dialogs, qtbot):
    from wizard_driver import answer

    good_folder(data_dir)
    before = (data_dir / DATA_FILE).read_bytes()
    from ilp_desktop.app.workspace import Workspace
    from ilp_desktop.ui.main_window import MainWindow
    from ilp_desktop.ui.preferences import settings_for

    window = MainWindow(Workspace.open(data_dir, read_only=True), settings_for(data_dir))
    store = window.ws.store
    window.show()
    window.open_plan(1)
    assert window.windowTitle().endswith("(read-only)")
    editor = window.editor
    editor.go_to(editor._page_index("growth-goal"), confirm=False)
    goal = answer(window, "goal")
    assert goal.toPlainText() == "Kept safe" and goal.isReadOnly()
    assert "open read-only" in editor.current.lock_text.text()
    editor.draft.set("goal", "changed")  # even if something tried, nothing is taken in
    assert editor.draft.get("goal") == "Kept safe" and editor.session.flush() is True
    window.close()
    store.close()
    assert (data_dir / DATA_FILE).read_bytes() == before


def test_one_running_copy_per_data_folder(data_dir, tmp_path):
    data_dir.mkdir()
    first = lock_folder(data_dir)
    assert first is not None
    assert lock_folder(data_dir) is None, "a second copy is told to use the first"
    first.release()
    # A copy that crashed leaves its lock behind; its dead process does not keep the folder locked.
    script = tmp_path / "holder.py"
    script.write_text(
        textwrap.dedent(f"""
        import os, signal, sys
        from filelock import FileLock
        lock = FileLock({str(data_dir / LOCK_FILE)!r})
        lock.acquire(timeout=1)
        print("locked", flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
    """),
        encoding="utf-8",
    )
    subprocess.run([sys.executable, str(script)], capture_output=True, timeout=60)
    assert (data_dir / LOCK_FILE).exists()
    again = lock_folder(data_dir)
    assert again is not None
    again.release()


def test_backup_policy_from_settings_and_check_reads_every_backup(data_dir, capsys):
    from PySide6.QtCore import QSettings

    from ilp_desktop.cli import main
    from ilp_desktop.model.backup_policy import BackupPolicy
    from ilp_desktop.storage.backups import backup_files

    good_folder(data_dir)
    settings = QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("backup/keep_recent", "2")
    settings.setValue("backup/every_minutes", "not a number")
    policy = BackupPolicy.from_settings(settings.value)
    assert (policy.keep_recent, policy.every) == (2, dt.timedelta(hours=1)), "a bad value falls back to the default"
    store = Store.open(data_dir)
    for minute in range(4):
        store.backup(policy, dt.datetime(2026, 11, 21, 9, minute))
    store.close()
    assert len(backup_files(data_dir)) == 2
    backup_files(data_dir)[0].write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)  # one backup damaged
    assert main(["--data-dir", str(data_dir), "check"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 3 and out[0].startswith("ok") and out[1].startswith("DAMAGED") and out[2].startswith("ok")


def test_a_file_in_use_is_waited_for_never_replaced_by_a_backup(data_dir, monkeypatch, qapp):
    from ilp_desktop.storage import database

    good_folder(data_dir)
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 50)  # the real wait is 5 s
    other = sqlite3.connect(data_dir / DATA_FILE)
    other.execute("PRAGMA locking_mode = EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")  # another program holds the file
    seen = []

    def answer(box):
        seen.append((box.text(), sorted(b.text().replace("&", "") for b in box.buttons())))
        if len(seen) == 2:  # the other program lets go before the second try
            other.rollback()
            other.close()
        next(b for b in box.buttons() if b.text() == "&Try again").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    ws = open_data(data_dir)
    assert ws is not None and ws.store.values(1) == {"goal": "Kept safe"}
    assert len(seen) == 2 and "in use by another program" in seen[0][0] and "It is not damaged" in seen[0][0]
    assert seen[0][1] == ["Open read-only", "Quit", "Try again"], "no backup is offered for a healthy file"
    assert not list(data_dir.glob("ilp-desktop.damaged-*")), "the healthy file was never moved aside"
    ws.close()


@pytest.fixture
def read_only_medium(tmp_path):
    """A folder mounted read-only, as a locked USB stick or a read-only share is: even root cannot write there."""
    source, mounted = tmp_path / "source", tmp_path / "medium"
    source.mkdir()
    mounted.mkdir()
    good_folder(source)
    mount = ["mount", "--bind", str(source), str(mounted)]
    if subprocess.run(mount, capture_output=True).returncode != 0:
        pytest.skip("a read-only bind mount needs mount privileges")
    try:
        if subprocess.run(["mount", "-o", "remount,ro,bind", str(mounted)], capture_output=True).returncode != 0:
            pytest.skip("a read-only bind mount needs mount privileges")
        yield mounted
    finally:
        subprocess.run(["umount", str(mounted)], capture_output=True)


def test_a_data_folder_on_a_read_only_medium_opens_read_only(read_only_medium, dialogs, capsys, tmp_path, monkeypatch):
    from ilp_desktop.app.printing import export_pdf, preview_file
    from ilp_desktop.cli import main

    said, answers, offered = dialogs
    before = (read_only_medium / DATA_FILE).read_bytes()
    assert main(["--data-dir", str(read_only_medium), "plans"]) == 0
    assert main(["--data-dir", str(read_only_medium), "check"]) == 0
    out = capsys.readouterr().out
    assert "Zoë" in out and f"ok      {read_only_medium / DATA_FILE}" in out
    assert main(["--data-dir", str(read_only_medium), "demo"]) == 1
    assert "cannot be written (Read-only file system)" in capsys.readouterr().err

    answers.append("Open read-only")
    ws = open_data(read_only_medium)
    assert ws is not None and ws.read_only
    assert "is on a read-only medium" in said[0] and offered[0] == {"Open read-only": True, "Quit": True}
    assert ws.values(1)["goal"] == "Kept safe"
    export_pdf(ws, 1, None, "letter", tmp_path / "printed.pdf")  # printing and previews need no writing there
    assert preview_file(ws, 1).parent.is_dir()
    ws.close()

    # The app itself starts there, shows the plans and quits cleanly.
    from PySide6.QtWidgets import QApplication

    from ilp_desktop.ui import app

    monkeypatch.setattr(QApplication, "exec", lambda *_: 0)
    answers.append("Open read-only")
    assert app._run_once(read_only_medium) == (0, None)
    assert (read_only_medium / DATA_FILE).read_bytes() == before
