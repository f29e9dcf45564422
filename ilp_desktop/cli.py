"""`ilp-desktop`: the app by default, sub-commands for headless work (DESIGN.md, "Command line").

Every user error ends as one line on stderr and a non-zero exit code.

Each command imports what it uses when it runs: a command's process pays only for its own modules (`export`
loads neither Qt nor the exchange, sync or checking code; tests/test_cli_imports.py keeps it so).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

from ilp_desktop import __version__
from ilp_desktop.model.errors import UserError

if TYPE_CHECKING:
    from ilp_desktop.app.workspace import Workspace
    from ilp_desktop.model.catalog import Catalog

PASSWORD_ENV = "ILP_DESKTOP_BUNDLE_PASSWORD"
SYNC_PASSPHRASE_ENV = "ILP_DESKTOP_SYNC_PASSPHRASE"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ilp-desktop", description="Individual Learning Plans, offline.")
    parser.add_argument("--version", action="version", version=f"ilp-desktop {__version__}")
    parser.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        help="data folder to use (default: your user data folder; also ILP_DESKTOP_DATA_DIR)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("demo", help="fill the data folder with realistic sample plans")
    plans = sub.add_parser("plans", help="list plans (id, teacher, program, status, next due)")
    plans.add_argument("--json", action="store_true", help="print JSON instead of a table")
    export = sub.add_parser("export", help="export a plan as a printable PDF or an exchange bundle")
    export.add_argument("plan", help="plan id (see `ilp-desktop plans`), or `all` with --pdf naming a folder")
    target = export.add_mutually_exclusive_group(required=True)
    target.add_argument("--pdf", type=Path, metavar="FILE")
    target.add_argument("--bundle", type=Path, metavar="FILE")
    # Parts come from the program's template (initial, final, … plus each one's blank form and the journal).
    export.add_argument(
        "--part",
        help="a part of the plan's program (initial, final, …), a part's blank form (blank:initial, …; blank: the "
        "last part's) or journal (default: the program's first part)",
    )
    export.add_argument("--paper", default="letter", choices=("letter", "a4"))
    export.add_argument(
        "--protect",
        action="store_true",
        help=f"protect the bundle with a password (asked for, or taken from {PASSWORD_ENV})",
    )
    imp = sub.add_parser("import", help="merge an exchange file into the data folder")
    imp.add_argument("file", type=Path)
    imp.epilog = f"A password-protected file asks for its password (or takes it from {PASSWORD_ENV})."
    sync = sub.add_parser(
        "sync",
        help="one pass over a sync folder: share plans there, merge what other computers wrote, write what changed",
    )
    sync.add_argument("folder", type=Path, metavar="FOLDER", help="a folder your sync engine keeps in step")
    sync.add_argument(
        "--plan", action="append", default=[], metavar="ID", help="share this plan there too (repeatable)"
    )
    sync.epilog = (
        f"Encrypted folders take their shared passphrase from {SYNC_PASSPHRASE_ENV}, else from this computer's "
        "keyring (set in the app's Settings)."
    )
    templates = sub.add_parser(
        "templates", help="list installed programs and their problems, validate or preview a program file"
    )
    chosen = templates.add_mutually_exclusive_group()
    chosen.add_argument("--validate", type=Path, metavar="FILE", help="check one template or resource file")
    chosen.add_argument(
        "--preview",
        type=Path,
        metavar="FILE",
        help="print a program file's blank form of every part and a sample-filled plan into --pdf OUT, "
        "without touching the data folder",
    )
    templates.add_argument("--pdf", type=Path, metavar="OUT", help="the preview's PDF")
    templates.add_argument("--paper", default="letter", choices=("letter", "a4"))
    sub.add_parser("check", help="integrity check of the data file and its backups")
    report = sub.add_parser("report", help="program reports built from many coaches' plans (read-only)")
    report.add_argument("kind", choices=("ctc",), help="ctc: the CTC evidence table (enrolment, match, goals, hours)")
    report.add_argument(
        "sources", nargs="+", type=Path, metavar="SOURCE", help="data folders, folders of bundles, sync folders"
    )
    output = report.add_mutually_exclusive_group(required=True)
    output.add_argument("--csv", type=Path, metavar="FILE")
    output.add_argument("--xlsx", type=Path, metavar="FILE")
    output.add_argument("--pdf", type=Path, metavar="FILE", help="the printable summary")
    return parser


def main(argv: list[str] | None = None) -> int:
    from ilp_desktop.storage.location import default_data_dir

    args = build_parser().parse_args(argv)
    folder = args.data_dir or default_data_dir()
    try:
        if args.command is None:
            from ilp_desktop.ui.app import run  # Qt is loaded only when the window is wanted

            return run(folder)
        return COMMANDS[args.command](args, folder)
    except UserError as exc:
        for line in str(exc).splitlines():  # a broken program file: every problem, one per line
            print(f"ilp-desktop: error: {line}", file=sys.stderr)
        return 1


def _catalog(folder: Path) -> Catalog:
    from ilp_desktop.model.catalog import load_catalog

    catalog = load_catalog(folder if folder.is_dir() else None)
    _warn(catalog)
    return catalog


def _warn(catalog: Catalog) -> None:
    for problem in catalog.problems:
        print(f"ilp-desktop: warning: {problem} (left out)", file=sys.stderr)


@contextmanager
def _workspace(folder: Path, read_only: bool = False) -> Iterator[Workspace]:
    """The data folder's workspace; a command that writes holds the folder's lock (the window's too)."""
    from ilp_desktop.app.data import writing_to
    from ilp_desktop.app.workspace import Workspace

    with nullcontext() if read_only else writing_to(folder):
        ws = Workspace.open(folder, read_only=read_only)
        try:
            _warn(ws.catalog)
            yield ws
        finally:
            ws.close()


def cmd_demo(args: argparse.Namespace, folder: Path) -> int:
    from ilp_desktop.app.data import load_samples

    with _workspace(folder) as ws:
        added = load_samples(ws)
        total = len(ws.plans())
    print(
        f"added {added} sample plans to {folder} ({total} plans in all)"
        if added
        else f"the sample plans are already in {folder} ({total} plans in all)"
    )
    return 0


def cmd_plans(args: argparse.Namespace, folder: Path) -> int:
    import json

    from ilp_desktop.app.data import has_data_file
    from ilp_desktop.app.overview import plan_rows

    if has_data_file(folder):
        with _workspace(folder, read_only=True) as ws:
            rows = [row.as_json() for row in plan_rows(ws)]
    else:
        _catalog(folder)
        rows = []
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("no plans yet: create one in the app, or run `ilp-desktop demo` for sample plans")
        return 0
    print(f"{'id':>4}  {'teacher':<26} {'program':<26} {'status':<32} next due")
    for r in rows:
        due = (
            f"needs attention: {'; '.join(r['problems'])}"
            if r["problems"]
            else f"{r['next_due']['date']} {r['next_due']['title']} ({r['next_due']['text']})"
            if r["next_due"]
            else "–"
        )
        print(f"{r['id']:>4}  {_fit(r['teacher'], 26)} {_fit(r['program_title'], 26)} {r['status_label']:<32} {due}")
    return 0


def _fit(text: str, width: int) -> str:
    return text.ljust(width) if len(text) <= width else text[: width - 1] + "…"


def cmd_templates(args: argparse.Namespace, folder: Path) -> int:
    from ilp_desktop.model.catalog import load_catalog, validate_file

    if args.preview is not None:
        from ilp_desktop.app.preview import preview_parts, write_preview

        if args.pdf is None:
            raise UserError("--preview needs --pdf OUT: the file the preview is written to")
        t = write_preview(args.preview, load_catalog(folder if folder.is_dir() else None), args.pdf, args.paper)
        print(f"{args.pdf}: {t.title}, version {t.version}: {', '.join(preview_parts(t))}")
        return 0
    catalog = load_catalog(folder if folder.is_dir() else None)
    if args.validate:
        print(validate_file(args.validate, catalog))
        return 0
    for f in catalog.files:
        state = f"version {f.template.version}, {len(f.template.steps)} steps" if f.template else "LEFT OUT"
        print(f"{f.program_id:<30} {state:<22} {f.path}")
    for problem in catalog.problems:
        print(f"  problem: {problem}")
    for warning in _unprinted(folder):
        print(f"  warning: {warning}")
    return 1 if catalog.problems else 0


def _unprinted(folder: Path) -> list[str]:
    """Answers the installed programs would leave unprinted, if the folder holds a data file."""
    from ilp_desktop.app.data import has_data_file
    from ilp_desktop.app.programs import unprinted_answers

    if not has_data_file(folder):
        return []
    with _workspace(folder, read_only=True) as ws:
        return unprinted_answers(ws)


def cmd_check(args: argparse.Namespace, folder: Path) -> int:
    from ilp_desktop.app.data import check_files

    results = check_files(folder)
    for path, state, detail in results:
        print(f"{state:<7} {path}" + (f": {detail}" if detail else ""))
    return 1 if any(state == "DAMAGED" for _, state, _ in results) else 0


def cmd_export(args: argparse.Namespace, folder: Path) -> int:
    from ilp_desktop.app.printing import BatchExport, describe_missing, export_pdf

    with _workspace(folder) as ws:
        if args.bundle is not None:
            from ilp_desktop.app.exchange import send_plan

            password = _password("Password for the plan file: ", confirm=True) if args.protect else None
            print(send_plan(ws, args.plan, args.bundle, password))
            return 0
        if args.plan != "all":
            done = export_pdf(ws, args.plan, args.part, args.paper, args.pdf)
            print(f"{done.path}  fingerprint {done.fingerprint}")
            if done.missing:
                print(f"ilp-desktop: warning: {describe_missing(done.missing)}", file=sys.stderr)
            return 0
        args.pdf.mkdir(parents=True, exist_ok=True)
        failed = 0
        for step in BatchExport(ws, args.pdf, args.part, args.paper):
            if step.problem:
                failed += 1
                print(f"ilp-desktop: error: {step.problem}", file=sys.stderr)
            else:
                print(f"{step.written}  fingerprint {step.fingerprint}")
                if step.missing:
                    print(
                        f"ilp-desktop: warning: {step.plan.teacher_name}: {describe_missing(step.missing)}",
                        file=sys.stderr,
                    )
    return 1 if failed else 0


def _password(prompt: str, confirm: bool = False) -> str:
    """From the environment (scripts), else typed without echo (twice for a new one); never a command-line
    argument."""
    import getpass

    password = os.environ.get(PASSWORD_ENV)
    if not password and sys.stdin.isatty():
        password = getpass.getpass(prompt)
        if confirm and password and getpass.getpass("Type it again: ") != password:
            raise UserError("the two passwords differ; nothing was written")
    if not password:
        raise UserError(f"a password is needed: type it when asked, or set {PASSWORD_ENV}")
    return password


def cmd_import(args: argparse.Namespace, folder: Path) -> int:
    from ilp_desktop.app.exchange import PasswordNeeded, receive_plan

    with _workspace(folder) as ws:
        try:
            report = receive_plan(ws, args.file)
        except PasswordNeeded:
            report = receive_plan(ws, args.file, _password(f"Password for {args.file.name}: "))
    print(report.describe())
    return 0


def cmd_report(args: argparse.Namespace, folder: Path) -> int:
    import datetime as dt

    from ilp_desktop.app.rollup import Rollup
    from ilp_desktop.export.ctc_report import write_csv, write_summary_pdf, write_xlsx
    from ilp_desktop.model.district_calendar import load_district_calendar

    today = dt.date.today()
    catalog = _catalog(folder)
    rollup = Rollup(catalog, list(args.sources), today, load_district_calendar(folder, catalog.templates).breaks)
    rows = rollup.refresh()
    for problem in rollup.problems:
        print(f"ilp-desktop: warning: {problem} (left out)", file=sys.stderr)
    if args.csv:
        written = write_csv(rows, args.csv)
    elif args.xlsx:
        written = write_xlsx(rows, args.xlsx)
    else:
        written = write_summary_pdf(rows, args.pdf, today, ", ".join(str(s) for s in args.sources))
    print(f"{written}: {len(rows)} plans")
    return 0


def cmd_sync(args: argparse.Namespace, folder: Path) -> int:
    from ilp_desktop.app.sync import passphrase, sync_pass

    with _workspace(folder) as ws:
        plan_ids = tuple(ws.plan(p).id for p in args.plan)  # an unknown id is refused before anything is done
        secret = os.environ.get(SYNC_PASSPHRASE_ENV) or passphrase(args.folder)
        report = sync_pass(ws, args.folder.expanduser().resolve(), plan_ids, secret)
    for line in report.lines():
        print(line)
    return 0 if report.available else 1


COMMANDS: dict[str, Callable[[argparse.Namespace, Path], int]] = {
    "demo": cmd_demo,
    "plans": cmd_plans,
    "templates": cmd_templates,
    "check": cmd_check,
    "export": cmd_export,
    "import": cmd_import,
    "report": cmd_report,
    "sync": cmd_sync,
}
