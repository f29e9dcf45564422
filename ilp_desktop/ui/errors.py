"""One place for what nobody expected: the traceback goes to the log file, the user gets plain words, and the
app keeps running (Python exceptions in slots and event handlers, and Qt's own warnings)."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QMessageBox

from ilp_desktop import APP_NAME

log = logging.getLogger("ilp_desktop.errors")
_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


class ErrorReporter:
    """Installed as sys.excepthook; `log_path` says where the details are (the data folder's log)."""

    def __init__(self, log_path: Callable[[], Path | None]) -> None:
        self.log_path = log_path
        self.shown: list[QMessageBox] = []  # kept alive while on screen
        self._reporting = False

    def install(self) -> None:
        sys.excepthook = self.report
        qInstallMessageHandler(_qt_message)

    def report(self, kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        log.error("unexpected error", exc_info=(kind, error, trace))
        if self._reporting or QApplication.instance() is None:
            return  # an error while showing the dialog: logged, not shown again
        self._reporting = True
        try:
            self._show(error)
        finally:
            self._reporting = False

    def _show(self, error: BaseException) -> None:
        where = self.log_path()
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            f"{APP_NAME}: something went wrong",
            "Something went wrong that ILP Desktop did not expect. What you typed before this is saved, and the app "
            "is still running: you can go on working, or save and restart it to be safe.\n\n"
            f"The details were written to {where if where else 'the log'}; please send that file to whoever "
            "supports ILP Desktop for you.",
        )
        box.setObjectName("unexpectedError")
        box.setDetailedText(f"{type(error).__name__}: {error}")
        box.setWindowModality(box.windowModality().ApplicationModal)
        box.finished.connect(lambda _result: self.shown.remove(box) if box in self.shown else None)
        self.shown.append(box)
        box.show()  # not exec(): a nested event loop inside an error handler could re-enter the failing code


def _qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    log.log(_QT_LEVELS.get(kind, logging.WARNING), "Qt: %s", message)
