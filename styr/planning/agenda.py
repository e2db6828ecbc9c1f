"""Loading the Agenda 2030 reference data (17 goals, 169 targets) from its data file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

DATA_FILE = Path(__file__).resolve().parent / "data" / "agenda2030.yaml"


def agenda_data() -> list[dict[str, Any]]:
    data = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    goals: list[dict[str, Any]] = data["goals"]
    return goals


def load_agenda(goal_model: Any, target_model: Any) -> None:
    """Create or update the rows; used by the data migration (with historical models)."""
    for goal in agenda_data():
        sdg, _ = goal_model.objects.update_or_create(number=goal["number"], defaults={"title_sv": goal["title_sv"], "title_en": goal["title_en"]})
        for position, target in enumerate(goal["targets"]):
            target_model.objects.update_or_create(
                code=str(target["code"]),
                defaults={"goal": sdg, "position": position, "title_sv": target["title_sv"], "title_en": target["title_en"]},
            )
