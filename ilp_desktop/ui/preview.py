"""A preview of the real exported PDF, page by page, with printing to a paper printer.

The page images are rendered in a worker thread, one page after another, each shown as soon as it is done:
the window keeps answering (scrolling, zooming, closing) while a long plan renders. pdfium may be used by one
thread at a time, so every use of the document holds its lock.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QKeySequence, QPainter, QPixmap, QShortcut, QShowEvent
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ilp_desktop.ui.background import when_done
from ilp_desktop.ui.fit import Dialog

ZOOMS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0)  # points → pixels on screen, besides "fit width"
PRINT_DPI = 300


def page_image(page: pdfium.PdfPage, scale: float) -> QImage:
    bitmap = page.render(scale=scale, rev_byteorder=True)  # RGB byte order, as QImage expects
    image = QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGB888)
    return image.copy()  # own the pixels; the bitmap's buffer goes away with it


class PdfPreview(Dialog):
    def __init__(self, pdf_path: Path, title: str, on_printed: Callable[[], object], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"Preview – {title}")
        self.pdf_path, self.on_printed = pdf_path, on_printed
        self.document: pdfium.PdfDocument | None = pdfium.PdfDocument(str(pdf_path))
        self._pdfium = threading.Lock()
        self._widths = [self.document[n].get_width() for n in range(len(self.document))]  # before any worker
        self._rendering = 0  # which rendering is current: a zoom changed while rendering drops the older one
        self.rendering = False
        pages = QWidget()
        column = QVBoxLayout(pages)
        column.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.pages: list[QLabel] = []
        for number in range(len(self.document)):
            label = QLabel()
            label.setAccessibleName(f"Page {number + 1} of {len(self.document)}")
            label.setFrameShape(QLabel.Shape.Box)
            label.setText(f"Page {number + 1} is being drawn…")
            column.addWidget(label)
            self.pages.append(label)
        self.area = QScrollArea()
        self.area.setWidget(pages)
        self.area.setWidgetResizable(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.print_button = buttons.addButton("&Print…", QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.clicked.connect(self.print_pages)
        buttons.rejected.connect(self.reject)
        zoom = QHBoxLayout()
        for text, keys, slot in (
            ("Zoom &out", QKeySequence.StandardKey.ZoomOut, lambda: self.zoom_by(-1)),
            ("Zoom &in", QKeySequence.StandardKey.ZoomIn, lambda: self.zoom_by(1)),
            ("&Fit width", QKeySequence("Ctrl+0"), self.fit_width),
        ):
            button = QPushButton(text)
            button.setToolTip(QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText))
            button.clicked.connect(slot)
            QShortcut(keys, self, slot)
            zoom.addWidget(button)
        zoom.addStretch()
        zoom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.area, 1)
        layout.addLayout(zoom)
        self.zoom = 0.0  # fit width, once the dialog knows how wide it is
        self.resize(760, 900)  # a page at a readable size; cut to a smaller screen when shown

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)  # cut to the screen first: the width to fit is then known
        if not self.zoom:
            self.fit_width()

    def show_pages(self, zoom: float) -> None:
        """Render every page at `zoom` pixels per point, sharp on a high-density screen, off the UI thread; the
        pages shown so far stay until their new images are done."""
        self.zoom = zoom
        self._rendering += 1
        self.rendering = bool(self.pages)
        self._render_from(0, self._rendering, zoom * self.devicePixelRatioF())

    def _render_from(self, number: int, rendering: int, scale: float) -> None:
        if number >= len(self.pages) or rendering != self._rendering:
            return

        def render() -> QImage | None:
            with self._pdfium:
                if self.document is None:  # closed meanwhile
                    return None
                return page_image(self.document[number], scale)

        def show(image: QImage | None) -> None:
            if image is None or rendering != self._rendering:
                return
            pixmap = QPixmap.fromImage(image)  # a QPixmap is made on the UI thread only
            pixmap.setDevicePixelRatio(self.devicePixelRatioF())
            self.pages[number].setPixmap(pixmap)
            self.rendering = number + 1 < len(self.pages)
            self._render_from(number + 1, rendering, scale)

        when_done(self, render, show)

    def zoom_by(self, steps: int) -> None:
        """The next size up or down from the one shown."""
        larger = [z for z in ZOOMS if z > self.zoom + 0.01]
        smaller = [z for z in ZOOMS if z < self.zoom - 0.01]
        chosen = (larger[:1] if steps > 0 else smaller[-1:]) or [self.zoom]
        self.show_pages(chosen[0])

    def fit_width(self) -> None:
        """Pages as wide as the window (less the scroll bar and the page's frame). The same whether the scroll bar
        shows yet or not: it appears only once the first page is drawn."""
        bar = self.area.verticalScrollBar()
        shown = bar.width() if bar.isVisible() else 0
        room = self.area.viewport().width() + shown - bar.sizeHint().width() - 24
        widest = max(self._widths, default=1.0)
        self.show_pages(max(ZOOMS[0], room / widest))

    def print_pages(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)
        self.on_printed()
        QMessageBox.information(
            self,
            "Printed",
            "Sent to the printer. Have it signed in ink, then record the signature in the plan (Record signature…).",
        )

    def print_to(self, printer: QPrinter) -> None:
        document = self.document
        if document is None:  # the window was closed
            return
        painter = QPainter()
        if not painter.begin(printer):
            QMessageBox.warning(self, "Not printed", "The printer could not be started.")
            return
        try:
            for number in range(len(self.pages)):
                if number:
                    printer.newPage()
                with self._pdfium:
                    image = page_image(document[number], PRINT_DPI / 72)
                target = painter.viewport()
                size = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRect(target.topLeft(), size), image)
        finally:
            painter.end()

    def done(self, result: int) -> None:
        self._rendering += 1  # nothing more is rendered or shown
        with self._pdfium:  # a page being rendered is finished first
            if self.document is not None:
                self.document.close()
                self.document = None
        super().done(result)
