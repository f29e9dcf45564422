"""Typed reading of TOML tables that reports every problem of a file at once, each with its line and column.

Templates and resources are written by hand by districts; a mistake must come
back as "file, line 12, column 5: key: what is wrong", never as a KeyError
traceback, and an author fixing ten mistakes should not need ten runs. So an
accessor that meets a problem records it and goes on with a stand-in value;
the caller of the loader gets all of them together (Source.collect).

tomllib keeps no positions, so where a key was written is found afterwards,
only for a file with problems, from a tree-sitter parse of the same text.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from enum import Enum
from functools import cached_property
from pathlib import Path
from typing import Any, Final, TypeVar, overload

from ilp_desktop.model.errors import TemplateError, TemplateProblems

_T = TypeVar("_T")


class _Missing(Enum):
    """The default of a required key: None, "" and [] are defaults in their own right."""

    TOKEN = 0


_MISSING: Final = _Missing.TOKEN


MAX_FILE_BYTES = 2_000_000  # the largest shipped template is about 60 kB
# Curly quotes that a word processor puts in place of " and ' when text is pasted from it.
CURLY_QUOTES = "“”„‟‘’‚‛"
_CURLY_VALUE = re.compile(rf"(?:=|\[|,|\{{)\s*([{CURLY_QUOTES}])")
_SYNTAX_PLACE = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_KEY_PART = re.compile(r"\[[^\]]*\]|[^.\[\]]+")
# What an accessor goes on with when a value is missing or of the wrong type (the file is refused anyway).
_STAND_INS: dict[type, object] = {str: "", int: 0, bool: False, list: [], dict: {}}

Path_ = tuple[str | int, ...]  # keys and list indices from the top of the file, e.g. ("steps", 0, "fields", 2, "id")


class Source:
    """One file's text and the problems found in it so far."""

    def __init__(self, file: str, text: str = ""):
        self.file, self.text = file, text
        self.problems: list[TemplateError] = []
        self.places: dict[str, Path_] = {"": ()}  # a Reader's dotted prefix → its path of keys and indices

    def record(self, problem: TemplateError) -> None:
        """Keep a problem, once per key: a wrong value need not also be reported by every rule that reads it."""
        if all(p.key != problem.key for p in self.problems):
            self.problems.append(problem)

    @contextmanager
    def recording(self) -> Iterator[None]:
        """Run a block of checks; a problem it raises is recorded and the checks after the block go on."""
        try:
            yield
        except TemplateError as exc:
            self.record(exc)

    def collect(self, load: Callable[[], _T]) -> _T:
        """What load() builds, or TemplateProblems with every problem found, placed and in file order."""
        try:
            with self.recording():
                result = load()
                if not self.problems:
                    return result
        except Exception as exc:
            if type(exc) is TemplateError and exc not in self.problems:
                self.record(exc)  # a check that stops at its problem raises it rather than recording it
            # Going on with stand-in values after a problem may trip a later rule: that is the problem's
            # consequence, already reported. Without one recorded it is a fault of the loader itself.
            if not self.problems:
                raise
        raise TemplateProblems(self.placed(self.problems))

    def placed(self, problems: list[TemplateError]) -> list[TemplateError]:
        for p in problems:
            if p.line is None and self.text:
                p.line, p.column = self.locate(p.key)
        return sorted(problems, key=lambda p: (p.line or 0, p.column or 0))

    def locate(self, key: str) -> tuple[int, int]:
        """Line and column (from 1) where a dotted key such as 'steps[s1].fields[goal].type' was written, or
        where the nearest enclosing table or list was, when the key itself was left out."""
        parts = _KEY_PART.findall(key)
        for k in range(len(parts), -1, -1):
            base = self.places.get(_join(parts[:k]))
            if base is not None:
                path = list(base)
                for part in parts[k:]:
                    name = part[1:-1] if part.startswith("[") else part
                    if part.startswith("[") and not name.isdigit():
                        break
                    path.append(int(name) if part.startswith("[") else name)
                return self.position(tuple(path))
        return (1, 1)

    def position(self, path: Path_) -> tuple[int, int]:
        """Where the value at a path of keys and indices was written, or its nearest enclosing table or list."""
        for end in range(len(path), 0, -1):
            if path[:end] in self.positions:
                return self.positions[path[:end]]
        return (1, 1)

    @cached_property
    def positions(self) -> dict[Path_, tuple[int, int]]:
        from ilp_desktop.model.tomlplaces import key_positions

        return key_positions(self.text)

    def curly_quotes(self) -> list[TemplateError]:
        """Values opened with a curly quote, which TOML's own message calls an 'invalid value'."""
        found = []
        for number, line in enumerate(self.text.splitlines(), 1):
            for m in _CURLY_VALUE.finditer(line):
                found.append(
                    TemplateError(
                        self.file,
                        "(syntax)",
                        f"{m[1]} is a curly quote, as a word processor types it; "
                        "TOML text needs straight quotes: \" or '",
                        number,
                        m.start(1) + 1,
                    )
                )
        return found


