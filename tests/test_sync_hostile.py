"""A hostile look at sync: folders that cannot be written, files from other plans, a computer's own file
written by someone else, a data file the leader cannot open."""

import datetime as dt
import errno
import json
import zipfile
from pathlib import Path

import test_sync
from test_sync import new_plan, same_plan
from wizard_driver import TODAY

from ilp_desktop.app import program_year
from ilp_desktop.app.rollup import Rollup
from ilp_desktop.app.sync import sync_everywhere, sync_pass
from ilp_desktop.model.program_year import LogEntry
from ilp_desktop.storage import sync_folder
from ilp_desktop.storage.exchange import export_bundle
from ilp_desktop.storage.location import DATA_FILE
from ilp_desktop.storage.sync_folder import APP_FOLDER

pair = test_sync.pair  # the coach's and the teacher's laptops over one folder


def log(ws, plan_id: int, minutes: int, notes: str) -> int:
    entry = LogEntry(0, plan_id, "", TODAY, minutes, "meeting", "", notes, False, "")
    return program_year.add_log_entry(ws, plan_id, entry)


def rewrite(bundle: Path, change) -> None:
    """Change plan.json inside a bundle and list its new checksum, as a crafted file would."""
    with zipfile.ZipFile(bundle) as z:
        members = {n: z.read(n) for n in z.namelist()}
    doc = json.loads(members["plan.json"])
    change(doc)
    members["plan.json"] = json.dumps(doc).encode("utf-8")
    manifest = json.loads(members["manifest.json"])
    import hashlib

    manifest["files"]["plan.json"] = hashlib.sha256(members["plan.json"]).hexdigest()
    members["manifest.json"] = json.dumps(manifest).encode("utf-8")
    with zipfile.ZipFile(bundle, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)


def test_a_folder_that_cannot_be_written_is_said_and_nothing_breaks(pair, monkeypatch):
    coach, _, shared = pair
    plan = new_plan(coach)
    coach.store.save(plan, {"goal": "Kept here"})
    real_mkdir = Path.mkdir

    def read_only(self, *args, **kwargs):
        if APP_FOLDER in self.parts:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", read_only)
    (report,) = sync_everywhere(coach)
    assert report.waiting and "Permission denied" in " ".join(report.waiting)
    assert report.written == []
    monkeypatch.undo()
    assert sync_pass(coach, shared).written, "written once the folder can be written again"


def test_a_full_disk_leaves_the_plan_to_be_written_next_pass(pair, monkeypatch):
    coach, _, shared = pair
    new_plan(coach)

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(sync_folder.Path, "mkdir", full)
    report = sync_pass(coach, shared)
    assert report.waiting and not report.written
    monkeypatch.undo()
    assert sync_pass(coach, shared).written


def test_a_log_entry_of_another_plan_is_never_overwritten_by_a_bundle(pair, tmp_path):
    coach = pair[0]
    hers, other = new_plan(coach), new_plan(coach)
    kept = log(coach, other, 45, "The other teacher's conference")
    log(coach, hers, 30, "Hers")
    uid = next(e.uid for e in coach.store.log_entries(other) if e.id == kept)
    bundle = export_bundle(coach.store, hers, tmp_path / "hers.ilpbundle")

    def steal(doc):  # a crafted (or carelessly copied) entry claims the other plan's log entry's uid
        doc["log"][0]["uid"] = uid
        doc["log"][0]["notes"] = "overwritten"
        doc["log"][0]["updated_at"] = "2099-01-01T00:00:00+00:00"

    rewrite(bundle, steal)
    from ilp_desktop.storage.exchange import import_bundle

    import_bundle(coach.store, bundle)
    (entry,) = coach.store.log_entries(other)
    assert entry.notes == "The other teacher's conference" and entry.minutes == 45
    assert [e.notes for e in coach.store.log_entries(hers)] == ["Hers"]


