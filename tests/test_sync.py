"""Plans syncing by themselves through a shared folder: whole plans, signatures, deletions, programs the other
computer lacks, what sync engines do to files, and the command line."""

import datetime as dt
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader
from wizard_driver import TODAY

from ilp_desktop.app import printing, signing
from ilp_desktop.app.clock import Clock
from ilp_desktop.app.exchange import resolve_conflict
from ilp_desktop.app.sync import set_default_folder, set_device_name, share_plan, sync_pass
from ilp_desktop.app.workspace import Workspace
from ilp_desktop.cli import main
from ilp_desktop.model.catalog import load_catalog, shipped_dir
from ilp_desktop.model.outcomes import Measure, Target
from ilp_desktop.storage.sync_folder import APP_FOLDER

PROGRAM = "ilp-conversation-guide"


def device(root: Path, name: str, start: dt.datetime) -> Workspace:
    """A computer with its own data folder and a clock that moves on a minute at every save."""
    ws = Workspace.open(root / name, clock=Clock(TODAY))
    now = [start]

    def tick() -> dt.datetime:
        now[0] += dt.timedelta(minutes=1)
        return now[0]

    ws.store.clock = tick
    set_device_name(ws, f"the {name}'s laptop")
    return ws


@pytest.fixture
def pair(tmp_path):
    shared = tmp_path / "OneDrive" / "ILP"
    shared.mkdir(parents=True)
    coach = device(tmp_path, "coach", dt.datetime(2026, 9, 1, 8, tzinfo=dt.UTC))
    teacher = device(tmp_path, "teacher", dt.datetime(2026, 9, 1, 8, 30, tzinfo=dt.UTC))
    for ws in (coach, teacher):
        set_default_folder(ws, shared)
    yield coach, teacher, shared
    coach.close()
    teacher.close()


def new_plan(ws: Workspace, program: str = PROGRAM) -> int:
    teacher = ws.store.add_person("Nguyễn Thị Minh", "teacher", "Lincoln")
    return ws.store.create_plan(program, teacher, "2026-2027", dt.date(2026, 9, 1), school="Lincoln")


def same_plan(ws: Workspace, other: Workspace, plan_id: int) -> int:
    return other.store.plan_id_for_uid(ws.plan(plan_id).uid)


def test_a_plan_signed_on_one_computer_arrives_signed_and_locked(pair, tmp_path):
    coach, teacher, shared = pair
    plan = new_plan(coach)
    coach.store.save(plan, {"goal": "Read with every student"})
    sync_pass(coach, shared)
    assert sync_pass(teacher, shared).received, "the teacher's laptop says what came in"
    printed = printing.export_pdf(coach, plan, "initial", "letter", tmp_path / "initial.pdf")
    for role, name in (("teacher", "Minh"), ("coach", "Coach"), ("administrator", "Park")):
        signing.record_signature(coach, printed.print_id, role, name, TODAY)
    assert coach.plan(plan).stage == "initial_signed"
    sync_pass(coach, shared)
    report = sync_pass(teacher, shared)
    theirs = same_plan(coach, teacher, plan)
    assert teacher.plan(theirs).stage == "initial_signed"
    assert {s.role for s in teacher.signatures(theirs)} == {"teacher", "coach", "administrator"}
    assert set(signing.locks(teacher, theirs)) >= {"1a", "2"}, "the signed part is locked there too"
    assert "signatures" in report.received[0]
    # Going back, the coach's copy does not gain a second set of the same signatures.
    sync_pass(teacher, shared)
    sync_pass(coach, shared)
    assert len(coach.signatures(plan)) == 3 and len(coach.print_records(plan)) == 1


def test_a_plan_of_a_program_the_other_computer_lacks_opens_and_prints(pair, tmp_path):
    coach, teacher, shared = pair
    district = coach.folder / "forms"
    district.mkdir()
    text = (shipped_dir("forms") / f"{PROGRAM}.toml").read_text(encoding="utf-8")
    (district / "district-pilot.toml").write_text(
        text.replace(f'id = "{PROGRAM}"', 'id = "district-pilot"', 1), encoding="utf-8"
    )
    coach.catalog = load_catalog(coach.folder)
    assert coach.catalog.template("district-pilot") is not None and teacher.catalog.template("district-pilot") is None
    plan = new_plan(coach, "district-pilot")
    coach.store.save(plan, {"goal": "Pilot goal ünïcödé"})
    sync_pass(coach, shared)
    sync_pass(teacher, shared)
    theirs = same_plan(coach, teacher, plan)
    assert teacher.template(teacher.plan(theirs)).id == "district-pilot"
    done = printing.export_pdf(teacher, theirs, "initial", "letter", tmp_path / "pilot.pdf")
    assert "Pilot goal ünïcödé" in " ".join(p.extract_text() for p in PdfReader(done.path).pages)
    # Kept apart from the district's own forms: an installed program of the same id is never replaced.
    assert not (teacher.folder / "forms").exists()


