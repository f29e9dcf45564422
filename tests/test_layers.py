"""Imports only point down (ARCHITECTURE.md): the windows never reach the data file except through app/."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "ilp_desktop"


def imported(folder: str) -> dict[str, set[str]]:
    """Module file → every module it imports (absolute names, relative ones resolved)."""
    found = {}
    for path in (PACKAGE / folder).rglob("*.py"):
        names = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom):
                base = f"ilp_desktop.{folder}" if node.level == 1 else "ilp_desktop" if node.level == 2 else ""
                names.add(".".join(p for p in (base, node.module or "") if p))
        found[str(path.relative_to(PACKAGE))] = names
    return found


def offenders(folder: str, *forbidden: str) -> list[str]:
    return sorted(
        f"{module} imports {name}"
        for module, names in imported(folder).items()
        for name in names
        if any(name == f or name.startswith(f + ".") for f in forbidden)
    )


def test_the_windows_never_import_storage():
    assert offenders("ui", "ilp_desktop.storage") == []


def test_use_cases_model_and_printing_have_no_qt():
    for folder in ("app", "model", "export", "storage"):
        assert offenders(folder, "PySide6", "shiboken6") == [], folder


def test_the_model_has_no_sql_and_knows_no_upper_layer():
    assert (
        offenders("model", "sqlite3", "sqlite_utils", "ilp_desktop.storage", "ilp_desktop.app", "ilp_desktop.ui") == []
    )


def test_storage_and_printing_know_nothing_of_the_layers_above():
    assert offenders("storage", "ilp_desktop.app", "ilp_desktop.ui", "ilp_desktop.export") == []
    # export/ sits beside app/: it may write files through storage/, never call use cases or windows.
    assert offenders("export", "ilp_desktop.app", "ilp_desktop.ui") == []