def test_a_computer_own_file_written_by_another_is_merged_before_it_is_replaced(pair):
    """A data folder copied onto a second laptop (a restored backup) keeps the first one's computer id: both
    write the same file name. What the other wrote there is merged, never silently replaced."""
    coach, teacher, shared = pair
    plan = new_plan(coach)
    coach.store.save(plan, {"goal": "First"})
    sync_pass(coach, shared)
    sync_pass(teacher, shared)
    theirs = same_plan(coach, teacher, plan)
    coach_id = coach.store.db.execute("SELECT value FROM sync_settings WHERE key = 'device_id'").fetchone()[0]
    teacher.store.db.execute("UPDATE sync_settings SET value = ? WHERE key = 'device_id'", [coach_id])
    teacher.store.save(theirs, {"goal": "The teacher's words", "cell2": "More"})
    sync_pass(teacher, shared)  # writes the coach's file name
    sync_pass(coach, shared)
    assert coach.store.values(plan)["goal"] == "The teacher's words"
    # One of the two takes a new id: from then on each writes its own file, and a pass with nothing new
    # writes nothing (the two no longer take turns rewriting one file, which a sync engine would upload each time).
    for _ in range(2):
        sync_pass(teacher, shared)
        sync_pass(coach, shared)
    assert not sync_pass(teacher, shared).written and not sync_pass(coach, shared).written
    ids = [
        ws.store.db.execute("SELECT value FROM sync_settings WHERE key = 'device_id'").fetchone()[0] for ws in pair[:2]
    ]
    assert ids[0] != ids[1] and coach_id in ids, "the first to see the other's file under its own id took a new one"
    assert teacher.store.values(theirs) == coach.store.values(plan)


def test_a_broken_data_file_among_the_leaders_sources_is_a_problem_not_a_crash(pair, tmp_path):
    coach, _, _ = pair
    broken = tmp_path / "broken data"
    broken.mkdir()
    (broken / DATA_FILE).write_bytes(b"this is not a database" * 100)
    rollup = Rollup(coach.catalog, [broken], dt.date(2026, 10, 1))
    assert rollup.refresh() == []
    assert rollup.problems and "broken data" in rollup.problems[0]


def test_a_crafted_conflict_is_refused_with_its_bundle_not_a_crash(pair, tmp_path):
    import pytest

    from ilp_desktop.model.errors import UserError
    from ilp_desktop.storage.exchange import import_bundle

    coach, teacher, _ = pair
    plan = new_plan(coach)
    base = {"local_who": "x", "local_at": "", "remote_who": "y", "remote_at": "", "resolved": False}
    for bad in (
        {"kind": "measure", "key": "not a row", "local": "{}", "remote": ""},
        {"kind": "target", "key": "[]", "local": "{}", "remote": ""},
        {"kind": "journal", "key": "not-a-uid", "local": '{"title": 1}', "remote": ""},
        {"kind": "journal", "key": "6f1c3e1e-8d3c-4a55-9d2e-1d5b2f0e9a11", "local": '{"rm -rf": 1}', "remote": ""},
    ):
        bundle = export_bundle(coach.store, plan, tmp_path / "crafted.ilpbundle")
        rewrite(bundle, lambda doc, bad=bad: doc["conflicts"].append(base | bad))
        with pytest.raises(UserError, match="cannot be read"):
            import_bundle(teacher.store, bundle)
        assert teacher.plans() == [], "a refused file changes nothing"


def test_a_log_entry_listed_twice_in_a_bundle_is_one_entry(pair, tmp_path):
    from ilp_desktop.storage.exchange import import_bundle

    coach, teacher, _ = pair
    plan = new_plan(coach)
    log(coach, plan, 30, "Once")
    bundle = export_bundle(coach.store, plan, tmp_path / "twice.ilpbundle")
    rewrite(bundle, lambda doc: doc["log"].append(dict(doc["log"][0])))
    report = import_bundle(teacher.store, bundle)
    assert report.log_added == 1 and [e.notes for e in teacher.store.log_entries()] == ["Once"]


def test_a_bundle_filed_under_another_plans_folder_is_left_alone(pair):
    coach, teacher, shared = pair
    hers, other = new_plan(coach), new_plan(coach)
    coach.store.save(other, {"goal": "The other plan"})
    sync_pass(coach, shared)
    sync_pass(teacher, shared)
    source = next((shared / APP_FOLDER / coach.plan(other).uid).glob("*.ilpbundle"))
    misfiled = shared / APP_FOLDER / coach.plan(hers).uid / "copied here.ilpbundle"
    misfiled.write_bytes(source.read_bytes())
    report = sync_pass(teacher, shared)
    assert any("another plan" in w for w in report.waiting), report.waiting


