"""Bad input everywhere: a full disk mid-save, any Unicode, control characters, no network at all."""

import datetime as dt
import socket
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ilp_desktop.storage.database import DataFileError
from ilp_desktop.storage.store import Store


def fill_disk(store: Store) -> None:
    """SQLite's own limit on the file's size: the next write fails exactly as on a full disk."""
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count = {pages}")


def free_disk(store: Store) -> None:
    store.db.execute("PRAGMA max_page_count = 1073741823")


def test_a_full_disk_during_save_loses_nothing_typed(qtbot, data_dir):
    from wizard_driver import answer, close_window, open_window, type_into

    store = Store.open(data_dir)
    store.create_plan("ilp-conversation-guide", store.add_person("Zoë", "teacher"), "2026-2027", dt.date(2026, 9, 1))
    store.close()
    window = open_window(data_dir)
    window.open_plan(1)
    editor = window.editor
    warned = []
    editor._save_failed = warned.append  # the dialog that would tell the user
    editor.go_to(editor._page_index("growth-goal"), confirm=False)
    fill_disk(window.ws.store)
    goal = answer(window, "goal")
    goal.setFocus()
    goal.insertPlainText("x" * 200_000)  # a paste of 200,000 characters: more than the disk has room for
    assert editor.session.flush() is False
    assert "disk holding" in warned[0] and "NOT saved" in warned[0]
    assert editor.save_state.text().startswith("Not saved")
    assert goal.toPlainText() == "x" * 200_000 and editor.session.dirty, "still on screen and still pending"
    free_disk(window.ws.store)
    type_into(goal, "!")
    assert editor.session.flush() is True
    assert window.ws.store.values(1)["goal"] == "x" * 200_000 + "!"
    close_window(window)


def test_a_full_disk_leaves_the_file_consistent(store, plan_id):
    store.save(plan_id, {"goal": "before"})
    fill_disk(store)
    with pytest.raises(DataFileError, match="full"):
        store.save(plan_id, {"goal": "y" * 50000, "growth": "z" * 50000})
    assert store.values(plan_id) == {"goal": "before"}, "one transaction: all or nothing"


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_any_unicode_and_control_characters_round_trip(store, plan_id, text):
    store.save(plan_id, {"goal": text})
    assert store.values(plan_id)["goal"] == text


def test_the_app_opens_no_network_socket(qtbot, data_dir, tmp_path, monkeypatch):
    """Offline by design: every workflow runs with sockets forbidden, and Qt's network module never loads."""
    from wizard_driver import close_window, open_window

    from ilp_desktop.cli import main

    def refuse(*args, **kwargs):
        raise AssertionError(f"a network socket was opened: {args}")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    assert main(["--data-dir", str(data_dir), "demo"]) == 0
    assert main(["--data-dir", str(data_dir), "export", "1", "--pdf", str(tmp_path / "a.pdf")]) == 0
    assert main(["--data-dir", str(data_dir), "export", "1", "--bundle", str(tmp_path / "a.ilpbundle")]) == 0
    assert main(["--data-dir", str(tmp_path / "other"), "import", str(tmp_path / "a.ilpbundle")]) == 0
    window = open_window(data_dir)
    window.open_plan(1)
    for index in range(window.plan_tabs.count()):
        window.plan_tabs.setCurrentIndex(index)
    close_window(window)
    assert "PySide6.QtNetwork" not in sys.modules
