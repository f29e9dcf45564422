"""Every window and dialog the app can open, one after another, on sample plans.

`walk()` opens each screen the way a user does (the menu's action, the button's slot) and hands it to a
visitor while it is on screen: tests/test_fit.py checks that each fits the screen; run as a script, it saves
a screenshot of the whole screen for each (see CONTRIBUTING.md, "Looking at it"):

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python tests/screens.py OUT_DIR
    QT_SCALE_FACTOR=2 xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python tests/screens.py OUT_DIR
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenuBar,
    QPlainTextEdit,
    QProgressDialog,
    QScrollArea,
    QTabBar,
    QTextEdit,
    QWidget,
)

sys.path.insert(0, str(Path(__file__).parent))  # wizard_driver, when run as a script
from wizard_driver import TODAY, close_window, open_window

from ilp_desktop.app.clock import Clock
from ilp_desktop.app.exchange import receive_plan, send_plan
from ilp_desktop.app.workspace import Workspace
from ilp_desktop.model.catalog import load_catalog
from ilp_desktop.samples import load_samples
from ilp_desktop.storage.store import Store
from ilp_desktop.ui import preferences
from ilp_desktop.ui.app import application
from ilp_desktop.ui.conflicts import ConflictDialog
from ilp_desktop.ui.errors import ErrorReporter
from ilp_desktop.ui.fit import screen_of
from ilp_desktop.ui.leader_view import SOURCES_KEY
from ilp_desktop.ui.main_window import MainWindow
from ilp_desktop.ui.preview import PdfPreview
from ilp_desktop.ui.recovery import open_data

Visit = Callable[[str, QWidget], None]
Inside = Callable[[QDialog], object] | None

# The wizard of each of these programs, page by page (every program's pages: `walk(..., programs=None)`).
PROGRAMS = ("ilp-conversation-guide", "induction-ilp")


def expect(name: str, visit: Visit, inside: Inside = None, kind: type[QDialog] = QDialog) -> None:
    """Once a new dialog of this kind is up (shown with exec(), which blocks): visit it, then close it.

    `inside` may open a further dialog from it (the preview from Export / Print) before it is closed.
    """
    before = QApplication.activeModalWidget()

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind) or isinstance(dialog, QProgressDialog) or dialog is before:
            QTimer.singleShot(50, look)  # not up yet: a progress dialog may come first
            return
        visit(name, dialog)
        if inside is not None:
            inside(dialog)
        dialog.reject()

    QTimer.singleShot(0, look)


def modal(name: str, opens: Callable[[], object], visit: Visit, inside: Inside = None) -> None:
    """Call `opens`, which shows a dialog with exec(): visit the dialog once it is up, then close it."""
    expect(name, visit, inside)
    opens()


def sample_folder(folder: Path) -> Path:
    store = Store.open(folder)
    load_samples(store, load_catalog(), TODAY)
    store.close()
    return folder


def conflicting_bundle(window: MainWindow, plan_id: int, other: Path) -> Path:
    """A plan file from another computer whose goal was changed there and here: receiving it asks which to keep."""
    ws = window.ws
    send_plan(ws, plan_id, other / "to.ilpbundle", None)
    there = Workspace.open(other / "data", clock=Clock(TODAY))
    report = receive_plan(there, other / "to.ilpbundle")
    there.store.save(report.plan_id, {"goal": "The goal as the teacher wrote it at home."})
    send_plan(there, report.plan_id, other / "back.ilpbundle", None)
    there.close()
    ws.store.save(plan_id, {"goal": "The goal as the coach wrote it here."})
    return other / "back.ilpbundle"


def walk(root: Path, visit: Visit, programs: tuple[str, ...] | None = PROGRAMS) -> None:
    """Open every screen and dialog, in a fresh folder under `root`, and visit each while it is up."""
    first = open_window(root / "empty", own_size=True)
    visit("welcome", first)
    close_window(first)

    window = open_window(sample_folder(root / "samples"), own_size=True)
    visit("plans", window)
    window.home.setCurrentWidget(window.week)
    visit("week", window)
    window.home.setCurrentWidget(window.hours)
    visit("hours-week", window)
    window.home.setCurrentWidget(window.plan_list)
    modal("new-plan", window.new_plan, visit)
    modal("settings", window.show_settings, visit)
    modal("programs", window.show_programs, visit, lambda d: modal("programs-preview", d.preview_button.click, visit))
    modal("export-all", window.export_all, visit)
    modal("breaks", window.show_breaks, visit)
    modal("about", window._about, visit)
    window.settings.setValue(SOURCES_KEY, [str(root / "samples")])  # the leader reads the sample plans
    modal("leader", window.show_rollup, visit)
    guide = window.show_guide(anchor="")
    visit("guide", guide)
    guide.close()

    plans = {p.program: p for p in reversed(window.ws.plans())}  # the first sample plan of each program
    for program in programs or sorted(plans):
        plan = plans[program]
        window.open_plan(plan.id)
        editor, tabs = window.editor, window.plan_tabs
        assert editor is not None and tabs is not None
        for index in range(len(editor.pages)):
            editor.go_to(index, confirm=False)
            visit(f"{program}-{index + 1:02}", window)
        for tab in ("timeline", "journal", "outcomes", "log"):
            tabs.setCurrentWidget(getattr(tabs, tab))
            visit(f"{program}-{tab}", window)
        tabs.setCurrentWidget(editor)

    plan = plans[PROGRAMS[0]]
    window.open_plan(plan.id)
    editor = window.editor
    assert editor is not None
    editor.go_to(next(i for i, p in enumerate(editor.pages) if "goal" in p.answer_keys()), confirm=False)
    editor.panes[editor.cells].trigger()  # the plan panel, opened by hand: shown even on a narrow window
    visit("plan-panel-opened", window)
    modal("history", lambda: editor.show_history("goal", "Professional Growth Goal"), visit)
    modal("people", window.plan_people, visit)
    modal("share", window.share_plan, visit)
    (root / "exported").mkdir()

    def zoomed(preview: QDialog) -> None:
        assert isinstance(preview, PdfPreview)
        preview.zoom_by(2)
        while preview.rendering:  # the pages are drawn in a worker thread
            QApplication.processEvents()
        visit("preview-zoomed", preview)

    window.settings.setValue("last_export_dir", str(root / "exported"))
    modal("export", window.export_plan, visit, lambda d: modal("preview", d.preview_button.click, visit, zoomed))
    # Exported for real (the sign dialog needs a printed version): the dialog closes, a message box says where
    modal("export-again", window.export_plan, ignore, lambda d: modal("exported", d.export_button.click, visit))
    modal("sign", editor.record_signature, visit)

    bundle = conflicting_bundle(window, plan.id, root)
    expect("conflicts", visit, kind=ConflictDialog)
    modal("received", lambda: window.receive_plan(str(bundle)), visit)

    reporter = ErrorReporter(lambda: root / "samples" / "logs" / "ilp-desktop.log")
    reporter.report(RuntimeError, RuntimeError("a test of the error dialog"), None)
    visit("error", reporter.shown[-1])
    reporter.shown[-1].close()

    # The largest text size, then back: the window never widens, and shrinks back with the text
    window.settings.setValue("font_size", 20)
    window.apply_settings()
    visit("large-text-wizard", window)
    window.show_home()
    visit("large-text-plans", window)
    modal("large-text-settings", window.show_settings, visit)
    window.settings.setValue("font_size", 0)
    window.apply_settings()
    visit("normal-text-plans", window)
    close_window(window)

    damaged = root / "damaged"
    damaged.mkdir()
    (damaged / "ilp-desktop.sqlite3").write_bytes(b"not a database " * 100)
    modal("recovery", lambda: open_data(damaged), visit)


def ignore(_name: str, _widget: QWidget) -> None:
    """A visitor for a screen already visited."""


def screenshot(folder: Path) -> Visit:
    """A visitor that saves the whole screen as NAME.png: what lies beyond its edges is cut off, as for a user."""

    def save(name: str, widget: QWidget) -> None:
        widget.raise_()
        widget.activateWindow()
        QTest.qWait(250)  # an X server paints a newly mapped window a moment later
        screen_of(widget).grabWindow(0).save(str(folder / f"{name}.png"))

    return save


def fit_check(problems: list[str]) -> Visit:
    """A visitor that notes each window beyond the screen's available area, or whose minimum size is larger
    (a window manager cannot shrink it that far). Sizes in device-independent pixels, as Qt gives them."""

    def check(name: str, widget: QWidget) -> None:
        for _ in range(3):  # lay out what was just opened (a text size change takes a few rounds)
            QApplication.sendPostedEvents()
            QApplication.processEvents()
        room = screen_of(widget).availableGeometry()
        frame = widget.frameGeometry()
        least = widget.minimumSize().expandedTo(widget.minimumSizeHint())
        found = []
        if not room.contains(frame):
            found.append(f"{frame.width()}×{frame.height()} at ({frame.x()}, {frame.y()})")
        if least.width() > room.width() or least.height() > room.height():
            found.append(f"no smaller than {least.width()}×{least.height()}")
        area = widget.centralWidget() if isinstance(widget, MainWindow) else None
        if isinstance(area, QScrollArea) and not preferences.font_size(widget.settings):
            # At the system's text size each screen fits as it is; at a larger size it may scroll as a whole.
            content, view = area.widget().minimumSizeHint(), area.maximumViewportSize()
            if content.width() > view.width() or content.height() > view.height():
                found.append(f"its content needs {content.width()}×{content.height()}, scrolled")
        if not isinstance(widget, PdfPreview) and not preferences.font_size(
            getattr(widget, "settings", None) or QSettings()
        ):
            # Nothing scrolls sideways at the system's text size: a page is read down, never across (a zoomed
            # preview is panned).
            for scroll in widget.findChildren(QScrollArea):
                if scroll.isVisible() and scroll.horizontalScrollBar().isVisible():
                    inner = scroll.widget().minimumSizeHint().width() if scroll.widget() else 0
                    found.append(f"{scroll.objectName() or 'a scrolled area'} scrolls sideways ({inner} px wide)")
        if found:
            problems.append(f"{name}: {', '.join(found)} on a screen of {room.width()}×{room.height()}")

    return check


def mnemonic(text: str) -> str:
    """The Alt letter a label marks with '&' ('' when none; '&&' is a literal ampersand)."""
    found = re.search(r"&([^&])", re.sub(r"&[#\w]+;", "", text.replace("&&", "")))  # not &#x27; in rich text
    return found.group(1).casefold() if found else ""


# What a user works with. The parts of these that are their own (a combo box's line, a tab bar's scroll arrows,
# a line's clear and calendar buttons) are reached through them and their keys.
INTERACTIVE = (QAbstractButton, QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox, QAbstractItemView)
PARTS_OF = (QComboBox, QAbstractSpinBox, QTabBar, QAbstractItemView, QLineEdit)


def tab_chain(window: QWidget) -> set[QWidget]:
    """The controls Tab and Shift+Tab stop at on a window: its focus chain's enabled, shown widgets that take
    the focus by Tab."""
    chain, widget = set(), window.nextInFocusChain()
    while widget is not window and widget not in chain:
        if widget.isVisible() and widget.isEnabled() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            chain.add(widget)
        widget = widget.nextInFocusChain()
    return chain


def reach_check(problems: list[str]) -> Visit:
    """A visitor that notes each control shown that the keyboard cannot reach: not on the Tab chain, without an
    Alt letter of its own or of its label, and without keys of its own (the dynamic property "keys")."""

    def check(name: str, widget: QWidget) -> None:
        QApplication.processEvents()
        chain = tab_chain(widget)
        for child in widget.findChildren(QWidget):
            if not isinstance(child, INTERACTIVE) or not (child.isVisible() and child.isEnabled()):
                continue
            parent = child.parentWidget()
            while parent is not None and parent is not widget:
                if isinstance(parent, PARTS_OF):
                    break
                parent = parent.parentWidget()
            if isinstance(parent, PARTS_OF) and parent is not widget:
                continue
            focused = child.focusProxy() or child
            label = next((w for w in widget.findChildren(QLabel) if w.buddy() is focused), None)
            letter = mnemonic(child.text()) if isinstance(child, QAbstractButton) else ""
            if focused in chain or letter or (label and mnemonic(label.text())) or child.property("keys"):
                continue
            what = child.accessibleName() or (child.text() if isinstance(child, QAbstractButton) else "")
            problems.append(f"{name}: {type(child).__name__} {what!r} cannot be reached by the keyboard")

    return check


def keyboard_check(problems: list[str]) -> Visit:
    """Both keyboard checks on each screen: Alt letters given once, every control reachable."""
    letters, reach = mnemonic_check(problems), reach_check(problems)

    def check(name: str, widget: QWidget) -> None:
        letters(name, widget)
        reach(name, widget)

    return check


def mnemonic_check(problems: list[str]) -> Visit:
    """A visitor that notes each Alt letter given to two things on the screen shown: buttons, labels of
    fields, tabs and the menu bar's menus (Qt then only cycles between them, never activating either)."""

    def check(name: str, widget: QWidget) -> None:
        QApplication.processEvents()
        holders: dict[str, list[str]] = {}

        def note(text: str) -> None:
            letter = mnemonic(text)
            if letter:
                holders.setdefault(letter, []).append(text)

        for child in [widget, *widget.findChildren(QWidget)]:
            if not child.isVisible():
                continue
            if isinstance(child, QAbstractButton | QGroupBox):
                note(child.title() if isinstance(child, QGroupBox) else child.text())
            elif isinstance(child, QLabel) and child.buddy() is not None:
                note(child.text())
            elif isinstance(child, QTabBar):
                for i in range(child.count()):
                    note(child.tabText(i))
            elif isinstance(child, QMenuBar):
                for action in child.actions():
                    note(action.text())
        for letter, texts in sorted(holders.items()):
            if len(texts) > 1:
                problems.append(f"{name}: Alt+{letter.upper()} is {' and '.join(repr(t) for t in texts)}")

    return check


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("out", type=Path, nargs="?", help="folder for the screenshots (NAME.png)")
    what.add_argument("--check", action="store_true", help="list the windows that do not fit the screen (exit 1)")
    what.add_argument(
        "--mnemonics",
        action="store_true",
        help="list Alt letters used twice on a screen and controls the keyboard cannot reach (exit 1)",
    )
    parser.add_argument("--all-programs", action="store_true", help="every program's wizard, not two")
    args = parser.parse_args()
    application()
    problems: list[str] = []
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
    visit = fit_check(problems) if args.check else keyboard_check(problems) if args.mnemonics else screenshot(args.out)
    with tempfile.TemporaryDirectory() as tmp:
        walk(Path(tmp), visit, None if args.all_programs else PROGRAMS)
    print("\n".join(problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
