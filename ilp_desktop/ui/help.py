"""Offline help: what an ILP is, a guide to every step of the open program (from its template), shortcuts;
and the About box with the versions and licences of what the app bundles."""

from __future__ import annotations

import platform
import sqlite3
from html import escape
from importlib import metadata

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from ilp_desktop import APP_NAME, __version__
from ilp_desktop.model.template import Template
from ilp_desktop.ui.fit import Dialog

SHORTCUTS = (
    ("F1", "this guide, at the current step"),
    ("Ctrl+N", "new ILP"),
    ("Ctrl+E", "continue the last plan"),
    ("Ctrl+L", "all plans"),
    ("Ctrl+S", "save now (everything is also saved as you type)"),
    ("Ctrl+P", "export / print the plan"),
    ("Ctrl+,", "settings"),
    ("Alt+→ or Ctrl+PgDown", "next step"),
    ("Alt+← or Ctrl+PgUp", "previous step"),
    ("Ctrl+M", "coach mode on/off"),
    ("Alt+L / Alt+O", "show or hide the list of steps / the plan so far"),
    ("Ctrl++ / Ctrl+- / Ctrl+0", "in the print preview: larger / smaller / as wide as the window"),
    ("Ctrl+Z / Ctrl+Y", "undo / redo in a text field"),
    ("Ctrl+H", "in a text answer: its earlier wordings, to restore one"),
    ("← → / ↑ ↓", "in a rating scale: the previous / next level"),
    ("Tab / Shift+Tab", "next / previous answer"),
    ("Alt+↓ or F4", "in a date: a calendar (Enter picks the day, Esc closes it)"),
    ("↑ / ↓", "in a date: the next / previous day"),
    ("Alt + underlined letter", "that button or field"),
)

WHAT_IS_AN_ILP = """
<p>An <b>Individual Learning Plan</b> (ILP) is how a new teacher – or a new administrator – in an induction
program plans a year of growth with a coach or mentor. Together they:</p>
<ol>
<li>reflect on current practice against the profession's standards,</li>
<li>choose a focus and write a measurable growth goal tied to student learning,</li>
<li>choose research, professional learning and observations that serve the goal,</li>
<li>work through a timeline, keeping journal entries and evidence (student work, data),</li>
<li>reflect at the end on what changed for students and for their practice.</li>
</ol>
<p>The plan is printed and signed in ink – usually once when the goal is set and again when the year is
complete. ILP Desktop keeps every word on this computer, works with no network, prints each program's own form
with its signature lines, and shows each plan's due dates.</p>
<p>Districts run different programs; each has its own template (see <i>forms/README.md</i>). The guide below
follows the program of the plan that is open.</p>
"""

# What the app ships, and the terms under which it may: shown in About, kept in step with pyproject.toml.
# (name, its Python distribution if it is one, licence, what it is for)
COMPONENTS = (
    (
        "PySide6 / Qt",
        "PySide6-Essentials",
        "LGPL-3.0",
        "Qt for Python and the Qt libraries, used unmodified and as "
        "separate shared libraries that may be replaced by another compatible version. Source: https://download.qt.io "
        "and https://code.qt.io/cgit/pyside/pyside-setup.git",
    ),
    ("ReportLab", "reportlab", "BSD-3-Clause", "PDF layout"),
    ("sqlite-utils", "sqlite-utils", "Apache-2.0", "the SQLite data file"),
    ("SQLite", "", "Public domain", "the database engine"),
    ("platformdirs", "platformdirs", "MIT", "where the data folder lives"),
    ("pypdfium2 / PDFium", "pypdfium2", "Apache-2.0 or BSD-3-Clause / BSD-3-Clause", "print preview"),
    ("cryptography", "cryptography", "Apache-2.0 or BSD-3-Clause", "password-protected plan files"),
    ("regex", "regex", "Apache-2.0 and CNRI-Python", "programs' answer checks, with a time limit"),
    ("jsonschema-rs", "jsonschema-rs", "MIT", "checking received plans"),
    ("openpyxl (with et-xmlfile)", "openpyxl", "MIT", "the CTC evidence as a spreadsheet"),
    ("filelock", "filelock", "MIT", "one writer per data folder"),
    ("uharfbuzz / HarfBuzz", "uharfbuzz", "Apache-2.0 / MIT", "joined Arabic and Devanagari in printed plans"),
    ("markdown-it-py (with mdurl)", "markdown-it-py", "MIT", "formatted journal entries in printed plans"),
    ("python-bidi", "python-bidi", "LGPL-3.0", "right-to-left text in printed plans, in reading order"),
    ("tomlkit", "tomlkit", "MIT", "school breaks written into calendar.toml, keeping its comments"),
    ("keyring", "keyring", "MIT", "a sync folder's passphrase in the system's keyring"),
    ("tree-sitter (with tree-sitter-toml)", "tree-sitter", "MIT", "the line of a problem in a program's template"),
    ("zxing-cpp", "zxing-cpp", "Apache-2.0", "reading the code on a scanned signed page"),
    ("Pillow", "pillow", "MIT-CMU", "scanned pictures and images in printed plans"),
    ("DejaVu fonts", "", "Bitstream Vera licence (free)", "the fonts embedded in printed plans"),
    (
        "Noto fonts",
        "",
        "SIL OFL 1.1",
        "Arabic, Hebrew, Devanagari, Thai, Bengali, Tamil, Korean and emoji in printed plans",
    ),
    ("Droid Sans Fallback", "", "Apache-2.0", "Chinese and Japanese in printed plans"),
    ("Tabler Icons", "", "MIT", "the icons on the buttons"),
)


