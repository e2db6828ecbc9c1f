"""The archive of one group: a zip with ``manifest.json``, one JSON-lines file per table under
``rows/``, the people under ``people.jsonl`` and the uploaded files under ``files/``.

Reading is defensive (BACKUP-001, 005, 006, 007): the archive and every member are capped, a
member's size is measured while reading (never taken from the zip's header), names that could
leave the archive (absolute, ``..``, backslashes, drive letters) are refused, and every member must
be listed in the manifest with its SHA-256.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from styr.domain.errors import RuleViolation

FORMAT = "styr-group-archive"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
PEOPLE = "people.jsonl"

#: Caps on what an import reads (settings may lower or raise them).
MAX_ARCHIVE_BYTES = 2 * 1024**3
MAX_MEMBER_BYTES = 512 * 1024**2
MAX_TOTAL_BYTES = 4 * 1024**3
MAX_MEMBERS = 100_000


def cap(name: str, default: int) -> int:
    return int(getattr(settings, f"STYR_BACKUP_{name}", default))


def styr_version() -> str:
    with (Path(settings.BASE_DIR) / "pyproject.toml").open("rb") as handle:
        return str(tomllib.load(handle)["project"]["version"])


def migration_state(app_labels: set[str]) -> dict[str, list[str]]:
    """The migrations applied per app, for the apps whose tables an archive holds."""
    applied = MigrationRecorder(connection).applied_migrations()
    state: dict[str, list[str]] = {label: [] for label in sorted(app_labels)}
    for app, name in applied:
        if app in state:
            state[app].append(name)
    return {app: sorted(names) for app, names in state.items()}


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def jsonl(rows: list[dict[str, Any]]) -> bytes:
    # keys in their stored order: a JSON field's order is what a page shows (a history's before/after)
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows).encode("utf-8")


def safe_name(name: str) -> bool:
    """A member name that stays inside the archive when unpacked (no zip-slip)."""
    if not name or "\\" in name or name.startswith("/") or "\x00" in name:
        return False
    parts = PurePosixPath(name).parts
    return all(part not in ("", ".", "..") for part in parts) and ":" not in parts[0]


def _bad(template: str, detail: dict[str, Any] | None = None, code: str = "BACKUP-001") -> RuleViolation:
    return RuleViolation(code, template, detail or {}, field="archive")


@dataclass
class ArchiveReader:
    """An opened archive whose manifest has been read and whose names have been checked."""

    zf: zipfile.ZipFile
    manifest: dict[str, Any]
    read_bytes: int = 0
    digest: str = ""
    _seen: set[str] = field(default_factory=set)

    def member(self, name: str) -> bytes:
        """A member's bytes, measured while reading and checked against the manifest (BACKUP-005, 007)."""
        listed = self.manifest["members"].get(name)
        if listed is None:
            raise _bad("The archive has no member %(name)s listed in its manifest.", {"name": name}, "BACKUP-005")
        limit = cap("MAX_MEMBER_BYTES", MAX_MEMBER_BYTES)
        try:
            with self.zf.open(name) as handle:
                data = handle.read(limit + 1)
        except KeyError:
            raise _bad("The archive's member %(name)s is missing.", {"name": name}, "BACKUP-005") from None
        except (zipfile.BadZipFile, OSError, EOFError) as error:
            raise _bad("The archive's member %(name)s cannot be read: %(error)s", {"name": name, "error": str(error)}) from None
        if len(data) > limit:
            raise _bad("The archive's member %(name)s is larger than %(limit)s bytes.", {"name": name, "limit": limit}, "BACKUP-007")
        self.read_bytes += len(data)
        if self.read_bytes > cap("MAX_TOTAL_BYTES", MAX_TOTAL_BYTES):
            raise _bad("The archive unpacks to more than %(limit)s bytes.", {"limit": cap("MAX_TOTAL_BYTES", MAX_TOTAL_BYTES)}, "BACKUP-007")
        if sha256(data) != listed.get("sha256"):
            raise _bad(
                "The archive's member %(name)s does not match its SHA-256 in the manifest: the archive is damaged or altered.", {"name": name}, "BACKUP-005"
            )
        return data

    def rows(self, name: str) -> list[dict[str, Any]]:
        data = self.member(name)
        try:
            found = [json.loads(line) for line in data.decode("utf-8").splitlines() if line.strip()]
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise _bad("The archive's member %(name)s is not JSON lines: %(error)s", {"name": name, "error": str(error)}) from None
        if len(found) != self.manifest["members"][name].get("rows"):
            raise _bad("The archive's member %(name)s holds another number of rows than its manifest says.", {"name": name}, "BACKUP-005")
        return found


def open_archive(handle: IO[bytes], size: int) -> ArchiveReader:
    """Open and check an archive: a zip, its size and names, a manifest of this format (BACKUP-001, 002, 006, 007)."""
    if size > cap("MAX_ARCHIVE_BYTES", MAX_ARCHIVE_BYTES):
        raise _bad("The archive is larger than %(limit)s bytes.", {"limit": cap("MAX_ARCHIVE_BYTES", MAX_ARCHIVE_BYTES)}, "BACKUP-007")
    digest = hashlib.sha256()
    for chunk in iter(lambda: handle.read(1024 * 1024), b""):
        digest.update(chunk)
    handle.seek(0)
    try:
        zf = zipfile.ZipFile(handle)
    except (zipfile.BadZipFile, OSError):
        raise _bad("The file is not a zip archive of a group.") from None
    infos = zf.infolist()
    if len(infos) > cap("MAX_MEMBERS", MAX_MEMBERS):
        raise _bad("The archive has more than %(limit)s members.", {"limit": cap("MAX_MEMBERS", MAX_MEMBERS)}, "BACKUP-007")
    names = [info.filename for info in infos]
    for name in names:
        if not safe_name(name):
            raise _bad("The archive's member name %(name)s would be written outside the archive; nothing was imported.", {"name": name}, "BACKUP-006")
    if len(set(names)) != len(names):
        raise _bad("The archive names a member twice.", {}, "BACKUP-006")
    if MANIFEST not in names:
        raise _bad("The archive has no manifest.json: it is not an archive of a group.")
    try:
        with zf.open(MANIFEST) as fh:
            raw = fh.read(cap("MAX_MEMBER_BYTES", MAX_MEMBER_BYTES) + 1)
        if len(raw) > cap("MAX_MEMBER_BYTES", MAX_MEMBER_BYTES):
            raise _bad(
                "The archive's member %(name)s is larger than %(limit)s bytes.",
                {"name": MANIFEST, "limit": cap("MAX_MEMBER_BYTES", MAX_MEMBER_BYTES)},
                "BACKUP-007",
            )
        manifest = json.loads(raw.decode("utf-8"))
    except (zipfile.BadZipFile, OSError, EOFError, UnicodeDecodeError, json.JSONDecodeError):
        raise _bad("The archive's manifest.json cannot be read.") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT or not isinstance(manifest.get("members"), dict):
        raise _bad("The archive's manifest.json is not the manifest of a group archive.")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise _bad(
            "The archive has format version %(found)s; this Styr reads version %(expected)s.",
            {"found": manifest.get("format_version"), "expected": FORMAT_VERSION},
            "BACKUP-002",
        )
    for name in names:
        if name != MANIFEST and name not in manifest["members"]:
            raise _bad("The archive's member %(name)s is not listed in its manifest.", {"name": name}, "BACKUP-006")
    return ArchiveReader(zf, manifest, digest=digest.hexdigest())
