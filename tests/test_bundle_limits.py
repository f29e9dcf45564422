"""Bundles from anywhere: bounded before they are expanded, checked against one schema, and never able to
reach a plan or a file they do not carry."""

import datetime as dt
import hashlib
import json
import zipfile

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ilp_desktop.cli import main
from ilp_desktop.model.errors import UserError
from ilp_desktop.model.outcomes import Measure, Target
from ilp_desktop.storage.exchange import export_bundle, import_bundle, read_bundle
from ilp_desktop.storage.store import Store

GUIDE = "ilp-conversation-guide"


@pytest.fixture
def two_computers(tmp_path):
    """A coach's plan sent once; the teacher's computer holds another teacher's plan with outcome data."""
    coach = Store.open(tmp_path / "coach")
    plan = coach.create_plan(GUIDE, coach.add_person("Nguyễn Thị Minh", "teacher"), "2026-2027", dt.date(2026, 9, 1))
    coach.save(plan, {"goal": "Coach's goal"})
    entry = coach.add_journal_entry(plan, dt.date(2026, 10, 1), "October", "Notes")
    source = tmp_path / "tally.csv"
    source.write_text("a,b\n", encoding="utf-8")
    coach.add_artifact(entry, source, "Tally")
    export_bundle(coach, plan, tmp_path / "sent.ilpbundle")
    coach.close()
    teacher = Store.open(tmp_path / "teacher")
    other = teacher.create_plan(GUIDE, teacher.add_person("Other Teacher", "teacher"), "2026-2027", dt.date(2026, 9, 1))
    teacher.save_measures(other, "outcomes.1", [Measure("A.B.", "EL", 40, 60)])
    teacher.save_target(other, "outcomes.1", Target(80, "gain_percent", 20))
    yield teacher, other, tmp_path
    teacher.close()


def rebuilt(source, target, change=None, extra: dict[str, bytes] | None = None, compress=zipfile.ZIP_DEFLATED):
    """The bundle with its plan.json changed and the manifest recomputed, as a crafted file would be."""
    with zipfile.ZipFile(source) as z:
        members = {n: z.read(n) for n in z.namelist() if n != "manifest.json"}
        manifest = json.loads(z.read("manifest.json"))
    if change is not None:
        doc = json.loads(members["plan.json"])
        doc = change(doc)
        members["plan.json"] = doc if isinstance(doc, bytes) else json.dumps(doc).encode()
    members.update(extra or {})
    manifest["files"] = {n: hashlib.sha256(d).hexdigest() for n, d in members.items()}
    with zipfile.ZipFile(target, "w", compress) as z:
        for n, d in members.items():
            z.writestr(n, d)
        z.writestr("manifest.json", json.dumps(manifest))
    return target


def everything(store: Store) -> dict:
    return {t: sorted(map(repr, store.db[t].rows)) for t in store.db.table_names() if "_fts" not in t}


def test_a_small_file_that_would_expand_hugely_is_refused_before_it_is_expanded(two_computers):
    teacher, _, folder = two_computers
    before = everything(teacher)
    bomb = rebuilt(
        folder / "sent.ilpbundle", folder / "bomb.ilpbundle", extra={"artifacts/" + "a" * 32 + ".txt": bytes(20 << 20)}
    )
    assert bomb.stat().st_size < 200_000
    with pytest.raises(UserError, match="expands more than 100 times; it was not opened"):
        import_bundle(teacher, bomb)
    assert everything(teacher) == before


def test_outcome_rows_cannot_address_another_plan(two_computers):
    teacher, other, folder = two_computers

    def aim_at_other(doc):
        doc["measures"] = [{"plan_id": other, "outcome": "outcomes.1", "student": "X", "pre": 0, "post": 0}]
        return doc

    before = teacher.measures(other, "outcomes.1")
    with pytest.raises(UserError, match="Additional properties are not allowed \\('plan_id'"):
        import_bundle(teacher, rebuilt(folder / "sent.ilpbundle", folder / "crafted.ilpbundle", aim_at_other))
    assert teacher.measures(other, "outcomes.1") == before


