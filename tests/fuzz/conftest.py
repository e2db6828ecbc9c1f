"""Shared pieces of the fuzz tests (issue 14 §7): mutations of a valid file, a zip bomb, and the
check every importer is held to: success, or a rule with a Swedish message and nothing written."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from io import BytesIO
from typing import Any

from django.apps import apps
from django.utils import translation
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from styr.core.errors import violation_message
from styr.domain.errors import RuleViolation

#: Modest on purpose: the whole fuzz suite runs in under two minutes on the shared machine.
FUZZ = settings(max_examples=25, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def row_counts() -> dict[str, int]:
    """Every table of Styr's own apps, counted: a refusal leaves them all as they were."""
    return {model._meta.label: model._base_manager.count() for model in apps.get_models() if model.__module__.startswith("styr.")}


def attempt(call: Callable[[], Any], codes: set[str]) -> str:
    """Run an import; a refusal must be one of ``codes``, with a message in Swedish (not the
    English source) and no row written. Answers "ok" or the refusing rule."""
    before = row_counts()
    try:
        call()
    except RuleViolation as violation:
        assert violation.code in codes, (violation.code, violation.template, violation.detail)
        with translation.override("sv"):
            swedish = violation_message(violation)
        with translation.override("en"):
            english = violation_message(violation)
        assert swedish and swedish != english, (violation.code, swedish)
        after = row_counts()
        assert after == before, {k: (before[k], after[k]) for k in before if before[k] != after[k]}
        return violation.code
    return "ok"


def flip(data: bytes, positions: list[int], value: int) -> bytes:
    out = bytearray(data)
    for position in positions:
        out[position % len(out)] ^= value or 0xFF
    return bytes(out)


@st.composite
def mutated(draw: st.DrawFn, base: bytes) -> bytes:
    """A valid file with bytes flipped, cut short, or with bytes put in; or random bytes."""
    kind = draw(st.sampled_from(["flip", "truncate", "insert", "random", "zip-member"]))
    if kind == "flip":
        return flip(base, draw(st.lists(st.integers(0, len(base) - 1), min_size=1, max_size=8)), draw(st.integers(0, 255)))
    if kind == "truncate":
        return base[: draw(st.integers(0, len(base) - 1))]
    if kind == "insert":
        at = draw(st.integers(0, len(base)))
        return base[:at] + draw(st.binary(min_size=1, max_size=64)) + base[at:]
    if kind == "random":
        return draw(st.binary(max_size=4096))
    return zip_member_altered(base, draw)


def zip_member_altered(base: bytes, draw: st.DrawFn) -> bytes:
    """One member of a zip (an xlsx) replaced by random bytes, cut short, or left out."""
    try:
        with zipfile.ZipFile(BytesIO(base)) as archive:
            members = [(info.filename, archive.read(info)) for info in archive.infolist()]
    except zipfile.BadZipFile:
        return base
    index = draw(st.integers(0, len(members) - 1))
    how = draw(st.sampled_from(["random", "truncate", "drop"]))
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for number, (name, content) in enumerate(members):
            if number == index:
                if how == "drop":
                    continue
                content = draw(st.binary(max_size=512)) if how == "random" else content[: draw(st.integers(0, max(0, len(content) - 1)))]
            archive.writestr(name, content)
    return out.getvalue()


def zip_bomb(base: bytes, member: str = "xl/sharedStrings.xml", megabytes: int = 64) -> bytes:
    """The valid file with one member swapped for ``megabytes`` MB of spaces (about 60 kB packed)."""
    with zipfile.ZipFile(BytesIO(base)) as archive:
        members = [(info.filename, archive.read(info)) for info in archive.infolist()]
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, content in members:
            if name != member:
                archive.writestr(name, content)
        archive.writestr(member, b"<sst>" + b" " * (megabytes * 1024 * 1024) + b"</sst>")
    return out.getvalue()
