"""The README's Quick start is the contract with a new user; CI must run what it says."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci_command = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    assert ci_command.startswith("python3 -m venv .venv")
    assert f"\n{ci_command}\n" in readme


def test_every_subpackage_is_installed():
    """A non-editable install (the README's first command) ships only the packages pyproject lists."""
    import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    present = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "ilp_desktop").rglob("__init__.py")}
    assert present <= listed
