"""Three computers, separate data folders, one shared folder: random edits on each, random sync order, files
duplicated, cut short and held back by the sync engine, clocks that disagree. After everyone syncs twice,
all copies hold the same plan, every edit is there or waiting as a conflict, signatures never disappear and
deletions stick."""

import datetime as dt
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from ilp_desktop.app.clock import Clock
from ilp_desktop.app.sync import set_default_folder, set_device_name, sync_pass
from ilp_desktop.app.workspace import Workspace
from ilp_desktop.model.catalog import load_catalog
from ilp_desktop.model.outcomes import Measure
from ilp_desktop.storage.store import Store
from ilp_desktop.storage.sync_folder import APP_FOLDER

DEVICES = 3
KEYS = ("goal", "growth", "next_steps")
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
CATALOG = load_catalog()
SKEW = (dt.timedelta(0), dt.timedelta(hours=-3), dt.timedelta(minutes=7))  # clocks that disagree


class SharedFolder(RuleBasedStateMachine):
    @initialize()
    def start(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="ilp-sync-"))
        self.shared = self.root / "shared"
        self.shared.mkdir()
        self.devices: list[Workspace] = []
        for n in range(DEVICES):
            ws = Workspace(Store.open(self.root / f"d{n}"), CATALOG, Clock(dt.date(2026, 11, 22)))
            ws.store.clock = self._clock(SKEW[n])
            set_device_name(ws, f"computer {n}")
            set_default_folder(ws, self.shared)
            self.devices.append(ws)
        first = self.devices[0].store
        teacher = first.add_person("Ana", "teacher")
        self.uid_of_plan = first.plan(
            first.create_plan("ilp-conversation-guide", teacher, "2026-2027", dt.date(2026, 9, 1))
        ).uid
        first.save(1, {"goal": "base"})
        self.edits: set[tuple[str, str]] = {("goal", "base")}  # answers written and not yet built upon
        self.signed: set[tuple[str, str]] = set()
        self.had_signatures: list[set] = [set() for _ in range(DEVICES)]
        self.deleted: set[str] = set()
        self.held: dict[Path, bytes] = {}  # files the sync engine has not delivered whole yet
        self._everyone_syncs(twice=True)

    def _clock(self, skew: dt.timedelta):
        now = [dt.datetime(2026, 9, 1, 8, tzinfo=dt.UTC) + skew]

        def tick() -> dt.datetime:
            now[0] += dt.timedelta(seconds=150)  # past the history's two-minute window: every save a wording
            return now[0]

        return tick

    def _plan(self, ws: Workspace) -> int:
        found = ws.store.plan_id_for_uid(self.uid_of_plan)
        assert found is not None
        return found

    def _everyone_syncs(self, twice: bool = False) -> None:
        for _ in range(2 if twice else 1):
            for ws in self.devices:
                sync_pass(ws, self.shared)

    def _files(self) -> list[Path]:
        return sorted((self.shared / APP_FOLDER).glob("*/*.ilpbundle"))

    def teardown(self) -> None:
        if not hasattr(self, "root"):
            return
        try:
            self._deliver()
            self._everyone_syncs(twice=True)
            self._check_converged()
        finally:
            for ws in self.devices:
                ws.close()
            shutil.rmtree(self.root, ignore_errors=True)

    # ------------------------------------------------------------------ what people do
    @rule(n=st.integers(0, DEVICES - 1), key=st.sampled_from(KEYS), text=TEXT)
    def edit_answer(self, n: int, key: str, text: str) -> None:
        ws = self.devices[n]
        plan = self._plan(ws)
        had = ws.store.values(plan).get(key)
        ws.store.save(plan, {key: text})
        if had is not None and had != text:
            self.edits.discard((key, had))  # this computer had that wording and built on it
        self.edits.add((key, text))

    @rule(n=st.integers(0, DEVICES - 1), title=TEXT)
    def add_entry(self, n: int, title: str) -> None:
        ws = self.devices[n]
        ws.store.add_journal_entry(self._plan(ws), dt.date(2026, 10, 1), title, "")

    @rule(n=st.integers(0, DEVICES - 1), pick=st.integers(0, 5), body=TEXT)
    def edit_entry(self, n: int, pick: int, body: str) -> None:
        entries = self.devices[n].store.journal(self._plan(self.devices[n]))
        if entries:
            self.devices[n].store.update_journal_entry(entries[pick % len(entries)].id, body=body)

    @rule(n=st.integers(0, DEVICES - 1), pick=st.integers(0, 5))
    def delete_entry(self, n: int, pick: int) -> None:
        entries = self.devices[n].store.journal(self._plan(self.devices[n]))
        if entries:
            entry = entries[pick % len(entries)]
            self.devices[n].store.delete_journal_entry(entry.id)
            self.deleted.add(entry.uid)

    @rule(n=st.integers(0, DEVICES - 1), students=st.lists(st.sampled_from("ABC"), unique=True), pre=st.integers(0, 9))
    def measures(self, n: int, students: list[str], pre: int) -> None:
        ws = self.devices[n]
        ws.store.save_measures(self._plan(ws), "outcome_1", [Measure(s, "", pre, None) for s in students])

    @rule(n=st.integers(0, DEVICES - 1), role=st.sampled_from(("teacher", "coach", "administrator")))
    def sign(self, n: int, role: str) -> None:
        ws = self.devices[n]
        printed = ws.store.record_print(self._plan(ws), "initial", "letter", f"fp{n}", "")
        ws.store.record_signature(printed, role, f"{role} on {n}", dt.date(2026, 10, 1))
        self.signed.add((role, f"{role} on {n}"))

    # ------------------------------------------------------------------ what sync engines do
    @rule(n=st.integers(0, DEVICES - 1))
    def sync(self, n: int) -> None:
        sync_pass(self.devices[n], self.shared)

    @rule(pick=st.integers(0, 20))
    def conflicted_copy(self, pick: int) -> None:
        files = [f for f in self._files() if "conflicted" not in f.name]
        if files:
            f = files[pick % len(files)]
            shutil.copy(f, f.with_name(f"{f.stem} (conflicted copy {pick}).ilpbundle"))

    @precondition(lambda self: not self.held)
    @rule(pick=st.integers(0, 20), cut=st.booleans())
    def not_delivered_yet(self, pick: int, cut: bool) -> None:
        """A file arrives cut short (still downloading) or not at all yet (late)."""
        files = self._files()
        if files:
            f = files[pick % len(files)]
            data = f.read_bytes()
            self.held[f] = data
            if cut:
                f.write_bytes(data[: len(data) // 3])
            else:
                f.unlink()

    @rule()
    def deliver(self) -> None:
        self._deliver()

    def _deliver(self) -> None:
        for f, data in self.held.items():
            if not f.exists() or f.stat().st_size < len(data):  # unless its computer wrote a newer one since
                f.write_bytes(data)
        self.held.clear()

    # ------------------------------------------------------------------ what must hold
    @invariant()
    def signatures_never_disappear(self) -> None:
        for n, ws in enumerate(getattr(self, "devices", [])):
            now = {(s.role, s.name, s.signed_on) for s in ws.signatures(self._plan(ws))}
            assert self.had_signatures[n] <= now
            self.had_signatures[n] = now

    def _state(self, ws: Workspace) -> dict:
        plan = self._plan(ws)
        return {
            "values": ws.store.values(plan),
            "journal": {e.uid: (e.title, e.body, e.entry_date) for e in ws.store.journal(plan)},
            "measures": sorted(ws.store.measures(plan, "outcome_1"), key=repr),
            "signatures": sorted((s.role, s.name, s.part, s.fingerprint) for s in ws.signatures(plan)),
            "stage": ws.plan(plan).stage,
        }

    def _check_converged(self) -> None:
        states = [self._state(ws) for ws in self.devices]
        assert states[0] == states[1] == states[2], "every copy holds the same plan"
        first = self.devices[0]
        plan = self._plan(first)
        waiting = [c for ws in self.devices for c in ws.conflicts(self._plan(ws))]
        answers = {(c.key, text) for c in waiting if c.kind == "answer" for text in (c.local, c.remote)}
        for key, text in self.edits:
            assert states[0]["values"].get(key) == text or (key, text) in answers, (key, text)
        assert {(r, n) for r, n, _, _ in states[0]["signatures"]} >= self.signed
        surfaced = {c.key for c in waiting if c.kind == "journal"}
        for uid in self.deleted:
            assert uid not in states[0]["journal"] or uid in surfaced, "a deletion sticks unless an edit is surfaced"
        assert first.plan(plan).stage == states[0]["stage"]


SharedFolder.TestCase.settings = settings(
    max_examples=8, stateful_step_count=12, deadline=None, suppress_health_check=list(HealthCheck)
)
test_three_computers_over_one_folder = SharedFolder.TestCase


class SharedFolderLonger(SharedFolder):
    pass


SharedFolderLonger.TestCase.settings = settings(
    max_examples=200, stateful_step_count=40, deadline=None, suppress_health_check=list(HealthCheck)
)
test_three_computers_over_one_folder_longer = pytest.mark.stress(SharedFolderLonger.TestCase)
