"""Wizard pages generated from template steps.

A step becomes one page; a step with a self-assessment becomes one page per
framework domain, walked in order from the foundation up. Coach lines are set
apart from the teacher's fields and hidden in teacher mode.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainter, QPaintEvent, QPen, QPolygonF, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ilp_desktop.model.advice import DomainStanding, domain_standings, suggested_domain
from ilp_desktop.model.checks import Finding
from ilp_desktop.model.document import recalled
from ilp_desktop.model.plan import Signature
from ilp_desktop.model.resources import Domain, Framework
from ilp_desktop.model.template import Field, Step, assessment_words
from ilp_desktop.model.values import rating_date_key, rating_key, rationale_key, satisfied
from ilp_desktop.ui.continuum_view import ContinuumEditor
from ilp_desktop.ui.fields import FieldContext, FieldRow, GroupEditor, RatingEditor
from ilp_desktop.ui.form_parts import with_mnemonic

# The Alt letters of the window around a page: menus, tabs, Back/Next, All plans, Stage, Record signature, the
# panes' buttons, Amend. A page's own buttons take others.
WINDOW_KEYS = "bcfhilmnopstuv"
RECALL_CHARS = 400  # an earlier answer is a reminder; the whole text is a click away
# The coach's script goes beside the answers when the page has room for lines of about this many characters
# in each (and above them on a narrower page: a small screen, 200 %, a large text size).
SCRIPT_CHARACTERS, ANSWER_CHARACTERS = 36, 58


class Page(QWidget):
    """Common to all pages: header, script, the answer rows, findings shown beside them."""

    amend_requested = Signal()
    edit_requested = Signal(str)  # an earlier answer's key: go back to it

    def __init__(self, step: Step, ctx: FieldContext, page_id: str, list_title: str):
        super().__init__()
        self.step, self.ctx, self.page_id, self.list_title = step, ctx, page_id, list_title
        self.rows: dict[str, FieldRow | GroupEditor] = {}
        self.coach_widgets: list[QWidget] = []
        self.recalled: list[QLabel] = []  # the earlier answers shown, one label per recalled field
        self.mnemonics = set(WINDOW_KEYS)  # the Alt letters taken on the screen this page is shown on
        outer = QVBoxLayout(self)
        outer.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.top = QVBoxLayout()  # the step's title and the earlier answers it builds on, across the page
        # The conversation: the coach's script beside the answers it asks for, or above them on a narrow page.
        self.talk = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.script_panel = QWidget()
        self.script_panel.setObjectName("scriptPanel")
        self.script_layout = QVBoxLayout(self.script_panel)
        self.script_layout.setContentsMargins(0, 0, 0, 0)
        self.script_panel.hide()  # until the step has a script
        self.layout_ = QVBoxLayout()  # the answers and the guidance that goes with them
        self.layout_.setAlignment(Qt.AlignmentFlag.AlignTop)
        # At the top of its column and as tall as its wrapped lines (as tall as its unwrapped sizeHint, it cut
        # the directions off beside a long column of answers).
        self.talk.addWidget(self.script_panel, 2, Qt.AlignmentFlag.AlignTop)
        self.talk.addLayout(self.layout_, 3)
        self.lock_banner = QFrame()
        self.lock_banner.setObjectName("lockBanner")
        self.lock_banner.setFrameShape(QFrame.Shape.Box)
        self.lock_text = QLabel()
        self.lock_text.setWordWrap(True)
        self.amend_button = QPushButton("A&mend after signature…")
        self.amend_button.clicked.connect(self.amend_requested.emit)
        banner = QHBoxLayout(self.lock_banner)
        banner.addWidget(self.lock_text, 1)
        banner.addWidget(self.amend_button)
        outer.addWidget(self.lock_banner)
        outer.addLayout(self.top)
        outer.addLayout(self.talk)
        self.lock_banner.hide()

    # -- building blocks
    def add_label(self, html: str, name: str = "", into: QVBoxLayout | None = None) -> QLabel:
        label = QLabel(html)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if name:
            label.setObjectName(name)
        (into or self.layout_).addWidget(label)
        return label

    def add_header(self, subtitle: str = "") -> None:
        s = self.step
        number = f"{escape(s.number)}: " if s.number and s.number != s.title else ""
        self.add_label(
            f"<small>{escape(s.section)}</small><h2>{number}{escape(s.title)}{escape(subtitle)}</h2>",
            "stepTitle",
            self.top,
        )
        cells = ", ".join(s.cells)
        if cells:
            self.add_label(
                f"<i>Fills cell{'s' if len(s.cells) > 1 else ''} {escape(cells)} of the plan</i>", into=self.top
            )

    def add_recall(self) -> None:
        """The earlier answers this step builds on (its template's `recall`), read-only, each with a way back."""
        if not self.step.recall:
            return
        box = QGroupBox("From earlier steps")
        box.setObjectName("recalled")
        grid = QGridLayout(box)
        grid.setVerticalSpacing(2)
        for row, fid in enumerate(self.step.recall):
            text = QLabel()
            text.setWordWrap(True)
            text.setTextFormat(Qt.TextFormat.RichText)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            field = self.ctx.template.field(fid)
            back = QToolButton()  # a flat button: the earlier answers stay a compact reminder
            back.setText("Change…")
            back.setAutoRaise(True)
            back.setAccessibleName(f"Change {field.label}")
            back.clicked.connect(lambda _=False, key=fid: self.edit_requested.emit(key))
            grid.addWidget(text, row, 0)
            grid.addWidget(back, row, 1, Qt.AlignmentFlag.AlignTop)
            self.recalled.append(text)
        grid.setColumnStretch(0, 1)
        self.top.addWidget(box)

    def _show_recalled(self) -> None:
        t, values = self.ctx.template, self.ctx.draft.values
        for label, fid in zip(self.recalled, self.step.recall, strict=True):
            lines = []
            for entry in recalled([t.field(fid)], t, self.ctx.resources, values):
                text = entry.text if len(entry.text) <= RECALL_CHARS else entry.text[:RECALL_CHARS] + " …"
                lines.append(f"<b>{escape(entry.label)}:</b> {escape(text) or '<i>not answered yet</i>'}")
            label.setText("<br>".join(lines) or f"<b>{escape(t.field(fid).label)}:</b> <i>none yet</i>")

    def add_script(self) -> None:
        """The directions and the coach's lines, in the script panel (shown in coach mode only)."""
        s, ctx = self.step, self.ctx
        if s.directions:
            guide = escape(ctx.template.guide_label.lower())
            self.add_label(f"<b>Directions for the {guide}:</b> {escape(s.directions)}", into=self.script_layout)
            self.coach_widgets.append(self.script_panel)
        coach = [line for line in s.script if line.for_coach]
        if coach:
            box = QFrame()
            box.setObjectName("coachScript")
            box.setFrameShape(QFrame.Shape.StyledPanel)
            box.setAccessibleName(f"{ctx.template.guide_label}'s script")
            inner = QVBoxLayout(box)
            for line in coach:
                label = QLabel(f"<b>{escape(ctx.template.speaker(line))}:</b> {escape(line.text)}")
                label.setWordWrap(True)
                inner.addWidget(label)
            self.script_layout.addWidget(box)
            self.coach_widgets.append(self.script_panel)

    def add_guidance(self) -> None:
        """What helps the conversation along, under the answers: questions to consider and examples folded,
        what the teacher does, the guide's notes."""
        s = self.step
        consider = [line.text for line in s.script if line.kind == "consider"]
        if consider:
            questions = QLabel("<ul>" + "".join(f"<li>{escape(t)}</li>" for t in consider) + "</ul>")
            questions.setWordWrap(True)
            self.add_folded(f"Questions to consider ({len(consider)})", questions)
        for line in s.script:
            if line.kind == "teacher":
                self.add_label(f"<b>Teacher:</b> {escape(line.text)}")
        for note in s.notes:
            self.add_label(f"<div>{escape(note)}</div>")
        if s.examples:
            examples = QFrame()
            inner = QVBoxLayout(examples)
            for example in s.examples:
                label = QLabel(f"• {example}")
                label.setTextFormat(Qt.TextFormat.PlainText)  # an apostrophe is not markup
                label.setWordWrap(True)
                inner.addWidget(label)
            self.add_folded(f"Examples from the guide ({len(s.examples)})", examples)

    def add_folded(self, title: str, content: QWidget) -> QToolButton:
        """A part of the guide folded under its title (Space or a click opens it): the script and the answer
        then fit on a 1366×768 screen together."""
        toggle = QToolButton()
        toggle.setText(title)
        toggle.setCheckable(True)
        toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toggle.setArrowType(Qt.ArrowType.RightArrow)
        toggle.setAutoRaise(True)
        toggle.setAccessibleDescription("folded; press Space to show it")

        def unfold(on: bool) -> None:
            content.setVisible(on)
            toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
            toggle.setAccessibleDescription("shown; press Space to fold it" if on else "folded; press Space to show it")

        toggle.toggled.connect(unfold)
        content.hide()
        self.layout_.addWidget(toggle)
        self.layout_.addWidget(content)
        return toggle

    def add_row(self, row: FieldRow | GroupEditor) -> None:
        self.rows[row.key] = row
        if isinstance(row, GroupEditor):  # a second group's "Add …" gets a letter of its own
            row.add_button.setText(with_mnemonic(row.add_button.text(), self.mnemonics))
        self.layout_.addWidget(row)

    # -- behaviour
    def set_coach_mode(self, on: bool) -> None:
        for w in self.coach_widgets:
            w.setVisible(on)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The script beside the answers when both get lines of a readable length, else above them. Only the
        width decides, so nothing typed or checked on the page moves it from one to the other."""
        super().resizeEvent(event)
        # The lines' room plus the page's margins and the gap between script and answers: a page a few pixels
        # wider than the text alone (narrow margins on a small screen) still puts the script above.
        layout = self.layout()
        margins = layout.contentsMargins().left() + layout.contentsMargins().right() if layout is not None else 0
        edges = margins + max(0, self.talk.spacing())
        room = self.fontMetrics().averageCharWidth() * (SCRIPT_CHARACTERS + ANSWER_CHARACTERS) + edges
        beside = event.size().width() >= room
        wanted = QBoxLayout.Direction.LeftToRight if beside else QBoxLayout.Direction.TopToBottom
        if self.talk.direction() != wanted:
            self.talk.setDirection(wanted)

    def refresh(self) -> None:
        self._show_recalled()
        for row in self.rows.values():
            if isinstance(row, GroupEditor):
                row.rebuild()
            else:
                row.editor.refresh()

    def answer_keys(self) -> set[str]:
        return set(self.rows)

    def apply_conditions(self) -> None:
        """Show only the questions this plan is asked (a field's `when` on earlier answers)."""
        for row in self.rows.values():
            row.setVisible(satisfied(row.field.when, self.ctx.draft.values))

    def show_read_only(self) -> None:
        for row in self.rows.values():
            row.set_locked(True)
        self.lock_text.setText("This data file is open read-only: answers can be read and printed, not changed.")
        self.amend_button.hide()
        self.lock_banner.show()

    def apply_lock(self, locked: dict[str, Signature], amending: bool) -> None:
        """Answers printed in signed cells become read-only, with the reason said on the page."""
        signers: list[Signature] = []
        for row in self.rows.values():
            signature = locked.get(row.field.cell) if row.field.cell else None
            row.set_locked(signature is not None and not amending)
            if signature is not None and signature not in signers:
                signers.append(signature)
        self.lock_banner.setVisible(bool(signers))
        if signers:
            who = "; ".join(
                f"signed on {s.signed_on.isoformat()} by {s.name} (fingerprint {s.fingerprint})" for s in signers
            )
            self.lock_text.setText(
                f"Amending after signature – {who}. Changes are kept in the history, and the next printout says "
                "“Amended after signature”."
                if amending
                else f"Locked: this part was {who}. To change it, amend it; the signed version stays on record."
            )
            self.amend_button.setVisible(not amending)

    def show_findings(self, findings: list[Finding]) -> None:
        by_row: dict[str, list[tuple[str, str]]] = {key: [] for key in self.rows}
        for f in findings:
            target = f.key if f.key in self.rows else f.field_id
            if target in by_row:
                by_row[target].append((f.severity, f.message))
        for key, messages in by_row.items():
            self.rows[key].show_findings(messages)

    def inputs(self) -> list[QWidget]:
        widgets: list[QWidget] = []
        for row in self.rows.values():
            for r in row.rows if isinstance(row, GroupEditor) else [row]:
                widgets.extend(r.editor.input_widgets())
        return widgets

    def input_for(self, key: str) -> QWidget | None:
        return next((w for w in self.inputs() if w.property("answer_key") == key), None)


class StepPage(Page):
    """A step's fields; a step that also walks a self-assessment asks its other fields after the domains
    (`after_assessment`), on a page of their own."""

    def __init__(self, step: Step, ctx: FieldContext, page_id: str, list_title: str, after_assessment: bool = False):
        super().__init__(step, ctx, page_id, list_title)
        self.add_header()
        self.add_recall()
        if not after_assessment:
            self.add_script()  # the script, then the answers it asks for right under it
        self.pyramid: PyramidView | None = None
        for f in step.fields:
            if f.type == "self_assessment":
                continue
            if f.type == "continuum":
                self.add_row(FieldRow(f, f.id, ctx, editor=ContinuumEditor))
                continue
            if f.type == "group":
                self.add_row(GroupEditor(f, ctx))
                continue
            found = _assessment_for(f, ctx)
            if found is not None:
                fw, assessment = found
                self.pyramid = PyramidView(fw, assessment, ctx)
                self.layout_.addWidget(self.pyramid)
                self.layout_.addWidget(self.pyramid.caption)
            self.add_row(FieldRow(f, f.id, ctx))
        self.add_guidance()
        self.refresh()

    def refresh(self) -> None:
        super().refresh()
        if self.pyramid:
            self.pyramid.refresh()


class DomainPage(Page):
    """One domain of a self-assessment: each marker's questions and dated rating, then the domain's rationale,
    in the framework's (or the template's) own words."""

    def __init__(
        self, step: Step, field: Field, fw: Framework, domain: Domain, ctx: FieldContext, page_id: str, list_title: str
    ):
        n = fw.domains.index(domain) + 1
        words = assessment_words(field, fw)
        super().__init__(step, ctx, page_id, list_title)
        self.add_header(f" – {words.domain} {n} of {len(fw.domains)}")
        if n == 1:
            self.add_script()
            self.add_guidance()
        if fw.notice:
            self.add_label(f"<small><b>{escape(fw.title)}</b>: {escape(fw.notice)}</small>")
        self.add_label(
            f"<h3>{escape(words.domain)} {escape(domain.key)}: {escape(domain.title)}</h3>{escape(domain.description)}"
        )
        scale = Field(id=field.id, type="rating", label="Rating", source=f"{fw.id}:scale")
        for m in domain.markers:
            key = rating_key(field, domain.key, m.key)
            row = FieldRow(scale, key, ctx, f"{words.marker} {m.key}: {m.title}")
            questions = QLabel(
                f"<b>{escape(words.prompt)}:</b><ul>" + "".join(f"<li>{escape(q)}</li>" for q in m.questions) + "</ul>"
            )
            questions.setWordWrap(True)
            row.column.insertWidget(1, questions)
            editor = row.editor
            if isinstance(editor, RatingEditor):  # always: the scale is a rating
                # Each rating is dated: the printout says when the teacher rated themself so.
                editor.group.buttonClicked.connect(
                    lambda _b, k=key: ctx.draft.set(rating_date_key(k), ctx.draft.ws.today().isoformat())
                )
            self.add_row(row)
        if words.rationale != "none":
            rationale = Field(
                id=field.id,
                type="longtext",
                label=f"{'Required r' if words.rationale == 'required' else 'R'}ationale for your "
                f"{words.domain} {domain.key} ratings",
                required=words.rationale == "required",
                help=f"Why did you rate yourself the way you did within this {words.domain.lower()}?",
            )
            self.add_row(FieldRow(rationale, rationale_key(field, domain.key), ctx))
        self.refresh()


def _assessment_for(f: Field, ctx: FieldContext) -> tuple[Framework, Field] | None:
    """The framework and self-assessment whose ratings inform a choice of that framework's domains, if any."""
    rid = f.source_resource
    fw = ctx.resources.framework(rid) if rid is not None else None
    if f.type != "choice" or f.source_list != "domains" or fw is None:
        return None
    assessment = next((a for a in ctx.template.fields if a.type == "self_assessment" and a.framework == rid), None)
    return None if assessment is None else (fw, assessment)


class PyramidView(QWidget):
    """The vertical-alignment pyramid, foundation at the bottom, candidates marked by text and hatching."""

    def __init__(self, fw: Framework, assessment: Field, ctx: FieldContext):
        super().__init__()
        self.fw, self.assessment, self.ctx = fw, assessment, ctx
        self.standings: list[DomainStanding] = []
        self.setMinimumHeight(44 * len(fw.domains) + 16)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.caption = QLabel()
        self.caption.setObjectName("pyramidAdvice")
        self.caption.setWordWrap(True)

    def refresh(self) -> None:
        self.standings = domain_standings(self.fw, self.assessment, self.ctx.draft.values)
        best = suggested_domain(self.standings)
        candidates = [f"Domain {s.domain.key}" for s in self.standings if s.candidate]
        text = (
            f"Candidates from your ratings: {', '.join(candidates)}. The guide suggests Domain {best.domain.key} "
            f"({best.domain.title}), the candidate closest to the foundation."
            if best
            else "Rate the markers in Step 1 to see candidate domains."
        )
        self.setAccessibleName("Vertical alignment pyramid")
        self.setAccessibleDescription(text)
        self.caption.setText(text)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        n = len(self.fw.domains)
        width, height = self.width(), self.height() - 8
        layer = height / n
        best = suggested_domain(self.standings)
        for i, standing in enumerate(self.standings):  # i = 0 is the foundation, drawn at the bottom
            top = height - (i + 1) * layer + 4
            inset_bottom = (width * 0.25) * i / n
            inset_top = (width * 0.25) * (i + 1) / n
            shape = QPolygonF(
                [
                    QPointF(inset_bottom, top + layer - 2),
                    QPointF(width - inset_bottom, top + layer - 2),
                    QPointF(width - inset_top, top),
                    QPointF(inset_top, top),
                ]
            )
            base = self.palette().alternateBase().color()
            painter.setPen(QPen(self.palette().text().color(), 2.5 if standing is best else 1))
            painter.setBrush(QBrush(base))
            painter.drawPolygon(shape)
            if standing.candidate:  # hatching, so candidates do not depend on colour
                painter.setBrush(QBrush(QColor(self.palette().highlight().color()), Qt.BrushStyle.BDiagPattern))
                painter.drawPolygon(shape)
            mark = "★ suggested · " if standing is best else ("☆ candidate · " if standing.candidate else "")
            ratings = ", ".join(standing.ratings) if standing.ratings else "not rated yet"
            painter.setPen(self.palette().text().color())
            painter.drawText(
                QRectF(inset_top + 8, top, width - 2 * inset_top - 16, layer - 2),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                f"{mark}Domain {standing.domain.key}: {standing.domain.title} – {ratings}",
            )
        painter.end()