def guide_html(template: Template | None) -> str:
    parts = ["<h1>What is an ILP?</h1>", WHAT_IS_AN_ILP]
    if template is not None:
        parts.append(f"<h1>Step by step: {escape(template.title)}</h1><p>{escape(template.description)}</p>")
        for step in template.steps:
            number = f"{escape(step.number)}: " if step.number and step.number != step.title else ""
            parts.append(f'<h2><a name="{escape(step.id)}"></a>{number}{escape(step.title)}</h2>')
            if step.directions:
                parts.append(f"<p>{escape(step.directions)}</p>")
            said = [line for line in step.script if line.kind != "consider"]
            if said:
                parts.append(
                    "<ul>"
                    + "".join(f"<li><b>{escape(template.speaker(line))}:</b> {escape(line.text)}</li>" for line in said)
                    + "</ul>"
                )
            consider = [line.text for line in step.script if line.kind == "consider"]
            if consider:
                parts.append(
                    "<p><b>Questions to consider</b></p><ul>"
                    + "".join(f"<li>{escape(t)}</li>" for t in consider)
                    + "</ul>"
                )
            parts += [f"<p>{escape(note)}</p>" for note in step.notes]
            answers = "".join(
                f"<li>{escape(f.label)}{' (required)' if f.required else ''}"
                f"{': ' + escape(f.help) if f.help else ''}</li>"
                for f in step.fields
            )
            parts.append(f"<p><b>What you write</b></p><ul>{answers}</ul>")
            if step.examples:
                parts.append(
                    "<p><b>Examples</b></p><ul>" + "".join(f"<li>{escape(e)}</li>" for e in step.examples) + "</ul>"
                )
    parts.append(
        '<h1><a name="shortcuts"></a>Keyboard shortcuts</h1><table cellpadding="3">'
        + "".join(f"<tr><td><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>" for k, v in SHORTCUTS)
        + "</table>"
    )
    return "\n".join(parts)


class HelpDialog(Dialog):
    """Text to read (the guide, About), scrolled: as long as it likes on any screen."""

    def __init__(self, title: str, html: str, anchor: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.browser = QTextBrowser()
        self.browser.setAccessibleName(title)
        self.show_text(html, anchor)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(760, 640)

    def show_text(self, html: str, anchor: str = "") -> None:
        self.browser.setHtml(html)
        if anchor:
            self.browser.scrollToAnchor(anchor)


def about_html(data_file: str) -> str:
    def version(name: str, dist: str) -> str:
        if name == "PySide6 / Qt":
            return f"{pyside_version} / Qt {qVersion()}"
        if name == "SQLite":
            return sqlite3.sqlite_version
        try:
            return metadata.version(dist) if dist else ""
        except metadata.PackageNotFoundError:
            return "not installed"

    rows = "".join(
        f"<tr><td><b>{escape(n)}</b></td><td>{escape(version(n, dist))}</td><td>{escape(lic)}</td>"
        f"<td>{escape(note)}</td></tr>"
        for n, dist, lic, note in COMPONENTS
    )
    return (
        f"<h2>{APP_NAME} {__version__}</h2><p>Individual Learning Plans, offline. Python "
        f"{platform.python_version()}.</p><p>Data file: {escape(data_file)}</p>"
        f"<p><b>Bundled components and their licences</b></p><table cellpadding='3'>{rows}</table>"
        "<p>Qt is used under the GNU Lesser General Public License v3: you may replace the Qt libraries in an "
        "installed copy with your own build; the licence text is at https://www.gnu.org/licenses/lgpl-3.0.html "
        "and in the packaged app's licences folder.</p>"
    )
