"""The command-line contract of DESIGN.md, including every user-error path."""

import json
import subprocess
import sys

import pytest

from ilp_desktop import __version__
from ilp_desktop.app.data import LOCK_FILE
from ilp_desktop.cli import main
from ilp_desktop.storage.location import DATA_FILE


def run(*args, env=None):
    """The installed entry point, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "ilp_desktop", *args], capture_output=True, text=True, env=env, timeout=120
    )


def test_version():
    result = run("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"ilp-desktop {__version__}"


def test_demo_then_plans_json_lists_at_least_twelve_plans(data_dir):
    assert run("--data-dir", str(data_dir), "demo").returncode == 0
    result = run("--data-dir", str(data_dir), "plans", "--json")
    assert result.returncode == 0, result.stderr
    plans = json.loads(result.stdout)
    assert len(plans) >= 12
    assert {p["status"] for p in plans} >= {"drafting", "initial_ready", "final_drafting", "final_signed"}
    assert {p["phase"] for p in plans} == {"drafting", "ready", "in_progress", "complete"}, "shared by every program"
    assert "Zoë O'Brien-Łukasiewicz" in {p["teacher"] for p in plans}
    assert all(p["next_due"] is None or p["next_due"]["date"] for p in plans)
    # A second demo adds nothing twice.
    assert main(["--data-dir", str(data_dir), "demo"]) == 0
    assert len(json.loads(run("--data-dir", str(data_dir), "plans", "--json").stdout)) == len(plans)


def test_data_dir_from_the_environment(data_dir, monkeypatch, capsys):
    monkeypatch.setenv("ILP_DESKTOP_DATA_DIR", str(data_dir))
    assert main(["demo"]) == 0
    assert (data_dir / DATA_FILE).exists()


def test_plans_table_and_empty_folder(data_dir, capsys):
    assert main(["--data-dir", str(data_dir), "plans"]) == 0
    assert "no plans yet" in capsys.readouterr().out
    assert not data_dir.exists(), "listing plans creates nothing"


def test_templates_lists_the_guide(capsys, data_dir):
    assert main(["--data-dir", str(data_dir), "templates"]) == 0
    assert "ilp-conversation-guide" in capsys.readouterr().out


def test_validate_broken_template_names_the_key(tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text('format = 1\n[program]\nid = "x"\ntitle = "X"\naudience = "student"\n', encoding="utf-8")
    result = run("--data-dir", str(tmp_path / "d"), "templates", "--validate", str(broken))
    assert result.returncode != 0
    lines = result.stderr.splitlines()
    assert all(line.startswith("ilp-desktop: error: ") for line in lines) and "Traceback" not in result.stderr
    assert (
        "broken.toml, line 5, column 1: program.audience: 'student' is not one of: teacher, administrator" in lines[-1]
    )


def test_validate_good_file(tmp_path, capsys):
    from ilp_desktop.model.catalog import shipped_dir

    assert main(["templates", "--validate", str(shipped_dir("forms") / "ilp-conversation-guide.toml")]) == 0
    assert ": ok (program 'ilp-conversation-guide'" in capsys.readouterr().out


def one_error_line(capsys) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("ilp-desktop: error: "), err
    return err


def test_unknown_plan_id(data_dir, capsys):
    main(["--data-dir", str(data_dir), "demo"])
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "export", "999", "--pdf", str(data_dir / "x.pdf")]) == 1
    assert "no plan with id 999" in one_error_line(capsys)


def test_non_sqlite_data_file_is_reported_and_left_alone(data_dir, capsys):
    data_dir.mkdir()
    (data_dir / DATA_FILE).write_text("my shopping list", encoding="utf-8")
    for command in (["plans"], ["demo"], ["check"]):
        assert main(["--data-dir", str(data_dir), *command]) == 1
        out, err = capsys.readouterr()
        assert "not an ILP Desktop data file" in (out if command == ["check"] else err)
    assert (data_dir / DATA_FILE).read_text(encoding="utf-8") == "my shopping list"
    # Nothing was created beside it but the one-writer lock the writing command held.
    assert sorted(p.name for p in data_dir.iterdir()) == sorted([DATA_FILE, LOCK_FILE])


@pytest.mark.parametrize("where", ["file", "below a file"])
def test_unwritable_data_folder(tmp_path, capsys, where):
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    folder = blocker if where == "file" else blocker / "data"
    assert main(["--data-dir", str(folder), "demo"]) == 1
    assert str(folder) in one_error_line(capsys)
    assert blocker.read_text() == "x"


def test_check_reports_a_healthy_file(data_dir, capsys):
    main(["--data-dir", str(data_dir), "demo"])
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "check"]) == 0
    assert capsys.readouterr().out.startswith("ok ")


def test_check_without_data(data_dir, capsys):
    assert main(["--data-dir", str(data_dir), "check"]) == 1
    assert "there is no data file" in one_error_line(capsys)


def test_a_writing_command_waits_its_turn_while_the_window_has_the_folder(data_dir, tmp_path, capsys):
    from ilp_desktop.app.data import lock_folder

    assert main(["--data-dir", str(data_dir), "demo"]) == 0
    assert main(["--data-dir", str(data_dir), "export", "1", "--bundle", str(tmp_path / "p.ilpbundle")]) == 0
    capsys.readouterr()
    window = lock_folder(data_dir)  # what the open window holds
    assert window is not None
    before = (data_dir / DATA_FILE).read_bytes()
    for command in (
        ["demo"],
        ["import", str(tmp_path / "p.ilpbundle")],
        ["export", "1", "--pdf", str(tmp_path / "a.pdf")],
    ):
        assert main(["--data-dir", str(data_dir), *command]) == 1
        assert "ILP Desktop is open on" in one_error_line(capsys)
    assert main(["--data-dir", str(data_dir), "plans"]) == 0, "reading needs no turn"
    assert (data_dir / DATA_FILE).read_bytes() == before
    window.release()
    assert main(["--data-dir", str(data_dir), "import", str(tmp_path / "p.ilpbundle")]) == 0