def test_an_installed_program_is_not_replaced_by_a_received_one(pair):
    coach, teacher, shared = pair
    plan = new_plan(coach)
    sync_pass(coach, shared)
    sync_pass(teacher, shared)
    assert not (teacher.folder / "received").exists()
    assert teacher.template(teacher.plan(same_plan(coach, teacher, plan))).path.parent == shipped_dir("forms")


def test_deletions_stick_and_an_edited_copy_is_surfaced(pair):
    coach, teacher, shared = pair
    plan = new_plan(coach)
    kept = coach.store.add_journal_entry(plan, dt.date(2026, 9, 30), "September", "Kept")
    gone = coach.store.add_journal_entry(plan, dt.date(2026, 10, 30), "October", "Deleted on the coach's")
    edited = coach.store.add_journal_entry(plan, dt.date(2026, 11, 30), "November", "Before")
    coach.store.save_measures(plan, "outcome_1", [Measure("S1", "", 1, 2), Measure("S2", "", 3, 4)])
    coach.store.save_target(plan, "outcome_1", Target(80, "gain_points", 1))
    sync_pass(coach, shared)
    sync_pass(teacher, shared)
    theirs = same_plan(coach, teacher, plan)
    stale = next((shared / APP_FOLDER).glob("*/*.ilpbundle")).read_bytes()  # an old copy, arriving late
    # The coach deletes two entries and a row; the teacher meanwhile edits one of those entries.
    coach.store.delete_journal_entry(gone)
    coach.store.delete_journal_entry(edited)
    coach.store.save_measures(plan, "outcome_1", [Measure("S1", "", 1, 2)])
    uid = {e.title: e for e in teacher.store.journal(theirs)}["November"]
    teacher.store.update_journal_entry(uid.id, body="After, on the teacher's laptop")
    for _ in range(2):
        sync_pass(coach, shared)
        sync_pass(teacher, shared)
    late = shared / APP_FOLDER / coach.plan(plan).uid / "stale (conflicted copy 2026-11-01).ilpbundle"
    late.write_bytes(stale)
    for _ in range(2):
        sync_pass(teacher, shared)
        sync_pass(coach, shared)
    for ws, pid in ((coach, plan), (teacher, theirs)):
        titles = {e.title: e.body for e in ws.store.journal(pid)}
        assert titles == {"September": "Kept", "November": "After, on the teacher's laptop"}, ws.folder
        assert [m.student for m in ws.store.measures(pid, "outcome_1")] == ["S1"]
        (conflict,) = ws.conflicts(pid)
        assert conflict.kind == "journal" and conflict.remote == "", "the deletion waits beside the edit"
    assert kept


def test_edits_on_both_sides_end_the_same_everywhere_with_the_other_wording_waiting(pair):
    coach, teacher, shared = pair
    plan = new_plan(coach)
    coach.store.save(plan, {"goal": "Base"})
    sync_pass(coach, shared)
    sync_pass(teacher, shared)
    theirs = same_plan(coach, teacher, plan)
    coach.store.save(plan, {"goal": "Coach's wording"})
    teacher.store.save(theirs, {"goal": "Teacher's wording"})  # half an hour later by her clock
    for _ in range(2):
        sync_pass(coach, shared)
        sync_pass(teacher, shared)
    assert coach.store.values(plan)["goal"] == teacher.store.values(theirs)["goal"] == "Teacher's wording"
    (c,) = coach.conflicts(plan)
    assert (c.local, c.remote, c.local_who, c.remote_who) == (
        "Teacher's wording",
        "Coach's wording",
        "the teacher's laptop",
        "the coach's laptop",
    )
    resolve_conflict(coach, c.id, take_remote=True)
    sync_pass(coach, shared)
    sync_pass(teacher, shared)
    assert teacher.store.values(theirs)["goal"] == "Coach's wording" and teacher.conflicts(theirs) == []