def test_a_plan_shared_through_one_folder_takes_no_changes_from_another(pair, tmp_path):
    """A plan shared with one teacher through her own folder: a bundle of it dropped into a folder shared with
    other people (who could have edited it there) is not merged, and the reason says how to take it."""
    coach, teacher, shared = pair
    hers = tmp_path / "Shared with Minh"
    hers.mkdir()
    plan = new_plan(coach)
    coach.store.save(plan, {"goal": "Her own goal"})
    test_sync.share_plan(coach, plan, hers)
    sync_pass(coach, hers)
    test_sync.set_default_folder(teacher, hers)  # her laptop shares her plans through her folder
    sync_pass(teacher, hers)
    theirs = same_plan(coach, teacher, plan)
    teacher.store.save(theirs, {"goal": "Changed by someone in the other folder"})
    test_sync.set_default_folder(teacher, shared)
    test_sync.share_plan(teacher, theirs, shared)
    sync_pass(teacher, shared)  # the plan's bundle now sits in the folder everyone shares
    report = sync_pass(coach, shared)
    assert coach.store.values(plan)["goal"] == "Her own goal"
    assert any("not shared through this folder" in w for w in report.waiting), report.waiting
    test_sync.share_plan(coach, plan, shared)  # shared there on purpose: its changes are taken
    sync_pass(coach, shared)
    assert coach.store.values(plan)["goal"] == "Changed by someone in the other folder"


def test_the_status_line_says_the_day_of_a_sync_that_was_not_today():
    from ilp_desktop.ui.sync_status import synced_at

    paris = dt.timezone(dt.timedelta(hours=1))
    now = dt.datetime(2026, 11, 23, 9, 0, tzinfo=paris)
    assert synced_at("2026-11-23T07:42:00+00:00", now) == "Synced 08:42"
    assert synced_at("2026-11-20T07:42:00+00:00", now) == "Synced 2026-11-20 08:42"
    assert synced_at("2026-11-22T23:30:00+00:00", now) == "Synced 00:30", "today in this computer's zone"


def test_an_attachment_added_on_one_side_of_a_journal_conflict_is_never_lost(pair, tmp_path):
    """The coach attaches a photo to a journal entry while the teacher rewrites it: the teacher's later wording
    wins and the coach's waits as a conflict, and the photo stays attached on both laptops whichever wording
    is chosen (attachments add up, they never conflict)."""
    from ilp_desktop.app.exchange import resolve_conflict

    coach, teacher, shared = pair
    plan = new_plan(coach)
    entry = coach.store.add_journal_entry(plan, TODAY, "Week 3", "Before")
    sync_pass(coach, shared)
    sync_pass(teacher, shared)
    theirs = same_plan(coach, teacher, plan)
    photo = tmp_path / "anchor chart.jpg"
    photo.write_bytes(b"\xff\xd8 a photo of the anchor chart")
    coach.store.add_artifact(entry, photo, "Our anchor chart")
    coach.store.update_journal_entry(entry, body="Coach's notes on the chart")
    (mine,) = teacher.store.journal(theirs)
    teacher.store.update_journal_entry(mine.id, body="Teacher's rewrite")  # later, by her clock
    for _ in range(2):
        sync_pass(coach, shared)
        sync_pass(teacher, shared)
    for ws, pid in ((coach, plan), (teacher, theirs)):
        (e,) = ws.store.journal(pid)
        assert [a.filename for a in e.artifacts] == ["anchor chart.jpg"], ws.folder
        assert ws.store.artifact_path(e.artifacts[0]).read_bytes() == photo.read_bytes()
    (conflict,) = coach.conflicts(plan)
    resolve_conflict(coach, conflict.id, take_remote=True)  # the coach's own wording back
    (e,) = coach.store.journal(plan)
    assert e.body == "Coach's notes on the chart" and [a.filename for a in e.artifacts] == ["anchor chart.jpg"]


def test_a_bundle_holding_text_that_is_not_unicode_waits_with_the_reason(pair):
    """JSON can spell half of a character (an unpaired surrogate, "\\ud800"), which no text can hold: such a
    crafted or damaged file in the folder is refused with the reason, and the pass goes on with the others."""
    coach, teacher, shared = pair
    plan, other = new_plan(coach), new_plan(coach)
    coach.store.save(plan, {"goal": "Fine"})
    coach.store.save(other, {"goal": "Also fine"})
    sync_pass(coach, shared)
    bundle = next((shared / APP_FOLDER / coach.plan(plan).uid).glob("*.ilpbundle"))
    rewrite(bundle, lambda doc: doc["values"].update(goal="half a character: \ud800"))
    report = sync_pass(teacher, shared)
    assert any("not valid Unicode" in w for w in report.waiting), report.waiting
    assert [teacher.store.values(p.id).get("goal") for p in teacher.plans()] == ["Also fine"]
