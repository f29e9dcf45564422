"""Plans that sync by themselves through a folder the district already syncs (OneDrive, Google Drive, Dropbox,
Syncthing, a network share).

One pass over a folder merges what the other computers wrote there, then writes each plan shared through the
folder that changed since this computer last wrote it. Nothing in a pass depends on the order files arrive in
or on the computers' clocks agreeing: merging the same bundle again changes nothing, and a file that cannot
be read yet (still arriving, damaged, locked with another passphrase) is left for the next pass. Settings
choose the folder every plan is shared through, unless a plan is shared through folders of its own (a
folder shared with one teacher holds only that teacher's plans).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ilp_desktop.app.workspace import Workspace
from ilp_desktop.model.errors import UserError
from ilp_desktop.storage import sync_folder
from ilp_desktop.storage import sync_records as records
from ilp_desktop.storage.store import Store

if TYPE_CHECKING:
    from ilp_desktop.storage.exchange import ImportReport

log = logging.getLogger(__name__)
KEYRING_SERVICE = "ILP Desktop sync folder"
EVERY_MINUTES = 3  # how often the window looks at the folder besides on start and when it regains focus


@dataclass
class SyncReport:
    """What one pass over one folder did, for the status bar and the command line."""

    folder: Path
    available: bool = True
    written: list[str] = field(default_factory=list)  # the plans written for the others
    received: list[str] = field(default_factory=list)  # what came in, in words
    waiting: list[str] = field(default_factory=list)  # files not merged yet, and why
    conflicts: int = 0  # choices waiting in the folder's plans
    needs_passphrase: bool = False
    reports: list[ImportReport] = field(default_factory=list)

    def lines(self) -> list[str]:
        if not self.available:
            return [f"{self.folder}: not available now (unplugged or not mounted); nothing was synced"]
        out = [f"wrote {w}" for w in self.written] + [f"received: {r}" for r in self.received]
        out += [f"waiting: {w}" for w in self.waiting]
        if self.needs_passphrase:
            out.append("some plans here are encrypted: enter the folder's shared passphrase")
        if self.conflicts:
            out.append(f"{self.conflicts} change(s) made on two computers wait for a choice (open the plan)")
        return out or ["nothing new"]


# --------------------------------------------------------------------------------- settings
def default_folder(ws: Workspace) -> Path | None:
    """The folder chosen in Settings ('' when none)."""
    chosen = records.setting(ws.store, "folder")
    return Path(chosen) if chosen else None


def set_default_folder(ws: Workspace, folder: Path | None) -> None:
    records.set_setting(ws.store, "folder", str(folder) if folder else "")


def device_name(ws: Workspace) -> str:
    return records.device(ws.store)[1]


def set_device_name(ws: Workspace, name: str) -> None:
    """How the other computers name this one ("the teacher's laptop")."""
    records.set_setting(ws.store, "device_name", name.strip()[:200])


def shared_folders(ws: Workspace, plan_id: int) -> set[Path]:
    """The folders the plan is shared through: its own, else the one chosen in Settings."""
    own = records.shares(ws.store, plan_id).get(plan_id)
    if own:
        return {Path(f) for f in own}
    folder = default_folder(ws)
    return {folder} if folder else set()


def own_folders(ws: Workspace, plan_id: int) -> list[Path]:
    """The folders this plan was shared through by itself (not the one in Settings)."""
    return sorted(Path(f) for f in records.shares(ws.store, plan_id).get(plan_id, ()))


def share_plan(ws: Workspace, plan_id: int, folder: Path, shared: bool = True) -> None:
    """Share the plan through this folder (for one teacher: the plan then travels only there), or stop."""
    ws.plan(plan_id)
    records.share(ws.store, plan_id, str(folder), shared)


def all_folders(ws: Workspace) -> list[Path]:
    """Every folder a pass looks at: the one in Settings and every plan's own."""
    folders = {Path(f) for fs in records.shares(ws.store).values() for f in fs}
    chosen = default_folder(ws)
    return sorted(folders | ({chosen} if chosen else set()))


# --------------------------------------------------------------------------------- passphrase
_session: dict[str, str] = {}  # where no keyring is: kept until the app closes, asked again next time


