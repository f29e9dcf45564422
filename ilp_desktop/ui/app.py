"""Starting the desktop app: open the data file (or explain why not), then the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from ilp_desktop import APP_NAME, __version__
from ilp_desktop.app.data import FolderReadOnly, back_up, clear_previews, ensure_data_dir, lock_folder
from ilp_desktop.app.logs import start_logging
from ilp_desktop.model.catalog import shipped_dir
from ilp_desktop.model.errors import UserError
from ilp_desktop.ui.errors import ErrorReporter
from ilp_desktop.ui.look import follow_the_system
from ilp_desktop.ui.main_window import MainWindow
from ilp_desktop.ui.preferences import settings_for
from ilp_desktop.ui.recovery import open_data

# So many program-file problems are shown in the start-up message; the rest under its Details.
STARTUP_PROBLEMS = 5


def application() -> QApplication:
    running = QApplication.instance()
    app = running if isinstance(running, QApplication) else QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("ilp-desktop")  # ties windows to packaging/linux/ilp-desktop.desktop
    app.setWindowIcon(QIcon(str(shipped_dir("resources") / "icons" / "ilp-desktop.png")))
    if running is None:  # once per process: it follows the system's light or dark from then on
        follow_the_system(app)
    return app


def run(folder: Path) -> int:
    """The app on a data folder; again on the new folder when the user moved the data there."""
    while True:
        code, moved_to = _run_once(folder)
        if moved_to is None:
            return code
        folder = moved_to


def _run_once(folder: Path) -> tuple[int, Path | None]:
    app = application()
    writable = True
    try:
        ensure_data_dir(folder)
    except FolderReadOnly:
        writable = False  # open_data() offers to open it read-only; nothing is written there, no lock needed
    except UserError as exc:
        QMessageBox.critical(None, APP_NAME, f"ILP Desktop cannot use its data folder.\n\n{exc}")
        return 1, None
    log_path = start_logging(folder)
    ErrorReporter(lambda: log_path).install()
    lock = lock_folder(folder) if writable else None
    if writable and lock is None:
        QMessageBox.information(
            None,
            APP_NAME,
            f"ILP Desktop is already open with the data in {folder}. "
            "Please switch to that window: two copies writing one file could lose work.",
        )
        return 1, None
    if writable:
        clear_previews(folder)
    ws = open_data(folder)
    if ws is None:
        if lock is not None:
            lock.release()
        return 1, None
    try:
        window = MainWindow(ws, settings_for(folder))
        if not ws.read_only:
            try:
                back_up(ws)  # a fresh copy on every start, rotated by the backup policy
            except UserError as exc:
                QMessageBox.warning(None, APP_NAME, f"No backup could be made at start-up.\n\n{exc}")
        if ws.catalog.problems:
            left_out(ws.catalog.problems)
        window.show()
        window.start()
        code = app.exec()
        return code, window.relaunch_folder
    finally:
        ws.close()
        if lock is not None:
            lock.release()


def left_out(problems: list[str]) -> None:
    """Say at start-up that program files were left out: the first few problems, all of them under Details
    (a file with thirty mistakes must not make a box taller than the screen)."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        APP_NAME,
        f"Some program files have problems and were left out ({len(problems)} problem(s)); their plans stay "
        "listed. File › Programs… shows each file's problems.\n\n" + "\n".join(problems[:STARTUP_PROBLEMS]),
    )
    if len(problems) > STARTUP_PROBLEMS:
        box.setDetailedText("\n".join(problems))
    box.exec()
