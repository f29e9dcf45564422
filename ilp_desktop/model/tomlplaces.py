"""Where each key and list item of a TOML text was written: tomllib gives values only, an author needs lines.

tree-sitter's TOML grammar keeps every node's position; walking its tree the
way TOML assigns keys ([table], [[array of tables]], dotted keys, inline
tables, arrays) gives each value's path of keys and indices.
"""

from __future__ import annotations

import tomllib

import tree_sitter_toml
from tree_sitter import Language, Node, Parser

Path_ = tuple[str | int, ...]
Positions = dict[Path_, tuple[int, int]]
_KEYS = ("bare_key", "quoted_key", "dotted_key")


def key_positions(text: str) -> Positions:
    """Line and column (from 1) of every key, table header and list item, by its path."""
    data = text.encode("utf-8")
    tree = Parser(Language(tree_sitter_toml.language())).parse(data)
    lines = data.split(b"\n")
    found: Positions = {}
    counts: dict[Path_, int] = {}  # arrays of tables: how many [[…]] items so far

    def place(node: Node) -> tuple[int, int]:
        row, col = node.start_point
        return row + 1, len(lines[row][:col].decode("utf-8", "replace")) + 1

    def header(node: Node, new_item: bool) -> Path_:
        keys = _key_names(node.named_children[0])
        path: list[str | int] = []
        for i, key in enumerate(keys):
            path.append(key)
            found.setdefault(tuple(path), place(node))  # [a.b] also places a table `a` written nowhere else
            last = i == len(keys) - 1
            if tuple(path) in counts and not (last and new_item):
                path.append(counts[tuple(path)] - 1)  # [[steps.fields]] is under the latest [[steps]]
        if new_item:
            index = counts.get(tuple(path), 0)
            counts[tuple(path)] = index + 1
            found.setdefault(tuple(path), place(node))
            path.append(index)
        found[tuple(path)] = place(node)
        return tuple(path)

    def pair(node: Node, base: Path_) -> None:
        key, value = node.named_children[0], node.named_children[-1]
        path = (*base, *_key_names(key))
        found[path] = place(key)
        walk_value(value, path)

    def walk_value(value: Node, path: Path_) -> None:
        if value.type == "inline_table":
            for child in value.named_children:
                if child.type == "pair":
                    pair(child, path)
        elif value.type == "array":
            items = [c for c in value.named_children if c.type != "comment"]
            for i, item in enumerate(items):
                found[(*path, i)] = place(item)
                walk_value(item, (*path, i))

    current: Path_ = ()
    for node in tree.root_node.named_children:
        if node.type == "pair":
            pair(node, current)
        elif node.type in ("table", "table_array_element"):
            current = header(node, node.type == "table_array_element")
            for child in node.named_children[1:]:
                if child.type == "pair":
                    pair(child, current)
    return found


def _key_names(node: Node) -> list[str]:
    if node.type == "dotted_key":
        return [name for child in node.named_children for name in _key_names(child)]
    text = (node.text or b"").decode("utf-8")
    if node.type == "quoted_key":
        try:
            return [str(tomllib.loads(f"k = {text}")["k"])]
        except tomllib.TOMLDecodeError:
            return [text.strip("\"'")]
    return [text]