def passphrase(folder: Path) -> str | None:
    """The folder's shared passphrase as this computer keeps it (None: bundles there are not encrypted)."""
    if str(folder) in _session:
        return _session[str(folder)] or None
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, str(folder)) or None
    except Exception as exc:  # no keyring (a headless machine), or a locked or broken one: work without it
        log.info("no keyring for the sync passphrase: %s", exc)
        return None


def remember_passphrase(folder: Path, text: str) -> bool:
    """Keep the passphrase ('' stops encrypting); True when the operating system's keyring holds it, False
    when it is kept only until the app closes."""
    _session[str(folder)] = text
    try:
        import keyring

        if text:
            keyring.set_password(KEYRING_SERVICE, str(folder), text)
        else:
            keyring.delete_password(KEYRING_SERVICE, str(folder))
        return True
    except Exception as exc:  # see passphrase()
        log.info("the sync passphrase is kept for this session only: %s", exc)
        return False


# ------------------------------------------------------------------------------------- a pass
def sync_pass(ws: Workspace, folder: Path, plan_ids: tuple[int, ...] = (), secret: str | None = None) -> SyncReport:
    """Share `plan_ids` through the folder, merge what arrived, write what changed here."""
    # Loaded with the first pass, not with the window (start-up time).
    from ilp_desktop.app.exchange import carried_files, keep_carried, program_parts
    from ilp_desktop.storage.exchange import PasswordNeeded, apply_bundle, export_bundle, read_bundle, whole_plan

    report = SyncReport(folder)
    if not sync_folder.available(folder):
        report.available = False
        return report
    ws.require_saved()  # merge against what was typed, and send it
    for plan_id in plan_ids:
        share_plan(ws, plan_id, folder)
    device_id, name = records.device(ws.store)
    key = str(folder)
    found = sync_folder.arrivals(folder)
    for arrival in found:
        own = arrival.name == sync_folder.own_name(arrival.path.parent.name, device_id)
        seen = records.seen_digest(ws.store, key, arrival.name)
        # Merged already (a duplicate of it would change nothing either); this computer's own file, as it wrote it.
        if arrival.digest == (seen.partition(":")[2] if own else seen):
            continue
        try:
            bundle = read_bundle(arrival.path, secret)
            if bundle.doc["plan"]["uid"] != arrival.path.parent.name:  # copied by hand into the wrong folder
                raise UserError(f"{arrival.name} holds another plan than its folder's; it was left alone")
            here = ws.store.plan_id_for_uid(arrival.path.parent.name)
            # A plan shared with one teacher through her folder takes no changes from a folder others can write.
            if here and folder not in shared_folders(ws, here):
                raise UserError(
                    f"{arrival.name} changes {plan_label(ws, here)}, which is not shared through this folder; "
                    "it was left alone (share the plan through this folder to take its changes)"
                )
            received = apply_bundle(ws.store, bundle, program_parts(ws, bundle))
        except PasswordNeeded:
            report.needs_passphrase = True
            continue
        except UserError as exc:  # still arriving, damaged, or another passphrase: looked at again next pass
            report.waiting.append(str(exc))
            continue
        keep_carried(ws, received)
        if own and bundle.doc.get("sender", {}).get("id") == device_id:
            # Written under this computer's id by another one (a copied data folder): this one takes a new id,
            # and the file is the other computer's from now on.
            device_id, own = records.renew_device(ws.store), False
            log.info("another computer writes under this computer's sync id; this one now writes as %s", device_id)
        if received.created and key != str(default_folder(ws)):
            records.share(ws.store, received.plan_id, key)  # came through this folder: goes back through it
        if not own:  # this computer's own name is remembered with what it writes there next
            records.mark_seen(ws.store, key, arrival.name, arrival.digest)
        if received.changed:
            report.reports.append(received)
            report.received.append(describe_arrival(ws, received))
    present = {a.name: a.digest for a in found}
    for plan in ws.plans():
        if folder not in shared_folders(ws, plan.id):
            continue
        report.conflicts += len(ws.conflicts(plan.id))
        doc = whole_plan(ws.store, plan.id, (device_id, name))[0]
        # Written again when the plan changed, when a passphrase was set or dropped since, or when the file there
        # is not the one written (replaced by a sync engine, or by a copy of this data folder on another computer).
        digest = hashlib.sha256(json.dumps([doc, bool(secret)], sort_keys=True).encode("utf-8")).hexdigest()
        written = sync_folder.own_name(plan.uid, device_id)
        if records.seen_digest(ws.store, key, written) == f"{digest}:{present.get(written)}":
            continue
        try:
            target = sync_folder.own_file(folder, plan.uid, device_id)
            export_bundle(ws.store, plan.id, target, secret, carried_files(ws, plan), (device_id, name))
        except UserError as exc:  # a read-only or full folder: written next pass
            report.waiting.append(str(exc))
            continue
        ws.store.mark_history_shared(plan.id)
        records.mark_seen(ws.store, key, written, f"{digest}:{sync_folder.file_digest(target)}")
        report.written.append(plan_label(ws, plan.id))
    records.set_setting(ws.store, f"last_sync:{key}", ws.store.clock().isoformat())
    return report


