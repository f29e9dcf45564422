"""Sync in the window: chosen in Settings, running by itself, its status always in view, what changed on two
computers side by side."""

import datetime as dt

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QLineEdit, QMessageBox, QPlainTextEdit, QPushButton
from test_sync import device, new_plan
from wizard_driver import click, close_window, open_window, type_into

from ilp_desktop.app import sync
from ilp_desktop.ui.conflicts import ConflictDialog


def by_name(parent, kind, name):
    return next(w for w in parent.findChildren(kind) if w.accessibleName() == name)


def test_a_sync_folder_chosen_in_settings_brings_plans_in_and_says_so(qtbot, tmp_path, monkeypatch):
    shared = tmp_path / "Google Drive" / "ILP"
    shared.mkdir(parents=True)
    other = device(tmp_path, "teacher", dt.datetime.now(dt.UTC) - dt.timedelta(minutes=30))
    sync.set_default_folder(other, shared)
    plan = new_plan(other)
    other.store.save(plan, {"goal": "From the teacher's laptop"})
    sync.sync_pass(other, shared)

    window = open_window(tmp_path / "coach")
    assert "Not syncing" in window.sync_status.button.text() and not window.statusBar().isVisible(), (
        "with no folder chosen the status line gives its room to the plan"
    )
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args: str(shared))
    warned, told = [], []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warned.append(args[2]))
    monkeypatch.setattr(QMessageBox, "information", lambda *args: told.append(args[2]))

    def fill():
        dialog = QApplication.activeModalWidget()
        click(by_name(dialog, QPushButton, "Choose the sync folder"))
        name = by_name(dialog, QLineEdit, "This computer is called")
        name.clear()
        type_into(name, "the coach's laptop")
        type_into(by_name(dialog, QLineEdit, "Shared passphrase"), "short")
        dialog.accept()
        assert warned and "8 characters" in warned[0] and dialog.isVisible(), "a short passphrase is refused"
        by_name(dialog, QLineEdit, "Shared passphrase").clear()
        dialog.accept()

    QTimer.singleShot(0, fill)
    window.show_settings()
    assert sync.default_folder(window.ws) == shared and sync.device_name(window.ws) == "the coach's laptop"
    qtbot.waitUntil(lambda: window.ws.plans() != [] and "Synced" in window.sync_status.button.text(), timeout=20_000)
    (arrived,) = window.ws.plans()
    assert window.ws.values(arrived.id)["goal"] == "From the teacher's laptop"
    assert "shared by the teacher's laptop" in window.statusBar().currentMessage()
    # Typed here, it goes out by itself: the teacher's laptop finds it on its next pass.
    window.ws.store.save(arrived.id, {"goal": "Edited on the coach's laptop"})
    window.sync_status.start()
    qtbot.waitUntil(lambda: window.sync_status._running is None, timeout=20_000)
    report = sync.sync_pass(other, shared)
    assert other.store.values(plan)["goal"] == "Edited on the coach's laptop"
    assert "updated by the coach's laptop" in report.received[0]
    close_window(window)
    other.close()


def test_changes_on_two_computers_side_by_side_with_who_and_when(qtbot, tmp_path, monkeypatch):
    shared = tmp_path / "Dropbox"
    shared.mkdir()
    coach = device(tmp_path, "coach", dt.datetime(2026, 9, 1, 8, tzinfo=dt.UTC))
    teacher = device(tmp_path, "teacher", dt.datetime(2026, 9, 1, 9, tzinfo=dt.UTC))
    for ws in (coach, teacher):
        sync.set_default_folder(ws, shared)
    plan = new_plan(coach)
    coach.store.save(plan, {"goal": "Base"})
    entry = coach.store.add_journal_entry(plan, dt.date(2026, 10, 1), "Observation", "First notes")
    sync.sync_pass(coach, shared)
    sync.sync_pass(teacher, shared)
    theirs = teacher.plans()[0].id
    coach.store.save(plan, {"goal": "Coach's goal"})
    coach.store.update_journal_entry(entry, body="The coach's notes")
    teacher.store.save(theirs, {"goal": "Teacher's goal"})
    teacher.store.update_journal_entry(teacher.store.journal(theirs)[0].id, body="The teacher's notes")
    sync.sync_pass(teacher, shared)
    sync.sync_pass(coach, shared)
    dialog = ConflictDialog(coach, plan)
    qtbot.addWidget(dialog)
    titles = [box.title() for _, box in dialog.rows]
    assert titles == ["Professional Growth Goal", "Journal entry of 2026-10-01: Observation"]
    shown = [v.toPlainText() for v in dialog.findChildren(QPlainTextEdit)]
    assert shown[:2] == ["Teacher's goal", "Coach's goal"], "the later wording is in the plan, the other beside it"
    assert "The teacher's notes" in shown[2] and "The coach's notes" in shown[3]
    headings = [w.text() for w in dialog.findChildren(QLabel)]
    assert any(h.startswith("Now in the plan – the teacher's laptop, 01 Sep 2026") for h in headings)
    assert any(h.startswith("The other version – the coach's laptop") for h in headings)
    take = [b for b in dialog.findChildren(QPushButton) if b.text() == "Take this"]
    click(take[1])  # the coach's notes after all
    assert coach.store.journal(plan)[0].body == "The coach's notes" and len(coach.conflicts(plan)) == 1
    sync.sync_pass(coach, shared)
    sync.sync_pass(teacher, shared)
    assert teacher.store.journal(theirs)[0].body == "The coach's notes"
    assert [c.kind for c in teacher.conflicts(theirs)] == ["answer"], "chosen on one computer, chosen on all"
    dialog.close()
    coach.close()
    teacher.close()


def test_a_plan_is_shared_with_its_teachers_folder_and_stops_being_shared(qtbot, tmp_path, monkeypatch):
    from ilp_desktop.ui.share_dialog import ShareDialog

    coach = device(tmp_path, "coach", dt.datetime.now(dt.UTC))
    plan = new_plan(coach)
    coach.store.close()
    hers = tmp_path / "OneDrive" / "Shared with Minh"
    hers.mkdir(parents=True)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args: str(hers))
    window = open_window(tmp_path / "coach")
    window.open_plan(plan)
    seen = {}

    def work():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ShareDialog)
        seen["before"] = dialog.where.text()
        click(next(b for b in dialog.findChildren(QPushButton) if b.text() == "&Add a folder…"))
        seen["added"] = [dialog.folders.item(i).text() for i in range(dialog.folders.count())]
        seen["stop enabled before choosing"] = dialog.stop.isEnabled()
        dialog.folders.setCurrentRow(0)
        click(dialog.stop)
        seen["after"] = dialog.where.text()
        dialog.reject()

    QTimer.singleShot(0, work)
    next(a for a in window.findChildren(type(window.new_action)) if a.text().startswith("S&hare plan")).trigger()
    assert "not shared" in seen["before"]
    assert seen["added"] == [str(hers)] and not seen["stop enabled before choosing"]
    assert "not shared" in seen["after"] and sync.own_folders(window.ws, plan) == []
    close_window(window)