def _join(parts: list[str]) -> str:
    return "".join(p if p.startswith("[") or i == 0 else f".{p}" for i, p in enumerate(parts))


def read_toml(path: Path) -> Reader:
    source = Source(str(path))
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise TemplateError(
                str(path), "(file)", f"is larger than {MAX_FILE_BYTES // 1_000_000} MB; no program needs that"
            )
        # Notepad starts a UTF-8 file with a byte order mark; Windows editors end lines with CR LF.
        source.text = path.read_bytes().decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n")
        data = tomllib.loads(source.text)
    except RecursionError:  # tomllib recurses once per nested table or array
        raise TemplateProblems(
            [TemplateError(str(path), "(syntax)", "tables or lists are nested too deeply")]
        ) from None
    except OSError as exc:
        raise TemplateProblems([TemplateError(str(path), "(file)", f"cannot be read: {exc.strerror or exc}")]) from None
    except UnicodeDecodeError as exc:
        raise TemplateProblems(
            [
                TemplateError(
                    str(path),
                    "(file)",
                    "is not UTF-8 text (save it as UTF-8)",
                    exc.object[: exc.start].count(b"\n") + 1,
                )
            ]
        ) from None
    except tomllib.TOMLDecodeError as exc:
        curly = source.curly_quotes()
        place = _SYNTAX_PLACE.search(str(exc))
        at: tuple[int | None, int | None] = (int(place[1]), int(place[2])) if place else (None, None)
        line, column = at
        if any(p.line == line for p in curly):
            raise TemplateProblems(curly) from None  # the curly quotes explain the syntax error
        raise TemplateProblems(
            [*curly, TemplateError(str(path), "(syntax)", _SYNTAX_PLACE.sub("", str(exc)), line, column)]
        ) from None
    except TemplateError as exc:
        raise TemplateProblems([exc]) from None
    return Reader(data, source)