def plan_label(ws: Workspace, plan_id: int) -> str:
    plan = ws.plan(plan_id)
    return f"plan {plan.id} ({plan.teacher_name or 'no teacher'}, {plan.school_year})"


def describe_arrival(ws: Workspace, report: ImportReport) -> str:
    """'Cell 6 updated by the teacher's laptop, 10 min ago' for one merged bundle."""
    plan = ws.plan(report.plan_id)
    who = report.sender
    if report.created:
        return f"{plan_label(ws, plan.id)} shared by {who}"
    template = ws.catalog.template(plan.program)
    what: list[str] = []
    for key in report.taken:
        head = key.partition(".")[0]
        cell = next((f.cell for f in template.fields if f.id == head), "") if template else ""
        label = next((c.title for c in template.cells if c.key == cell), head) if template else head
        if label not in what:
            what.append(label)
    rest = report.rest
    if rest.journal_added or rest.journal_updated or rest.deleted:
        what.append("the journal")
    if rest.outcome_rows:
        what.append("the outcome data")
    if rest.signatures:
        what.append("signatures")
    if rest.people:
        what.append("the plan's people")
    when = _ago(ws, _latest(ws, report))
    return (
        f"{', '.join(what) or 'plan ' + str(plan.id)} updated by {who}"
        + (f", {when}" if when else "")
        + (f" (plan {plan.id})" if what else "")
    )


def _latest(ws: Workspace, report: ImportReport) -> str:
    times = [h.saved_at for key in report.taken for h in ws.history(report.plan_id, key)[:1]]
    return max(times, default="")


def _ago(ws: Workspace, stamp: str) -> str:
    """'10 min ago' by this computer's clock; '' when the other computer's clock is ahead of it (skew)."""
    try:
        minutes = int((ws.store.clock() - dt.datetime.fromisoformat(stamp)).total_seconds() // 60)
    except (TypeError, ValueError):
        return ""
    if minutes < 0:
        return ""
    if minutes < 1:
        return "just now"
    if minutes < 120:
        return f"{minutes} min ago"
    return f"{minutes // 60} h ago" if minutes < 48 * 60 else f"{minutes // (24 * 60)} days ago"


def last_synced(ws: Workspace, folder: Path) -> str:
    return records.setting(ws.store, f"last_sync:{folder}")


def sync_everywhere(ws: Workspace) -> list[SyncReport]:
    """One pass over every folder (on start, when the window regains focus, every few minutes)."""
    reports = []
    for folder in all_folders(ws):
        try:
            reports.append(sync_pass(ws, folder, secret=passphrase(folder)))
        except UserError as exc:
            failed = SyncReport(folder)
            failed.waiting.append(str(exc))
            reports.append(failed)
    return reports


def sync_on_own_connection(ws: Workspace) -> list[SyncReport]:
    """sync_everywhere() for a worker thread: on a connection of its own to the same data file (a connection
    stays in the thread that made it; the window's goes on saving meanwhile)."""
    own = Workspace(Store.open(ws.folder), ws.catalog, ws.clock)
    try:
        return sync_everywhere(own)
    finally:
        own.close()


def conflicts_waiting(ws: Workspace) -> dict[int, int]:
    """plan id → how many changes made on two computers wait for a choice."""
    return records.waiting_conflicts(ws.store)


def publish(ws: Workspace, reports: list[SyncReport]) -> None:
    """Tell the views what the passes changed (after a pass made on another connection)."""
    from ilp_desktop.app.exchange import announce

    for r in reports:
        for received in r.reports:
            announce(ws, received)
