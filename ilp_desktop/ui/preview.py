"""A preview of the real exported PDF, page by page, with printing to a paper printer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMessageBox, QScrollArea, QVBoxLayout, QWidget

from ilp_desktop.ui.fit import Dialog

PREVIEW_SCALE = 1.25  # points → pixels on screen
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
        scale = PREVIEW_SCALE * self.devicePixelRatioF()
        for number in range(len(self.document)):
            label = QLabel()
            pixmap = QPixmap.fromImage(page_image(self.document[number], scale))
            pixmap.setDevicePixelRatio(self.devicePixelRatioF())
            label.setPixmap(pixmap)
            label.setAccessibleName(f"Page {number + 1} of {len(self.document)}")
            label.setFrameShape(QLabel.Shape.Box)
            column.addWidget(label)
        scroll = QScrollArea()
        scroll.setWidget(pages)
        scroll.setWidgetResizable(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.print_button = buttons.addButton("&Print…", QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.clicked.connect(self.print_pages)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(760, 900)

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
