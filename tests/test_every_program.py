"""Every installed program, end to end as a user works: New ILP dialog → every wizard page → reopen → print.

The answers are typed and clicked into whatever widgets the template produced, so a new template in
forms/ is covered by this test without writing one for it.
"""

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QRadioButton,
)
from wizard_driver import TODAY, click, close_window, open_window, press, type_into

from ilp_desktop.app.printing import export_pdf
from ilp_desktop.model.catalog import load_catalog
from ilp_desktop.model.values import satisfied
from ilp_desktop.ui.date_input import DateInput

PROGRAMS = sorted(load_catalog(None).templates)


def fill_page(window, typed: dict[str, str]) -> None:
    """Type a distinct short answer into every text box; take the first option of every list, check box and scale."""
    page = window.editor.current
    done: set[str] = set()
    for widget in page.inputs():
        key = widget.property("answer_key")
        answered = window.editor.draft.get(key) and key not in done
        date = isinstance(widget.parentWidget(), DateInput)
        if not widget.isVisibleTo(page) or answered or (key in done and not date):
            continue
        done.add(key)
        if isinstance(widget, QComboBox):
            widget.setFocus()
            press(widget, Qt.Key.Key_Home)
            press(widget, Qt.Key.Key_Down)
        elif isinstance(widget, (QRadioButton, QCheckBox)):
            click(widget)
        elif date:
            type_into(widget, TODAY.isoformat())
            press(widget, Qt.Key.Key_Return)
        elif isinstance(widget, QLineEdit) and widget.validator() is not None:
            type_into(widget, str(TODAY.year))  # a number field
        else:
            typed[key] = f"Ans{len(typed)}q"
            type_into(widget, typed[key])


@pytest.mark.parametrize("program", PROGRAMS)
def test_program_created_filled_reopened_and_printed(qtbot, data_dir, tmp_path, program, monkeypatch):
    window = open_window(data_dir)
    template = window.catalog.template(program)
    label = f"{template.title} – {template.subtitle}" if template.subtitle else template.title

    def fill_dialog():
        dialog = QApplication.activeModalWidget()
        combo = next(c for c in dialog.findChildren(QComboBox) if c.accessibleName() == "Program")
        combo.setCurrentIndex(combo.findText(label))
        fields = {w.objectName(): w for w in dialog.findChildren(QLineEdit)}
        shown = [lab.text().replace("&", "") for lab in dialog.findChildren(QLabel)]
        assert f"{template.role_label('teacher')}'s name" in shown, "people named in the program's words"
        for role, name in (
            ("teacher", "Ngozi Åberg-Fernández"),
            ("coach", "Coach Ilse Brandt"),
            ("administrator", "Dr. Kwame Asante"),
        ):
            type_into(fields[role], name)
        type_into(fields["school"], "Hillcrest School")
        dialog.done(QDialog.DialogCode.Accepted)

    QTimer.singleShot(0, fill_dialog)
    window.new_action.trigger()
    editor = window.editor
    assert editor.template.id == program
    editor.confirm_leave = lambda missing: True
    if len(editor.template.parts) > 1:  # every part open to write: the stage set by hand, on the record
        monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("Coach Ilse Brandt", True)))
        editor.stage.setCurrentIndex(editor.stage.findData(f"{editor.template.parts[-1].id}_drafting"))
        assert editor.override_note.text().startswith("Stage set by hand from “")
    typed: dict[str, str] = {}
    while True:
        fill_page(window, typed)
        editor.current.refresh()  # lists that depend on an earlier choice now have options
        fill_page(window, typed)
        if not editor.next.isEnabled():
            break
        click(editor.next)
    last_page = editor.current.page_id
    editor.save_now()
    close_window(window)

    again = open_window(data_dir)
    assert again.editor.current.page_id == last_page
    values = again.ws.store.values(1)
    assert {k: values.get(k) for k in typed} == typed, "every typed answer is in the reopened file"
    part = template.parts[-1]
    done = export_pdf(again.ws, 1, part.id, "letter", tmp_path / "plan.pdf")
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(tmp_path / "plan.pdf").pages)
    printed = {f.id for f in template.fields if f.cell in part.cells and satisfied(f.when, values)}
    expected = [v for k, v in typed.items() if k.split(".")[0] in printed]
    assert expected and [v for v in expected if v not in text] == [], "every printed answer is in the PDF"
    headings = [
        template.title,
        part.title,
        *(template.cell(k).heading for k in part.cells),
        "Ngozi Åberg-Fernández",
        *(f"{template.role_label(r)} – printed name" for r in part.signatures),
    ]
    assert [h for h in headings if h not in text] == []
    assert done.fingerprint in text
    close_window(again)
