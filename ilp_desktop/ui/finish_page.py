"""The end of the conversation: what each printed part still needs, and printing it for signature."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton

from ilp_desktop.app.printing import still_needed
from ilp_desktop.model.template import Step, Template
from ilp_desktop.ui.fields import FieldContext
from ilp_desktop.ui.look import with_icon
from ilp_desktop.ui.pages import Page

FINISH = "finish"
SHOWN_NEEDS = 8  # more are on the paper itself (a draft lists them all)


class FinishPage(Page):
    """A summary per part: ✓ ready, or ⚠ the items still needed; "Print … for signature" opens the export at
    that part. The plan panel beside it shows every cell as it prints."""

    print_requested = Signal(str)  # a part id
    TITLE = "Finish: review and print"

    @staticmethod
    def step_for(template: Template) -> Step:
        """Not a step of the guide: it belongs to the first part so that it is always open."""
        first = template.parts[0].id
        return Step(FINISH, "", "End of the conversation", "Review and print for signature", first, "", (), (), ())

    def __init__(self, template: Template, plan_id: int, ctx: FieldContext):
        super().__init__(self.step_for(template), ctx, FINISH, self.TITLE)
        self.template, self.plan_id = template, plan_id
        self.add_header()
        self.add_label(
            "Read the plan through together in the panel beside this page: it shows every cell as it prints. "
            "Then print the part for signature; a part printed while something is missing says DRAFT and lists it."
        )
        self.summaries: dict[str, QLabel] = {}
        for part in template.parts:
            self.summaries[part.id] = self.add_label("", f"summary-{part.id}")
            button = QPushButton(f"Print the {part.title} for signature…")
            with_icon(button, "printer")
            button.setAccessibleName(f"Print the {part.title} for signature")
            button.clicked.connect(lambda _=False, p=part.id: self.print_requested.emit(p))
            self.layout_.addWidget(button)

    def refresh(self) -> None:
        for part in self.template.parts:
            needed = still_needed(self.ctx.draft.ws, self.plan_id, part.id) or []
            title = f"<h3>{'⚠' if needed else '✓'} {escape(part.title)}</h3>"
            if not needed:
                self.summaries[part.id].setText(f"{title}Every required item is answered: ready to sign.")
                continue
            listed = "".join(f"<li>{escape(n)}</li>" for n in needed[:SHOWN_NEEDS])
            more = f"<li>and {len(needed) - SHOWN_NEEDS} more</li>" if len(needed) > SHOWN_NEEDS else ""
            self.summaries[part.id].setText(f"{title}Still needed ({len(needed)}):<ul>{listed}{more}</ul>")
