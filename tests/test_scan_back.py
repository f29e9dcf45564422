"""The code on every printed page, and recording a signature from a scan of the signed paper: pages rendered
with pdftoppm as a scanner would give them (crooked, upside down, at low resolution, as a PDF)."""

import re
import subprocess
from pathlib import Path

import pytest
import zxingcpp
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image
from pypdf import PdfReader
from PySide6.QtWidgets import QMessageBox
from wizard_driver import TODAY, close_window, open_window

from ilp_desktop.app.printing import export_pdf
from ilp_desktop.app.scan_back import FOREIGN, NO_CODE, match_scan, read_scan
from ilp_desktop.model.errors import UserError
from ilp_desktop.model.page_code import PageCode, parse_page_code
from ilp_desktop.samples import load_samples
from ilp_desktop.storage.store import Store
from ilp_desktop.ui.sign_dialog import SignDialog


def scanned(pdf: Path, page: int, dpi: int, out: Path, turn: float = 0) -> Path:
    """A page of the PDF as a scanner gives it: rendered at `dpi`, turned `turn` degrees on a white bed."""
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(out)],
        check=True,
    )
    image = Path(f"{out}.png")
    Image.open(image).convert("L").rotate(turn, expand=True, fillcolor="white").save(image)
    return image


@pytest.fixture
def signed_plan(ws, store, catalog, tmp_path):
    load_samples(store, catalog, TODAY)
    plan = next(p for p in store.plans() if p.stage == "final_signed")
    done = export_pdf(ws, plan.id, "final", "letter", tmp_path / "final.pdf")
    return plan, done


def test_every_page_carries_the_plan_part_page_and_fingerprint(signed_plan, tmp_path):
    plan, done = signed_plan
    pages = len(PdfReader(done.path).pages)
    assert pages >= 2
    for page in range(1, pages + 1):
        image = scanned(done.path, page, 150, tmp_path / f"page{page}")
        [code] = [parse_page_code(c.text) for c in zxingcpp.read_barcodes(Image.open(image))]
        assert code == PageCode(plan.uid, "final", done.fingerprint, page, pages)


@pytest.mark.parametrize(("dpi", "turn"), [(200, 4), (150, 180), (100, 90), (300, -2)])
def test_a_crooked_or_coarse_scan_records_the_signature_on_its_printed_version(ws, signed_plan, tmp_path, dpi, turn):
    plan, done = signed_plan
    image = scanned(done.path, 3, dpi, tmp_path / "scan", turn)
    found = match_scan(ws, image, read_scan(image))
    assert found.record.id == done.print_id and found.record.plan_id == plan.id
    assert (found.code.page, found.code.fingerprint) == (3, done.fingerprint)


def test_a_scanned_pdf_is_read_page_by_page(ws, signed_plan, tmp_path):
    _, done = signed_plan
    pages = [Image.open(scanned(done.path, n, 200, tmp_path / f"p{n}", 1)).convert("RGB") for n in (1, 2)]
    pdf = tmp_path / "scanner output.pdf"
    pages[0].save(pdf, save_all=True, append_images=pages[1:], resolution=150)
    assert match_scan(ws, pdf, read_scan(pdf)).record.id == done.print_id


