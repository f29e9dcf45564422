"""A folder that a sync engine (OneDrive, Google Drive, Dropbox, Syncthing, a network share) keeps in step
between computers, holding one bundle per plan per computer.

Layout: `<folder>/ILP Desktop/<plan uid>/<computer id>.ilpbundle`. Each computer writes only its own file
(atomically: a temporary name, then a rename), so two computers never write the same name – unless a data
folder was copied onto a second computer, or a sync engine put back an older version: so a computer's own
file is read too when it is not what that computer wrote there (and when another computer wrote it under the
same id, this one takes a new id, so the two stop rewriting one file by turns). Reading takes every
`.ilpbundle` in a plan's folder, including a sync engine's "conflicted copy" duplicates (merging is idempotent,
so a duplicate changes nothing), and passes over temporary and hidden names. A file that is still arriving
fails its checksums and is read again on the next pass; one already merged (same name, same content) is not
read again.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from pathlib import Path

from ilp_desktop.model.errors import UserError

APP_FOLDER = "ILP Desktop"
SUFFIX = ".ilpbundle"


@dataclass(frozen=True)
class Arrival:
    """A bundle in the folder: its path, its name relative to the folder, its checksum."""

    path: Path
    name: str
    digest: str


def available(folder: Path) -> bool:
    """The folder is there (a USB stick plugged in, a share mounted): never created if it is not."""
    return folder.is_dir()


def own_name(plan_uid: str, device_id: str) -> str:
    """The name, relative to the folder, this computer writes the plan under."""
    return f"{APP_FOLDER}/{plan_uid}/{device_id}{SUFFIX}"


def own_file(folder: Path, plan_uid: str, device_id: str) -> Path:
    """Where this computer writes the plan (its folder is made on the way: a read-only or full folder says so)."""
    path = folder / own_name(plan_uid, device_id)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"cannot write in {folder}: {exc.strerror or exc}; the plan is written next pass") from None
    return path


def arrivals(folder: Path) -> list[Arrival]:
    """Every bundle now in the folder, this computer's own among them (any order merges alike)."""
    root = folder / APP_FOLDER
    found = []
    try:
        plan_folders = [p for p in root.iterdir() if _plan_folder(p)] if root.is_dir() else []
        for plan_folder in sorted(plan_folders):
            for path in sorted(plan_folder.iterdir()):
                if not _bundle_name(path.name):
                    continue
                digest = file_digest(path)
                if digest:
                    found.append(Arrival(path, path.relative_to(folder).as_posix(), digest))
    except OSError:
        return found  # the folder went away in the middle: what was found is read, the rest next time
    return found


def _plan_folder(path: Path) -> bool:
    try:
        uuid.UUID(path.name)
    except ValueError:
        return False
    return path.is_dir()


def _bundle_name(name: str) -> bool:
    """A bundle, or a sync engine's copy of one ("x (conflicted copy 2026-11-23).ilpbundle", "x (1).ilpbundle");
    not a partial download or an editor's temporary file (".x.part", "~x", "x.ilpbundle.tmp", ".syncthing.x")."""
    return name.endswith(SUFFIX) and not name.startswith((".", "~"))


def file_digest(path: Path) -> str:
    """SHA-256 of the file's bytes; '' when it cannot be read now (still arriving, locked, vanished)."""
    try:
        with path.open("rb") as file:
            return hashlib.file_digest(file, "sha256").hexdigest()
    except OSError:
        return ""
