"""Journal entries are Markdown (the journal editor, a QTextEdit, reads and writes it): on paper, bold, italics,
struck-through text, lists, headings and quotes print as such, and every other character as typed.

markdown-it-py parses it (CommonMark, as Qt's own md4c reads it, with GitHub's ~~strikethrough~~), with raw HTML
switched off, so `<b>` typed in an entry prints as those three characters. A soft line break is a space: Qt writes
a long paragraph in lines of 80 characters.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

Span = tuple[str, tuple[str, ...]]  # text and the inline tags it prints in ("b", "i", "strike")
INLINE_TAGS = {"strong": "b", "em": "i", "s": "strike"}


@dataclass(frozen=True)
class TextBlock:
    kind: str  # paragraph, heading, quote, code, rule
    spans: tuple[Span, ...]
    depth: int = 0  # how deep in lists
    bullet: str = ""  # "•" or "3." on a list item's first paragraph


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False}).enable("strikethrough")


def text_blocks(text: str) -> list[TextBlock]:
    """The blocks of a Markdown text in reading order, lists flattened to indented items."""
    blocks: list[TextBlock] = []
    lists: list[list[int]] = []  # for each open list: [next number] (ordered) or [] (bullets)
    bullet, kind = "", "paragraph"
    quotes = 0
    for token in _parser().parse(text):
        kind_now = token.type
        if kind_now == "bullet_list_open":
            lists.append([])
        elif kind_now == "ordered_list_open":
            lists.append([int(token.attrGet("start") or 1)])
        elif kind_now in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind_now == "list_item_open":
            numbers = lists[-1]
            bullet = f"{numbers[0]}." if numbers else "•"
            if numbers:
                numbers[0] += 1
        elif kind_now == "heading_open":
            kind = "heading"
        elif kind_now == "blockquote_open":
            quotes += 1
        elif kind_now == "blockquote_close":
            quotes -= 1
        elif kind_now == "inline":
            block_kind = "quote" if quotes and kind == "paragraph" else kind
            blocks.append(TextBlock(block_kind, tuple(_spans(token.children or [])), len(lists), bullet))
            bullet, kind = "", "paragraph"
        elif kind_now in ("fence", "code_block"):
            blocks.append(TextBlock("code", ((token.content.rstrip("\n"), ()),), len(lists), bullet))
            bullet = ""
        elif kind_now == "hr":
            blocks.append(TextBlock("rule", ()))
    return blocks


def _spans(children: list[Token]) -> list[Span]:
    spans: list[Span] = []
    tags: list[str] = []
    links: list[str] = []
    for child in children:
        name, _, edge = child.type.rpartition("_")
        if name in INLINE_TAGS and edge in ("open", "close"):
            if edge == "open":
                tags.append(INLINE_TAGS[name])
            else:
                tags.remove(INLINE_TAGS[name])
        elif child.type == "link_open":
            links.append(str(child.attrGet("href") or ""))
        elif child.type == "link_close":
            target = links.pop()
            shown = spans[-1][0] if spans else ""
            if target and target not in (shown, f"mailto:{shown}"):
                spans.append((f" ({target})", tuple(tags)))
        elif child.type in ("text", "code_inline", "image", "html_inline"):
            spans.append((child.content, tuple(tags)))
        elif child.type == "softbreak":
            spans.append((" ", tuple(tags)))
        elif child.type == "hardbreak":
            spans.append(("\n", tuple(tags)))
    return spans
