"""Saved Kolada answers uploaded on the Kolada page (issue 13 §1, KOLADA-008). A controller of one
municipality (``kolada.sync`` on the group's KS) may write only values: Kolada's values of the
group's own municipality and its comparison municipalities for the KPIs the group's indicators
are bound to, and from them the bound indicators' follow-up values. The catalogue (KPIs,
municipalities, municipality groups, units) is shared by every municipality, so a file that
holds catalogue records is refused, named, and nothing is written; the operator's command
``kolada_sync --from-dir`` writes the catalogue. Values for other municipalities, KPIs or years
are skipped (counted in the result). The upload is audited with the file's name and SHA-256."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from styr.core import audit
from styr.core.actors import Actor
from styr.core.permissions import require
from styr.domain.errors import RuleViolation, _
from styr.economy.selectors.frames import executive_board
from styr.followup.kolada import SyncResult, bound_goal_indicators, bound_quality_indicators, comparison_municipalities, kolada_sync
from styr.integrations.kolada_offline import SavedAnswers
from styr.organisation.models import MunicipalGroup
from styr.planning.models import KoladaSettings


@dataclass(frozen=True)
class UploadResult:
    file: str
    sha256: str
    sync: SyncResult
    #: values in the file outside the group's municipalities, bound KPIs or years (not stored)
    skipped: int


def _refuse_catalogue(answers: SavedAnswers) -> None:
    if answers.catalogue_files:
        raise RuleViolation(
            "KOLADA-008",
            _(
                "The file %(file)s holds Kolada's catalogue (KPIs, municipalities, groups or units), which every municipality shares: "
                "upload only values here; the operator imports the catalogue with the command kolada_sync --from-dir. Nothing was stored."
            ),
            {"file": answers.catalogue_files[0]},
        ).located(answers.catalogue_files[0], None)


def kolada_upload(*, actor: Actor, group: MunicipalGroup, name: str, content: bytes) -> UploadResult:
    """Import the uploaded file's values for the group (KOLADA-008, see the module): all or nothing."""
    require(actor, "kolada.sync", executive_board(group))
    digest = hashlib.sha256(content).hexdigest()
    answers = SavedAnswers.from_uploads([(name, content)])
    _refuse_catalogue(answers)
    settings = KoladaSettings.objects.filter(group=group).first()
    if settings is None:
        raise RuleViolation("KOLADA-008", _("Save the Kolada settings (the own municipality) before uploading values. Nothing was stored."), {})
    places = set(comparison_municipalities(settings, ()))
    kpis = {i.kolada_kpi for i in bound_goal_indicators(group)} | {i.kolada_kpi for i in bound_quality_indicators(group)}
    years = set(range(settings.first_year, timezone.localdate().year + 1))
    skipped = sum(1 for v in answers.saved.values if v.municipality not in places or v.kpi not in kpis or v.year not in years)
    with transaction.atomic():
        result = kolada_sync(actor=actor, source=answers, group=group)
        audit.record(
            actor=actor,
            action="kolada.uploaded",
            obj=None,
            group=group,
            after={
                "file": name,
                "sha256": digest,
                "values_stored": result.values_stored,
                "measurements_written": result.measurements_written,
                "skipped": skipped,
            },
        )
    return UploadResult(file=name, sha256=digest, sync=result, skipped=skipped)