def test_a_received_file_never_replaces_another_plans_file(two_computers):
    teacher, other, folder = two_computers
    entry = teacher.add_journal_entry(other, dt.date(2026, 10, 2), "Mine", "")
    mine = folder / "mine.pdf"
    mine.write_bytes(b"the other teacher's own file")
    teacher.add_artifact(entry, mine)
    (local,) = teacher.journal(other)[0].artifacts
    sent = read_bundle(folder / "sent.ilpbundle").doc
    theirs = sent["journal"][0]["artifacts"][0]["stored_name"]
    with zipfile.ZipFile(folder / "sent.ilpbundle") as z:
        data = z.read(f"artifacts/{theirs}")

    def same_name(doc):  # the sender names its file exactly like the local one
        doc["journal"][0]["artifacts"][0]["stored_name"] = local.stored_name
        return doc

    crafted = rebuilt(
        folder / "sent.ilpbundle", folder / "crafted.ilpbundle", same_name, {f"artifacts/{local.stored_name}": data}
    )
    report = import_bundle(teacher, crafted)
    assert teacher.artifact_path(local).read_bytes() == b"the other teacher's own file"
    (received,) = teacher.journal(report.plan_id)[0].artifacts
    assert received.stored_name != local.stored_name and teacher.artifact_path(received).read_bytes() == data


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (lambda d: json.dumps({"plan": [[[[]]]] * 1}).encode(), "plan"),
        (lambda d: ("[" * 100_000 + "]" * 100_000).encode(), "nested too deeply"),
        (lambda d: {**d, "people": ["teacher"]}, "people"),
        (lambda d: {**d, "history": [["goal", "Old", "2026-09-01T10:00:00"]]}, "history/0/2"),
        (lambda d: {**d, "values": {"goal": 42}}, "values/goal"),
        (lambda d: {**d, "plan": {**d["plan"], "stage": "archived"}}, "the stage 'archived'"),
    ],
)
def test_wrongly_typed_or_nested_documents_are_refused_in_one_line(two_computers, change, said):
    teacher, _, folder = two_computers
    before = everything(teacher)
    crafted = rebuilt(folder / "sent.ilpbundle", folder / "crafted.ilpbundle", change)
    with pytest.raises(UserError) as refused:
        import_bundle(teacher, crafted)
    assert said in str(refused.value) and "\n" not in str(refused.value)
    assert everything(teacher) == before


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)
KEYS = ("plan", "people", "values", "history", "journal", "measures", "targets")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(key=st.sampled_from(KEYS), value=JSON, path=st.lists(st.text(max_size=8), max_size=1))
@example(key="values", value=None, path=["\n"])  # a key with a line break broke the one-line message
@example(key="plan", value="\n", path=["stage"])
def test_any_generated_document_is_refused_cleanly_or_imported_and_no_other_plan_changes(
    two_computers, key, value, path
):
    teacher, other, folder = two_computers
    others = (teacher.values(other), teacher.measures(other, "outcomes.1"), teacher.journal(other))

    def mutate(doc):
        if path and isinstance(doc.get(key), dict):
            doc[key][path[0]] = value  # one field inside, e.g. plan.stage or values.goal
        else:
            doc[key] = value
        return doc

    crafted = rebuilt(folder / "sent.ilpbundle", folder / "generated.ilpbundle", mutate)
    try:
        import_bundle(teacher, crafted)
    except UserError as exc:
        assert "\n" not in str(exc)
    assert (teacher.values(other), teacher.measures(other, "outcomes.1"), teacher.journal(other)) == others
    assert main(["--data-dir", str(folder / "teacher"), "plans", "--json"]) == 0


def test_a_protected_plan_needs_a_password_of_eight_characters(ws, tmp_path, monkeypatch, capsys):
    from ilp_desktop.app.exchange import send_plan

    plan = ws.store.create_plan(GUIDE, ws.store.add_person("Zoë", "teacher"), "2026-2027", dt.date(2026, 9, 1))
    with pytest.raises(UserError, match="at least 8 characters"):
        send_plan(ws, plan, tmp_path / "weak.ilpbundle", password="x")
    assert not (tmp_path / "weak.ilpbundle").exists()
    ws.store.close()
    monkeypatch.setenv("ILP_DESKTOP_BUNDLE_PASSWORD", "1234")
    folder = str(ws.store.folder)
    assert (
        main(["--data-dir", folder, "export", str(plan), "--bundle", str(tmp_path / "b.ilpbundle"), "--protect"]) == 1
    )
    assert "at least 8 characters" in capsys.readouterr().err


def test_the_window_reads_and_checks_a_received_file_off_the_ui_thread(qtbot, tmp_path, monkeypatch):
    import threading

    from PySide6.QtWidgets import QMessageBox
    from wizard_driver import close_window, open_window

    from ilp_desktop.app import exchange

    coach = Store.open(tmp_path / "coach")
    plan = coach.create_plan(GUIDE, coach.add_person("Zoë", "teacher"), "2026-2027", dt.date(2026, 9, 1))
    export_bundle(coach, plan, tmp_path / "sent.ilpbundle")
    coach.close()
    window = open_window(tmp_path / "teacher")
    on_ui_thread = []
    real = exchange.read_bundle

    def watched(path, password=None):
        on_ui_thread.append(threading.current_thread() is threading.main_thread())
        return real(path, password)

    monkeypatch.setattr(exchange, "read_bundle", watched)
    monkeypatch.setattr(QMessageBox, "information", lambda *args: None)
    window.receive_plan(str(tmp_path / "sent.ilpbundle"))
    assert on_ui_thread == [False] and [p.teacher_name for p in window.ws.plans()] == ["Zoë"]
    close_window(window)


@pytest.mark.parametrize("password", [None, "long enough"])
def test_attached_files_travel_in_pieces_never_whole_in_memory(tmp_path, password):
    """A 40 MB attachment is sent and received with far less memory than its size (a protected bundle is
    decrypted whole, so only the unprotected one is held to that), and arrives byte for byte."""
    import os
    import tracemalloc

    coach = Store.open(tmp_path / "coach")
    plan = coach.create_plan(GUIDE, coach.add_person("Ana", "teacher"), "2026-2027", dt.date(2026, 9, 1))
    entry = coach.add_journal_entry(plan, dt.date(2026, 10, 1), "Video", "")
    video = tmp_path / "lesson.mp4"
    video.write_bytes(os.urandom(40 << 20))  # random: it does not compress
    coach.add_artifact(entry, video, "The lesson")
    teacher = Store.open(tmp_path / "teacher")
    tracemalloc.start()
    try:
        export_bundle(coach, plan, tmp_path / "sent.ilpbundle", password)
        sent_peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.reset_peak()
        report = import_bundle(teacher, tmp_path / "sent.ilpbundle", password)
        received_peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    (artifact,) = teacher.journal(report.plan_id)[0].artifacts
    assert teacher.artifact_path(artifact).read_bytes() == video.read_bytes()
    assert artifact.size == 40 << 20
    if password is None:
        assert sent_peak < 8 << 20 and received_peak < 8 << 20, (sent_peak >> 20, received_peak >> 20)
    coach.close()
    teacher.close()