def test_scans_that_cannot_be_signed_are_refused_with_the_reason(ws, store, catalog, signed_plan, tmp_path):
    plan, _ = signed_plan
    elsewhere = Store.open(tmp_path / "other data")  # a plan another coach printed on another computer
    other_ws = type(ws)(elsewhere, catalog, ws.clock)
    load_samples(elsewhere, catalog, TODAY)
    other = next(p for p in elsewhere.plans() if p.stage == "final_signed")
    foreign_plan = export_pdf(other_ws, other.id, "final", "letter", tmp_path / "other.pdf")
    elsewhere.close()
    image = scanned(foreign_plan.path, 1, 150, tmp_path / "other")
    with pytest.raises(UserError, match="a plan that is not in this data file"):
        match_scan(ws, image, read_scan(image))

    store.save(plan.id, {**store.values(plan.id), "goal": "Changed after printing."})
    changed = export_pdf(ws, plan.id, "final", "letter", tmp_path / "changed.pdf", record=False)
    image = scanned(changed.path, 1, 150, tmp_path / "changed")
    with pytest.raises(UserError, match=f"fingerprint {changed.fingerprint}, a version this data file has no record"):
        match_scan(ws, image, read_scan(image))

    blank = export_pdf(ws, plan.id, "blank:final", "letter", tmp_path / "blank.pdf")
    image = scanned(blank.path, 1, 150, tmp_path / "blank")
    with pytest.raises(UserError, match="blank form or journal: nothing on it is signed"):
        match_scan(ws, image, read_scan(image))

    photo = tmp_path / "holiday.png"
    Image.new("L", (800, 600), 200).save(photo)
    with pytest.raises(UserError, match=re.escape(f"holiday.png: {NO_CODE}")):
        read_scan(photo)
    ticket = tmp_path / "ticket.png"
    qr = zxingcpp.write_barcode_to_image(
        zxingcpp.create_barcode("https://example.org/ticket/42", zxingcpp.BarcodeFormat.QRCode), scale=8
    )
    height, width = memoryview(qr).shape
    Image.frombuffer("L", (width, height), bytes(memoryview(qr)), "raw", "L", 0, 1).save(ticket)
    with pytest.raises(UserError, match=re.escape(f"ticket.png: {FOREIGN}")):
        read_scan(ticket)
    for name, content in (("notes.png", b"not a picture"), ("empty.pdf", b"%PDF-1.4 broken")):
        (tmp_path / name).write_bytes(content)
        with pytest.raises(UserError, match=re.escape(f"{name} is")):
            read_scan(tmp_path / name)
    with pytest.raises(UserError, match=re.escape("cannot read missing.png")):
        read_scan(tmp_path / "missing.png")


@given(
    uid=st.text(st.characters(blacklist_categories=("Zs", "Cc", "Zl", "Zp")), min_size=1, max_size=40).filter(
        lambda s: not any(c.isspace() for c in s)
    ),
    part=st.text(min_size=1, max_size=30),
    page=st.integers(1, 999),
)
def test_the_code_text_reads_back_for_any_part_name(uid, part, page):
    code = PageCode(uid, part, "8BC9-8AAB-4D44", page, 999)
    assert parse_page_code(code.text()) == code


def test_record_signature_from_scan_opens_the_sign_dialog_on_the_scanned_version(
    qtbot, data_dir, tmp_path, monkeypatch
):
    window = open_window(data_dir)
    try:
        load_samples(window.ws.store, window.catalog, TODAY)
        plan = next(p for p in window.ws.store.plans() if p.stage == "initial_ready")
        first = export_pdf(window.ws, plan.id, "initial", "a4", tmp_path / "first.pdf")
        export_pdf(window.ws, plan.id, "final", "a4", tmp_path / "later.pdf")  # newer, and not the one signed
        image = scanned(first.path, 1, 200, tmp_path / "signed scan", 3)
        shown = []

        def sign(dialog):
            shown.append(dialog.version.currentData())
            for i in range(dialog.role.count()):
                dialog.role.setCurrentIndex(i)
                dialog.accept()
            return True

        monkeypatch.setattr(SignDialog, "exec", sign)
        warned = []
        monkeypatch.setattr(QMessageBox, "warning", lambda *args: warned.append(args[2]))
        window.sign_from_scan(str(image))
        assert warned == []
        assert shown == [first.print_id]
        assert window.ws.plan(plan.id).stage == "initial_signed"
        signatures = window.ws.store.signatures(plan.id)
        assert signatures and {s.fingerprint for s in signatures} == {first.fingerprint}
        kept = [e for e in window.ws.store.journal(plan.id) if e.title.startswith("Signed copy")]
        assert kept and kept[-1].artifacts[0].filename == image.name
        assert window.ws.artifact_path(kept[-1].artifacts[0]).read_bytes() == image.read_bytes()

        photo = tmp_path / "whiteboard.png"
        Image.new("L", (640, 480), 255).save(photo)
        window.sign_from_scan(str(photo))
        assert warned == [f"No signature recorded: whiteboard.png: {NO_CODE}."]
    finally:
        close_window(window)