class Reader:
    """A view on one TOML table; every accessor validates, and records a problem naming the key."""

    def __init__(self, data: dict[str, Any], source: Source, prefix: str = "", path: Path_ = (), quiet: bool = False):
        self.data, self.source, self.prefix, self.path = data, source, prefix, path
        # A stand-in for a missing table: its own keys are not reported missing one by one as well.
        self.quiet = quiet
        source.places.setdefault(prefix, path)

    @property
    def file(self) -> str:
        return self.source.file

    def where(self, key: str) -> str:
        return f"{self.prefix}.{key}" if self.prefix else key

    def fail(self, key: str, problem: str) -> TemplateError:
        """Record a problem; returned so that a check which cannot go on may raise it."""
        error = TemplateError(self.file, self.where(key), problem)
        if not self.quiet:
            self.source.record(error)
        return error

    def has(self, key: str) -> bool:
        return key in self.data

    def _get(self, key: str, default: object, types: type | tuple[type, ...], what: str) -> Any:
        value = self.data.get(key, default)
        stand_in = default if default is not _MISSING else _STAND_INS[types if isinstance(types, type) else types[0]]
        if value is _MISSING:
            self.fail(key, "is required but missing")
            return stand_in
        wrong_type = not isinstance(value, types) or (isinstance(value, bool) and types is not bool)
        if value is not default and wrong_type:
            self.fail(key, f"must be {what}, not {type(value).__name__} {value!r:.40}")
            return stand_in
        return value

    @overload
    def text(self, key: str) -> str: ...
    @overload
    def text(self, key: str, default: _T) -> str | _T: ...
    def text(self, key: str, default: object = _MISSING) -> object:
        value = self._get(key, default, str, "text")
        if value is not default and value is not None and not value.strip() and key in self.data:
            self.fail(key, "must not be empty")
        return value

    @overload
    def integer(self, key: str) -> int: ...
    @overload
    def integer(self, key: str, default: _T) -> int | _T: ...
    def integer(self, key: str, default: object = _MISSING) -> object:
        return self._get(key, default, int, "a whole number")

    @overload
    def boolean(self, key: str) -> bool: ...
    @overload
    def boolean(self, key: str, default: _T) -> bool | _T: ...
    def boolean(self, key: str, default: object = _MISSING) -> object:
        return self._get(key, default, bool, "true or false")

    @overload
    def choice(self, key: str, allowed: Iterable[str]) -> str: ...
    @overload
    def choice(self, key: str, allowed: Iterable[str], default: _T) -> str | _T: ...
    def choice(self, key: str, allowed: Iterable[str], default: object = _MISSING) -> object:
        value = self.text(key, default)
        allowed = tuple(allowed)
        if value is not default and value not in allowed:
            if value or key in self.data:
                self.fail(key, f"'{value}' is not one of: {', '.join(allowed)}")
            return default if default is not _MISSING else allowed[0]
        return value

    def text_list(self, key: str, default: list[str] | _Missing = _MISSING, min_count: int = 0) -> list[str]:
        items = self._get(key, default, list, "a list of texts")
        good = []
        for i, item in enumerate(items):
            if not isinstance(item, str) or not item.strip():
                self.fail(f"{key}[{i}]", "must be non-empty text")
            else:
                good.append(item)
        if len(items) < min_count:
            self.fail(key, f"needs at least {min_count} item(s)")
        return good

    def table(self, key: str) -> Reader:
        value = self._get(key, _MISSING, dict, "a table")
        return Reader(
            value,
            self.source,
            self.where(key),
            (*self.path, key),
            quiet=self.quiet or not isinstance(self.data.get(key), dict),
        )

    def table_list(self, key: str, min_count: int = 0) -> list[Reader]:
        items = self._get(key, [], list, "a list of tables")
        readers = []
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                self.fail(f"{key}[{i}]", "must be a table")
                continue
            label = item.get("id", item.get("key", i))
            readers.append(Reader(item, self.source, self.where(f"{key}[{label}]"), (*self.path, key, i), self.quiet))
        if len(readers) < min_count:
            self.fail(key, f"needs at least {min_count} item(s)")
        return readers

    def unique(self, values: list[str], key: str) -> None:
        """No value twice; `key` is 'list.name' (e.g. 'cells.key'), the second use is where it points."""
        seen = set()
        for i, value in enumerate(values):
            if value in seen:
                error = self.fail(key, f"'{value}' is used twice")
                listed, _, name = key.partition(".")
                if "." not in name and self.source.text:  # one list of this table: item i holds it
                    error.line, error.column = self.source.position((*self.path, listed, i, name))
            seen.add(value)

    def unknown_keys(self, allowed: Iterable[str]) -> None:
        """Report misspelt keys: a silently ignored 'requried = true' would hide a rule."""
        allowed = tuple(allowed)
        for extra in sorted(set(self.data) - set(allowed)):
            close = [a for a in allowed if _near(extra, a)]
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            self.fail(extra, f"is not a known key here{hint}")


def _near(typed: str, known: str) -> bool:
    """A slip of one or two letters: 'requried' for 'required', 'lable' for 'label'."""
    from difflib import SequenceMatcher

    return SequenceMatcher(None, typed, known).ratio() >= 0.8
