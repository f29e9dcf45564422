"""The print preview draws its page images in a worker thread: the window answers while a plan renders."""

import itertools
import time

from PySide6.QtCore import Qt, QTimer
from reportlab.pdfgen.canvas import Canvas

from ilp_desktop.ui import preview
from ilp_desktop.ui.preview import PdfPreview

PAGES = 5
SLOW_PAGE = 0.4  # seconds a page takes to render here: a long plan on a slow laptop


def _pdf(path):
    canvas = Canvas(str(path), pagesize=(612, 792))
    for number in range(1, PAGES + 1):
        canvas.drawString(72, 720, f"Page {number}")
        canvas.showPage()
    canvas.save()
    return path


def test_the_window_answers_while_the_pages_render(qtbot, tmp_path, monkeypatch):
    real = preview.page_image

    def slow(page, scale):
        time.sleep(SLOW_PAGE)
        return real(page, scale)

    monkeypatch.setattr(preview, "page_image", slow)
    dialog = PdfPreview(_pdf(tmp_path / "plan.pdf"), "a long plan", lambda: None)
    qtbot.addWidget(dialog)
    started = time.monotonic()
    dialog.show()
    shown = time.monotonic() - started
    assert shown < SLOW_PAGE, f"showing the window waited {shown:.2f} s for a page"
    assert dialog.rendering
    # The event loop keeps turning: a timer fires on time while the pages are drawn.
    ticks = []
    timer = QTimer(dialog)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(50)
    qtbot.wait(round(SLOW_PAGE * 2500))
    assert len(ticks) >= 10 and max(b - a for a, b in itertools.pairwise(ticks)) < SLOW_PAGE
    # Zooming in while rendering: the older rendering is dropped, every page ends at the new size.
    before = dialog.zoom
    qtbot.keyClick(dialog, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert dialog.zoom > before
    qtbot.waitUntil(lambda: not dialog.rendering, timeout=round(SLOW_PAGE * PAGES * 4000))
    widths = {label.pixmap().width() for label in dialog.pages}
    assert len(widths) == 1 and widths.pop() == round(612 * dialog.zoom * dialog.devicePixelRatioF())
    dialog.done(0)
    assert dialog.document is None
