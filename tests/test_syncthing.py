"""Two real Syncthing instances on 127.0.0.1 carry the app's sync folder between two computers: an edit travels
both ways. Slow (Syncthing scans and connects in seconds, not milliseconds): `pytest -m slow`; skipped when the
Debian package `syncthing` is not installed."""

import datetime as dt
import shutil
import socket
import subprocess
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from test_sync import device, new_plan

from ilp_desktop.app.sync import set_default_folder, sync_pass
from ilp_desktop.storage.sync_folder import APP_FOLDER

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("syncthing") is None, reason="syncthing is not installed (Debian: syncthing)"),
]
WAIT_SECONDS = 180


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def set_text(parent: ET.Element, tag: str, text: str) -> None:
    node = parent.find(tag)
    if node is None:
        node = ET.SubElement(parent, tag)
    node.text = text


class Instance:
    """One Syncthing, alone on the loopback: no discovery, relays, NAT, usage reports or upgrades."""

    def __init__(self, home: Path, folder: Path):
        self.home, self.folder = home, folder
        subprocess.run(
            ["syncthing", "generate", f"--home={home}", "--no-default-folder", "--skip-port-probing"],
            check=True,
            capture_output=True,
        )
        self.id = subprocess.run(
            ["syncthing", "serve", f"--home={home}", "--device-id"], check=True, capture_output=True, text=True
        ).stdout.strip()
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    def configure(self, other: "Instance") -> None:
        path = self.home / "config.xml"
        tree = ET.parse(path)
        root = tree.getroot()
        options = root.find("options")
        assert options is not None
        for tag, text in (
            ("listenAddress", f"tcp://127.0.0.1:{self.port}"),
            ("globalAnnounceEnabled", "false"),
            ("localAnnounceEnabled", "false"),
            ("relaysEnabled", "false"),
            ("natEnabled", "false"),
            ("startBrowser", "false"),
            ("urAccepted", "-1"),
            ("crashReportingEnabled", "false"),
            ("autoUpgradeIntervalH", "0"),
            ("reconnectionIntervalS", "1"),
        ):
            set_text(options, tag, text)
        gui = root.find("gui")
        assert gui is not None
        set_text(gui, "address", f"127.0.0.1:{free_port()}")
        peer = ET.SubElement(root, "device", id=other.id, name="peer", compression="metadata", introducer="false")
        set_text(peer, "address", f"tcp://127.0.0.1:{other.port}")
        folder = ET.SubElement(
            root,
            "folder",
            id="ilp-plans",
            label="ILP",
            path=str(self.folder),
            type="sendreceive",
            rescanIntervalS="1",
            fsWatcherEnabled="true",
            fsWatcherDelayS="1",
        )
        for device_id in (self.id, other.id):
            ET.SubElement(folder, "device", id=device_id)
        tree.write(path)

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["syncthing", "serve", f"--home={self.home}", "--no-browser", "--no-restart", f"--logfile={self.home}/log"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()


def arrive(path_glob, folder: Path) -> Path:
    """Wait until Syncthing has delivered a file matching the pattern into the folder."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        found = [p for p in folder.glob(path_glob) if not p.name.startswith(".")]
        if found:
            return found[0]
        time.sleep(0.5)
    raise AssertionError(f"nothing like {path_glob} arrived in {folder} within {WAIT_SECONDS} s")


def wait_for(check, what: str) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.5)
    raise AssertionError(f"{what} within {WAIT_SECONDS} s")


def test_an_edit_travels_both_ways_through_two_real_syncthing_instances(tmp_path):
    folders = [tmp_path / "coach-sync", tmp_path / "teacher-sync"]
    for f in folders:
        f.mkdir()
    a, b = Instance(tmp_path / "st-coach", folders[0]), Instance(tmp_path / "st-teacher", folders[1])
    a.configure(b)
    b.configure(a)
    coach = device(tmp_path, "coach", dt.datetime(2026, 9, 1, 8, tzinfo=dt.UTC))
    teacher = device(tmp_path, "teacher", dt.datetime(2026, 9, 1, 9, tzinfo=dt.UTC))
    set_default_folder(coach, folders[0])
    set_default_folder(teacher, folders[1])
    try:
        a.start()
        b.start()
        plan = new_plan(coach)
        coach.store.save(plan, {"goal": "Written on the coach's laptop"})
        sync_pass(coach, folders[0])
        uid = coach.plan(plan).uid
        arrive(f"{APP_FOLDER}/{uid}/*.ilpbundle", folders[1])

        def teacher_has_it() -> bool:
            sync_pass(teacher, folders[1])
            theirs = teacher.store.plan_id_for_uid(uid)
            return theirs is not None and teacher.store.values(theirs).get("goal") == "Written on the coach's laptop"

        wait_for(teacher_has_it, "the coach's plan did not reach the teacher's laptop")
        theirs = teacher.store.plan_id_for_uid(uid)
        assert theirs is not None
        teacher.store.save(theirs, {"goal": "Edited on the teacher's laptop"})
        sync_pass(teacher, folders[1])

        def coach_has_the_edit() -> bool:
            sync_pass(coach, folders[0])
            return coach.store.values(plan).get("goal") == "Edited on the teacher's laptop"

        wait_for(coach_has_the_edit, "the teacher's edit did not come back to the coach's laptop")
        assert coach.conflicts(plan) == [] and teacher.conflicts(theirs) == []
    finally:
        a.stop()
        b.stop()
        coach.close()
        teacher.close()
