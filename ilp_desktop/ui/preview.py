"""A preview of the real exported PDF, page by page, with printing to a paper printer."""

from __future__ import annotations

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
        self.document = pdfium.PdfDocument(str(pdf_path))
        pages = QWidget()
        column = QVBoxLayout(pages)
        column.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.pages: list[QLabel] = []
        for number in range(len(self.document)):
            label = QLabel()
            label.setAccessibleName(f"Page {number + 1} of {len(self.document)}")
            label.setFrameShape(QLabel.Shape.Box)
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
        """Render every page at `zoom` pixels per point, sharp on a high-density screen."""
        self.zoom = zoom
        ratio = self.devicePixelRatioF()
        for number, label in enumerate(self.pages):
            pixmap = QPixmap.fromImage(page_image(self.document[number], zoom * ratio))
            pixmap.setDevicePixelRatio(ratio)
            label.setPixmap(pixmap)

    def zoom_by(self, steps: int) -> None:
        """The next size up or down from the one shown."""
        larger = [z for z in ZOOMS if z > self.zoom + 0.01]
        smaller = [z for z in ZOOMS if z < self.zoom - 0.01]
        chosen = (larger[:1] if steps > 0 else smaller[-1:]) or [self.zoom]
        self.show_pages(chosen[0])

    def fit_width(self) -> None:
        """Pages as wide as the window (less the scroll bar and the page's frame)."""
        room = self.area.viewport().width() - self.area.verticalScrollBar().sizeHint().width() - 24
        widest = max((self.document[n].get_width() for n in range(len(self.document))), default=1.0)
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
        painter = QPainter()
        if not painter.begin(printer):
            QMessageBox.warning(self, "Not printed", "The printer could not be started.")
            return
        try:
            for number in range(len(self.document)):
                if number:
                    printer.newPage()
                image = page_image(self.document[number], PRINT_DPI / 72)
                target = painter.viewport()
                size = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRect(target.topLeft(), size), image)
        finally:
            painter.end()

    def done(self, result: int) -> None:
        self.document.close()
        super().done(result)