def test_what_sync_engines_do_to_files_is_survived(pair):
    coach, teacher, shared = pair
    plan = new_plan(coach)
    coach.store.save(plan, {"goal": "Whole"})
    sync_pass(coach, shared)
    folder = shared / APP_FOLDER / coach.plan(plan).uid
    (whole,) = folder.glob("*.ilpbundle")
    data = whole.read_bytes()
    whole.write_bytes(data[: len(data) // 2])  # still arriving
    for temporary in (".~sync-temp.ilpbundle.part", "~lock.ilpbundle", f".syncthing.{whole.name}.tmp"):
        (folder / temporary).write_bytes(data[:100])  # how sync engines name what is still arriving
    report = sync_pass(teacher, shared)
    assert report.waiting and teacher.plans() == [], "a half-written file is left for the next pass"
    whole.write_bytes(data)
    # The names Dropbox, Syncthing and OneDrive give a copy they could not reconcile: merged like any other.
    for copy in ("{} (Ana's conflicted copy 2026-11-23)", "{}.sync-conflict-20261123-101010-ABCDEFG", "{}-DESKTOP-7"):
        shutil.copy(whole, folder / f"{copy.format(whole.stem)}.ilpbundle")
    report = sync_pass(teacher, shared)
    assert not report.waiting and len(teacher.plans()) == 1
    assert teacher.store.values(teacher.plans()[0].id)["goal"] == "Whole"
    # The folder vanishes (a USB stick pulled out) and comes back: nothing breaks, nothing is created.
    moved = shared.with_name("away")
    shared.rename(moved)
    gone = sync_pass(teacher, shared)
    assert not gone.available and not shared.exists() and "not available" in gone.lines()[0]
    moved.rename(shared)
    assert sync_pass(teacher, shared).available


def test_a_folder_shared_with_one_teacher_holds_only_her_plans(pair, tmp_path):
    coach, _, shared = pair  # the coach's own folder (her two laptops) holds every plan not shared elsewhere
    one_teacher = tmp_path / "Shared with Minh"
    one_teacher.mkdir()
    hers, other = new_plan(coach), new_plan(coach)
    share_plan(coach, hers, one_teacher)
    sync_pass(coach, one_teacher)
    sync_pass(coach, shared)
    assert {p.name for p in (one_teacher / APP_FOLDER).iterdir()} == {coach.plan(hers).uid}
    assert {p.name for p in (shared / APP_FOLDER).iterdir()} == {coach.plan(other).uid}


def test_an_encrypted_folder(pair):
    coach, teacher, shared = pair
    plan = new_plan(coach)
    coach.store.save(plan, {"goal": "Secret goal"})
    sync_pass(coach, shared)
    (bundle,) = (shared / APP_FOLDER).glob("*/*.ilpbundle")
    assert bundle.read_bytes().startswith(b"PK"), "a zip anyone with the folder can open"
    sync_pass(coach, shared, secret="correct horse battery")  # a passphrase set later: rewritten encrypted
    assert bundle.read_bytes().startswith(b"ILP-DESKTOP-ENCRYPTED")
    assert sync_pass(teacher, shared).needs_passphrase and teacher.plans() == []
    sync_pass(teacher, shared, secret="correct horse battery")
    assert teacher.store.values(teacher.plans()[0].id)["goal"] == "Secret goal"


def test_cli_sync_shares_named_plans_and_says_what_it_did(tmp_path, capsys):
    shared = tmp_path / "Dropbox"
    shared.mkdir()
    coach = device(tmp_path, "coach", dt.datetime(2026, 9, 1, tzinfo=dt.UTC))
    plan = new_plan(coach)
    coach.close()
    assert main(["--data-dir", str(tmp_path / "coach"), "sync", str(shared), "--plan", str(plan)]) == 0
    assert "wrote plan" in capsys.readouterr().out
    assert main(["--data-dir", str(tmp_path / "teacher"), "sync", str(shared)]) == 0
    assert "received" in capsys.readouterr().out
    assert main(["--data-dir", str(tmp_path / "teacher"), "sync", str(shared)]) == 0
    assert capsys.readouterr().out.strip() == "nothing new"
    assert main(["--data-dir", str(tmp_path / "teacher"), "sync", str(tmp_path / "unplugged")]) == 1
    assert main(["--data-dir", str(tmp_path / "coach"), "sync", str(shared), "--plan", "999"]) == 1
