"""Offline import of Kolada (issue 13 §1): answers saved as files, for a municipality behind a
firewall. A directory (or a zip) of JSON files, each a v3 answer (one page or all), a v2 answer or
a bare list of values as pykolada saved them, and rKolada's CSVs (KPI catalogue, values). The
answers answer the same questions as ``KoladaClient``, so the sync does not know the difference.

Every refusal names the file: KOLADA-003 a file that is not a Kolada answer, KOLADA-005 a file
or a zip (what it expands to, the number of its members) past the caps."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from styr.domain import kolada_read
from styr.domain.errors import RuleViolation, _
from styr.domain.kolada import KpiRecord, MunicipalityGroupRecord, MunicipalityRecord, OrgUnitRecord, ValueRecord

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_TOTAL_BYTES = 200 * 1024 * 1024
MAX_FILES = 500
SUFFIXES = (".json", ".csv")
NOT_UTF8 = _("The file is not UTF-8 text. Nothing was stored.")
NO_FILES = _("No .json, .csv or .zip file to read there. Nothing was stored.")
NOT_ZIP = _("The file is not a zip file. Nothing was stored.")


def too_large(name: str, limit: int) -> RuleViolation:
    violation = RuleViolation("KOLADA-005", _("The saved answers are larger than %(limit)s MB; nothing was stored."), {"limit": limit // (1024 * 1024)})
    return violation.located(name, None)


def _too_many() -> RuleViolation:
    return RuleViolation("KOLADA-005", _("More than %(count)s saved answers; nothing was stored."), {"count": MAX_FILES})


class SavedAnswers:
    """Saved answers read into records; asked as the client is asked."""

    def __init__(self) -> None:
        self.saved = kolada_read.Saved()
        self.files: list[str] = []
        #: the files that held catalogue records (KPIs, municipalities, groups, units): KOLADA-008
        self.catalogue_files: list[str] = []

    def _catalogue_size(self) -> int:
        return len(self.saved.kpis) + len(self.saved.municipalities) + len(self.saved.groups) + len(self.saved.org_units)

    def add_file(self, name: str, content: bytes) -> None:
        if len(content) > MAX_FILE_BYTES:
            raise too_large(name, MAX_FILE_BYTES)
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise kolada_read.malformed(NOT_UTF8, source=name) from None
        catalogue = self._catalogue_size()
        if name.lower().endswith(".csv"):
            header = text.lstrip("\ufeff").split("\n", 1)[0]
            if "municipality_id" in header:
                self.saved.values.extend(kolada_read.values_from_csv(text, source=name))
            else:
                self.saved.kpis.extend(kolada_read.kpis_from_csv(text, source=name))
        else:
            try:
                data: Any = json.loads(text)
            except json.JSONDecodeError as error:
                raise kolada_read.malformed(kolada_read.NOT_JSON, {"error": f"{error.msg}, line {error.lineno}"}, source=name) from None
            self.saved.add(data, source=name)
        self.files.append(name)
        if self._catalogue_size() > catalogue:
            self.catalogue_files.append(name)

    @classmethod
    def from_dir(cls, directory: Path) -> SavedAnswers:
        if not directory.is_dir():
            raise kolada_read.malformed(NO_FILES, source=str(directory))
        answers = cls()
        paths = sorted(p for p in directory.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)
        if len(paths) > MAX_FILES:
            raise _too_many()
        total = 0
        for path in paths:
            size = path.stat().st_size
            total += size
            if size > MAX_FILE_BYTES:
                raise too_large(path.name, MAX_FILE_BYTES)
            if total > MAX_TOTAL_BYTES:
                raise too_large(path.name, MAX_TOTAL_BYTES)
            answers.add_file(path.name, path.read_bytes())
        if not answers.files:
            raise kolada_read.malformed(NO_FILES, source=str(directory))
        return answers

    @classmethod
    def from_uploads(cls, files: Iterable[tuple[str, bytes]]) -> SavedAnswers:
        """Uploaded files: JSON or CSV as they are, a zip expanded within the caps (a zip bomb
        stops at the caps, read by what it expands to, not by what it claims)."""
        answers = cls()
        total = 0
        for name, content in files:
            if name.lower().endswith(".zip"):
                for inner, data in _unzipped(name, content, MAX_TOTAL_BYTES - total):
                    total += len(data)
                    answers.add_file(inner, data)
            else:
                total += len(content)
                if total > MAX_TOTAL_BYTES:
                    raise too_large(name, MAX_TOTAL_BYTES)
                answers.add_file(name, content)
            if len(answers.files) > MAX_FILES:
                raise _too_many()
        if not answers.files:
            raise kolada_read.malformed(NO_FILES, source=", ".join(n for n, _c in files) or "-")
        return answers

    # the client's questions -------------------------------------------------------------------

    def kpis(self) -> list[KpiRecord]:
        return list(self.saved.kpis)

    def municipalities(self) -> list[MunicipalityRecord]:
        return list(self.saved.municipalities)

    def municipality_groups(self) -> list[MunicipalityGroupRecord]:
        return list(self.saved.groups)

    def org_units(self, municipality: str) -> list[OrgUnitRecord]:
        return [ou for ou in self.saved.org_units if ou.municipality == municipality]

    def values(self, kpis: Sequence[str], municipalities: Sequence[str], years: Sequence[int]) -> list[ValueRecord]:
        wanted_kpis, wanted_places, wanted_years = set(kpis), set(municipalities), set(years)
        return [v for v in self.saved.values if v.kpi in wanted_kpis and v.municipality in wanted_places and v.year in wanted_years]


def _unzipped(name: str, content: bytes, room: int) -> Iterable[tuple[str, bytes]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except zipfile.BadZipFile:
        raise kolada_read.malformed(NOT_ZIP, source=name) from None
    with archive:
        members = [i for i in archive.infolist() if not i.is_dir() and Path(i.filename).suffix.lower() in SUFFIXES]
        if len(members) > MAX_FILES:
            raise _too_many()
        for info in members:
            inner = f"{name}/{info.filename}"
            limit = min(MAX_FILE_BYTES, room)
            read = bytearray()
            with archive.open(info) as handle:
                while chunk := handle.read(64 * 1024):
                    read += chunk
                    if len(read) > limit:
                        raise too_large(inner, limit)
            room -= len(read)
            yield inner, bytes(read)
