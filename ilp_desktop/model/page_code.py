"""What the code printed on every page says: which plan, which part, which page of how many, which version.

A scanned signed page is matched back to its printed version by this code (the same facts as the header and
footer, in a form a machine reads). Kept short, so the code's squares stay large enough for a 150 dpi scan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, unquote

PREFIX = "ILP1"  # names the kind and version of the code: a foreign code, or a later layout, is told apart
# ILP1 <plan uid> <part, percent-encoded> <page>/<pages> <fingerprint>
CODE = re.compile(PREFIX + r" (?P<uid>\S+) (?P<part>\S+) (?P<page>\d+)/(?P<pages>\d+) (?P<fingerprint>[0-9A-F-]+)")


@dataclass(frozen=True)
class PageCode:
    plan_uid: str
    part: str
    fingerprint: str
    page: int = 1
    pages: int = 1

    def text(self) -> str:
        part = quote(self.part, safe=":")
        return f"{PREFIX} {self.plan_uid} {part} {self.page}/{self.pages} {self.fingerprint}"

    def on_page(self, page: int, pages: int) -> PageCode:
        return PageCode(self.plan_uid, self.part, self.fingerprint, page, pages)


def parse_page_code(text: str) -> PageCode | None:
    """The code's facts (None: a code of something else)."""
    found = CODE.fullmatch(text.strip())
    if found is None:
        return None
    return PageCode(found["uid"], unquote(found["part"]), found["fingerprint"], int(found["page"]), int(found["pages"]))
