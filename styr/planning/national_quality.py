"""The national requirements on systematic quality work, read from their reference data file
(seed §5.B; ``styr/domain/national_quality.py`` holds the rules)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from styr.domain.national_quality import NationalRequirement, check_requirement, parse_requirements

DATA_FILE = Path(__file__).resolve().parent / "data" / "national_quality.yaml"


@cache
def national_requirements() -> tuple[NationalRequirement, ...]:
    return parse_requirements(yaml.safe_load(DATA_FILE.read_text(encoding="utf-8")))


def national_requirement(key: str) -> NationalRequirement | None:
    return next((r for r in national_requirements() if r.key == key), None)


def checked_requirement(key: str) -> str:
    """QUAL-001 against the reference data."""
    return check_requirement(key, (r.key for r in national_requirements()))
