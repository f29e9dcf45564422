"""Typed reading of TOML tables that reports the file and dotted key of any problem.

Templates and resources are written by hand by districts; a mistake must come
back as "file: key: what is wrong", never as a KeyError traceback.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from enum import Enum
from pathlib import Path
from typing import Any, Final, TypeVar, overload

from ilp_desktop.model.errors import TemplateError

_T = TypeVar("_T")


class _Missing(Enum):
    """The default of a required key: None, "" and [] are defaults in their own right."""

    TOKEN = 0


_MISSING: Final = _Missing.TOKEN


MAX_FILE_BYTES = 2_000_000  # the largest shipped template is about 60 kB


def read_toml(path: Path) -> Reader:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise TemplateError(
                str(path), "(file)", f"is larger than {MAX_FILE_BYTES // 1_000_000} MB; no program needs that"
            )
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except RecursionError:  # tomllib recurses once per nested table or array
        raise TemplateError(str(path), "(syntax)", "tables or lists are nested too deeply") from None
    except OSError as exc:
        raise TemplateError(str(path), "(file)", f"cannot be read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise TemplateError(str(path), "(file)", "is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(str(path), "(syntax)", str(exc)) from None
    return Reader(data, str(path), "")


class Reader:
    """A view on one TOML table; every accessor validates and names the key on failure."""

    def __init__(self, data: dict[str, Any], file: str, prefix: str):
        self.data, self.file, self.prefix = data, file, prefix

    def where(self, key: str) -> str:
        return f"{self.prefix}.{key}" if self.prefix else key

    def fail(self, key: str, problem: str) -> TemplateError:
        return TemplateError(self.file, self.where(key), problem)

    def has(self, key: str) -> bool:
        return key in self.data

    def _get(self, key: str, default: object, types: type | tuple[type, ...], what: str) -> Any:
        value = self.data.get(key, default)
        if value is _MISSING:
            raise self.fail(key, "is required but missing")
        wrong_type = not isinstance(value, types) or (isinstance(value, bool) and types is not bool)
        if value is not default and wrong_type:
            raise self.fail(key, f"must be {what}, not {type(value).__name__} {value!r:.40}")
        return value

    @overload
    def text(self, key: str) -> str: ...
    @overload
    def text(self, key: str, default: _T) -> str | _T: ...
    def text(self, key: str, default: object = _MISSING) -> object:
        value = self._get(key, default, str, "text")
        if value is not default and not value.strip():
            raise self.fail(key, "must not be empty")
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
            raise self.fail(key, f"'{value}' is not one of: {', '.join(allowed)}")
        return value

    def text_list(self, key: str, default: list[str] | _Missing = _MISSING, min_count: int = 0) -> list[str]:
        items = self._get(key, default, list, "a list of texts")
        for i, item in enumerate(items):
            if not isinstance(item, str) or not item.strip():
                raise self.fail(f"{key}[{i}]", "must be non-empty text")
        if len(items) < min_count:
            raise self.fail(key, f"needs at least {min_count} item(s)")
        return list(items)

    def table(self, key: str) -> Reader:
        return Reader(self._get(key, _MISSING, dict, "a table"), self.file, self.where(key))

    def table_list(self, key: str, min_count: int = 0) -> list[Reader]:
        items = self._get(key, [], list, "a list of tables")
        readers = []
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                raise self.fail(f"{key}[{i}]", "must be a table")
            label = item.get("id", item.get("key", i))
            readers.append(Reader(item, self.file, self.where(f"{key}[{label}]")))
        if len(readers) < min_count:
            raise self.fail(key, f"needs at least {min_count} item(s)")
        return readers

    def unique(self, values: list[str], key: str) -> None:
        seen = set()
        for value in values:
            if value in seen:
                raise self.fail(key, f"'{value}' is used twice")
            seen.add(value)

    def unknown_keys(self, allowed: Iterable[str]) -> None:
        """Reject misspelt keys: a silently ignored 'requried = true' would hide a rule."""
        extra = sorted(set(self.data) - set(allowed))
        if extra:
            raise self.fail(extra[0], "is not a known key here")
