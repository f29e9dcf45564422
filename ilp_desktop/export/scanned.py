"""Reading the page codes off a scanned signed paper: a photo or a scanner's image, or a scanned PDF.

zxing-cpp finds the code at any angle (a page fed crooked or upside down) in a scan of 150 dpi or more.
A PDF's pages are rendered with pdfium, as the preview does.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ilp_desktop.model.errors import UserError

SCAN_DPI = 200  # a scanned PDF's page is rendered this sharp: a 36 pt code's squares get 2.8 pixels
MAX_PAGES = 50  # a scanned PDF is read this far (a plan prints a few pages; a book is not a signed plan)
IMAGE_TYPES = ("*.png", "*.jpg", "*.jpeg", "*.tif", "*.tiff", "*.bmp", "*.webp", "*.gif")


def page_codes(path: Path) -> list[str]:
    """The text of every QR code in the scan, page by page; a UserError if the file cannot be read as a scan."""
    import zxingcpp

    found = []
    for image in _images(path):
        found += [
            code.text
            for code in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode))
        ]
    return found


def _images(path: Path) -> Iterator[object]:
    try:
        with path.open("rb") as file:
            is_pdf = file.read(5) == b"%PDF-"
    except OSError as exc:
        raise UserError(f"cannot read {path.name}: {exc.strerror or exc}") from None
    yield from _pdf_pages(path) if is_pdf else [_picture(path)]


def _picture(path: Path) -> object:
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            # A phone's photo is stored sideways with a note to turn it; grey is all the decoder needs.
            return ImageOps.exif_transpose(image).convert("L")
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError) as exc:
        raise UserError(f"{path.name} is neither a picture nor a PDF that can be read ({exc})") from None


def _pdf_pages(path: Path) -> Iterator[object]:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise UserError(f"{path.name} is not a PDF that can be read ({exc})") from None
    try:
        for number in range(min(len(document), MAX_PAGES)):
            yield document[number].render(scale=SCAN_DPI / 72, grayscale=True).to_pil()
    finally:
        document.close()
