"""Starting the desktop app: open the data file (or explain why not), then the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from ilp_desktop import APP_NAME, __version__
from ilp_desktop.model.catalog import load_catalog
from ilp_desktop.model.errors import UserError
from ilp_desktop.storage.store import Store
from ilp_desktop.ui.main_window import MainWindow

SETTINGS_FILE = "settings.ini"


def settings_for(folder: Path) -> QSettings:
    """Window and wizard state live beside the data they describe (one folder, easy to move or back up)."""
    return QSettings(str(folder / SETTINGS_FILE), QSettings.Format.IniFormat)


def application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    return app


def run(folder: Path) -> int:
    app = application()
    try:
        store = Store.open(folder)
    except UserError as exc:
        QMessageBox.critical(None, APP_NAME, f"ILP Desktop cannot open its data.\n\n{exc}")
        return 1
    try:
        catalog = load_catalog(folder)
        if catalog.problems:
            QMessageBox.warning(None, APP_NAME, "Some program files have problems and were left out:\n\n"
                                + "\n".join(catalog.problems))
        window = MainWindow(store, catalog, settings_for(folder))
        window.show()
        window.start()
        return app.exec()
    finally:
        store.close()
