"""Open data (issue 13 §3): the adopted plans, the goals in force with their status, the public
indicator values and the adopted frames with their results, as rows for CSV and JSON at stable
URLs and for the public API. Rows are built from the public selectors only (OPEN-001, OPEN-002);
each data set reads in a fixed number of queries however much data there is.

Field names are Swedish and stable (they are the files' column names); their descriptions are
shown on the data description page. Amounts are kronor.

CSV: UTF-8 with a byte order mark, semicolon between fields, decimal comma, ISO dates
(OPEN-003): what Excel and LibreOffice open as columns of numbers in a Swedish locale without an
import dialog. JSON: UTF-8, numbers as decimal strings with a point (exact, as the API gives them).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from styr.followup.models import ValueSource
from styr.organisation.models import MunicipalGroup
from styr.planning.selectors import plan_list_public
from styr.public.selectors import goals_in_force_with_ids, public_frames, public_goals, public_measurements, public_results

LICENCE = "CC0-1.0"
LICENCE_URL = "https://creativecommons.org/publicdomain/zero/1.0/deed.sv"
KOLADA_NOTE = "Källa: Kolada"
Row = dict[str, Any]

INTEGER, DECIMAL, TEXT, DATE, BOOLEAN = _("integer"), _("decimal number"), _("text"), _("date (YYYY-MM-DD)"), _("true/false")


@dataclass(frozen=True)
class Field:
    name: str
    kind: Promise
    description: Promise


@dataclass(frozen=True)
class DataSet:
    slug: str
    title: Promise
    description: Promise
    fields: tuple[Field, ...]
    rows: Callable[[MunicipalGroup, int | None, str], list[Row]]
    #: whether ?ar= filters it, and what the year means
    year_filter: Promise

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.fields]


def _kolada_note(source: str) -> str:
    return KOLADA_NOTE if source == ValueSource.KOLADA else ""


def _kr(tsek: Decimal | None) -> Decimal | None:
    return (tsek * 1000).quantize(Decimal(1)) if tsek is not None else None


def plan_rows(group: MunicipalGroup, year: int | None, base: str = "") -> list[Row]:
    """Every adopted plan (each revision as decided), newest year first. One query."""
    plans = plan_list_public(group)
    if year is not None:
        plans = plans.filter(year=year)
    return [
        {
            "plan_id": p.pk,
            "organ_id": p.org_unit_id,
            "organ": p.org_unit.name,
            "typ": p.kind,
            "typ_namn": str(p.get_kind_display()),
            "ar": p.year,
            "revision": p.revision,
            "beslutsdatum": p.decision.decided_on if p.decision else None,
            "paragraf": p.decision.paragraph if p.decision else "",
            "diarienummer": p.decision.registration_number if p.decision else "",
            "pdf": base + reverse("documents:public_plan", args=[p.pk, "pdf"]),
            "word": base + reverse("documents:public_plan", args=[p.pk, "docx"]),
        }
        for p in plans
    ]


def goal_rows(group: MunicipalGroup, year: int | None, base: str = "") -> list[Row]:
    """The goals in force (all adopted goals without a year) with their latest public status."""
    rows = []
    for item in public_goals(group, year=year):
        goal, status = item.goal, item.status
        rows.append(
            {
                "mal_id": goal.pk,
                "organ_id": goal.org_unit.pk,
                "organ": goal.org_unit.name,
                "titel": goal.title,
                "medborgarnytta": goal.citizen_change,
                "startar": goal.start_year,
                "slutar": goal.end_year,
                "status": status.code if status else "",
                "status_namn": status.label if status else "",
                "status_period": status.period_end if status else None,
                "antal_indikatorer": len(item.indicators),
                "under_revision": goal.pending_revision,
            }
        )
    return rows


def value_rows(group: MunicipalGroup, year: int | None, base: str = "", *, offset: int = 0, limit: int | None = None) -> list[Row]:
    """The public values of the indicators in force, by indicator and month; ``year`` filters the
    values' year. Five queries however many values; ``offset``/``limit`` page them (the API)."""
    return value_page(group, year, offset=offset, limit=limit)[1]


def value_page(group: MunicipalGroup, year: int | None, *, offset: int = 0, limit: int | None = None) -> tuple[int, list[Row]]:
    goals, ids = goals_in_force_with_ids(group, year=None)
    named: dict[int, tuple[Any, Any]] = {}
    for goal in goals:
        for pk, indicator in zip(ids[goal.pk], goal.indicators, strict=False):
            named[pk] = (goal, indicator)
    values = public_measurements(group, named)
    if year is not None:
        values = values.filter(period__year=year)
    count = values.count() if limit is not None else -1
    window = values[offset : offset + limit] if limit is not None else values
    rows = []
    for indicator_id, period, value, source in window.values_list("indicator_id", "period", "value", "source"):
        goal, indicator = named[indicator_id]
        rows.append(
            {
                "mal_id": goal.pk,
                "mal": goal.title,
                "indikator_id": indicator_id,
                "indikator": indicator.name,
                "enhet": indicator.unit_label,
                "period": f"{period:%Y-%m}",
                "varde": value,
                "kalla": source,
                "kallhanvisning": _kolada_note(source),
            }
        )
    return (count if count >= 0 else len(rows)), rows


def frame_rows(group: MunicipalGroup, year: int | None, base: str = "") -> list[Row]:
    """The adopted frames per committee and year, with the result of the committee's latest
    adopted report of the year. Three queries."""
    frames = public_frames(group, years=[year] if year is not None else None)
    results = public_results(group, years={f.year for f in frames})
    rows = []
    for f in frames:
        result = results.get((f.org_unit.pk, f.year))
        rows.append(
            {
                "ar": f.year,
                "organ_id": f.org_unit.pk,
                "organ": f.org_unit.name,
                "driftram_beslutad_kr": _kr(f.adopted_tsek),
                "justeringar_kr": _kr(f.adjustments_tsek),
                "driftram_kr": _kr(f.current_tsek),
                "investeringsram_beslutad_kr": _kr(f.adopted_investment_tsek),
                "investeringsram_kr": _kr(f.investment_tsek),
                "beslutsdatum": f.decided_on,
                "paragraf": f.paragraph,
                "diarienummer": f.registration_number,
                "utfall_till_manad": result.month if result else None,
                "utfall_kr": result.actual_to_date_sek if result else None,
                "helarsprognos_kr": result.forecast_sek if result else None,
                "rapport_period_slut": result.period_end if result else None,
            }
        )
    return rows


ORGAN = (Field("organ_id", INTEGER, _("The body's id in Styr")), Field("organ", TEXT, _("The body (council, committee, board)")))
DECISION = (
    Field("beslutsdatum", DATE, _("The day of the decision")),
    Field("paragraf", TEXT, _("The paragraph of the minutes")),
    Field("diarienummer", TEXT, _("The registration number of the decision")),
)

DATA_SETS: tuple[DataSet, ...] = (
    DataSet(
        slug="planer",
        title=_("Adopted plans"),
        description=_("Every adopted plan, each revision as its body decided it, with links to the documents."),
        fields=(
            Field("plan_id", INTEGER, _("The plan's id in Styr")),
            *ORGAN,
            Field("typ", TEXT, _("The plan's kind as a code: goals_and_budget (Mål och budget) or operational_plan (verksamhetsplan)")),
            Field("typ_namn", TEXT, _("The plan's kind in words")),
            Field("ar", INTEGER, _("The year the plan is for")),
            Field("revision", INTEGER, _("The revision (1 for the first adoption)")),
            *DECISION,
            Field("pdf", TEXT, _("Link to the adopted plan as PDF")),
            Field("word", TEXT, _("Link to the adopted plan as Word")),
        ),
        rows=plan_rows,
        year_filter=_("the plan's year"),
    ),
    DataSet(
        slug="mal",
        title=_("Goals and their status"),
        description=_("The development goals in force, as adopted, with the status of their latest assessment in an adopted report."),
        fields=(
            Field("mal_id", INTEGER, _("The goal's id in Styr")),
            *ORGAN,
            Field("titel", TEXT, _("The goal")),
            Field("medborgarnytta", TEXT, _("The change the residents should notice")),
            Field("startar", INTEGER, _("The first year the goal is in force")),
            Field("slutar", INTEGER, _("The last year the goal is in force")),
            Field("status", TEXT, _("The latest assessed status as a code on the status scale; empty when not yet assessed in an adopted report")),
            Field("status_namn", TEXT, _("The status in words")),
            Field("status_period", DATE, _("The last day of the period the status was assessed for")),
            Field("antal_indikatorer", INTEGER, _("The number of indicators the goal is measured by")),
            Field("under_revision", BOOLEAN, _("A new revision is being prepared; the goal is given as adopted until it is decided")),
        ),
        rows=goal_rows,
        year_filter=_("goals in force that year"),
    ),
    DataSet(
        slug="indikatorvarden",
        title=_("Indicator values"),
        description=_("The values of the goals' indicators: those of months an adopted report covers, and those from Kolada."),
        fields=(
            Field("mal_id", INTEGER, _("The goal's id in Styr")),
            Field("mal", TEXT, _("The goal")),
            Field("indikator_id", INTEGER, _("The indicator's id in Styr")),
            Field("indikator", TEXT, _("The indicator")),
            Field("enhet", TEXT, _("The unit the value is given in")),
            Field("period", TEXT, _("The month the value is for (YYYY-MM)")),
            Field("varde", DECIMAL, _("The value")),
            Field("kalla", TEXT, _("Where the value comes from: manual (entered by the municipality) or kolada")),
            Field("kallhanvisning", TEXT, _("“Källa: Kolada” for a value from Kolada, as Kolada's terms require; empty otherwise")),
        ),
        rows=value_rows,
        year_filter=_("the values' year"),
    ),
    DataSet(
        slug="ramar",
        title=_("Frames and results"),
        description=_(
            "Each committee's frames as the council adopted them and as they stand after KS's decided adjustments, "
            "with the actual and the full-year forecast of its latest adopted report of the year. Kronor."
        ),
        fields=(
            Field("ar", INTEGER, _("The year")),
            *ORGAN,
            Field("driftram_beslutad_kr", DECIMAL, _("The operating frame (net cost) as the council adopted it, kronor")),
            Field("justeringar_kr", DECIMAL, _("KS's decided adjustments of the operating frame, kronor")),
            Field("driftram_kr", DECIMAL, _("The operating frame in force, kronor")),
            Field("investeringsram_beslutad_kr", DECIMAL, _("The investment frame as the council adopted it, kronor")),
            Field("investeringsram_kr", DECIMAL, _("The investment frame in force, kronor")),
            *DECISION,
            Field("utfall_till_manad", INTEGER, _("The month the actual runs to, from the latest adopted report of the year")),
            Field("utfall_kr", DECIMAL, _("The actual net cost from January to that month, kronor")),
            Field("helarsprognos_kr", DECIMAL, _("The full-year forecast of net cost in that report, kronor")),
            Field("rapport_period_slut", DATE, _("The last day of that report's period")),
        ),
        rows=frame_rows,
        year_filter=_("the frames' year"),
    ),
)
BY_SLUG = {d.slug: d for d in DATA_SETS}


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f").replace(".", ",")
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    # OPEN-003: a text a spreadsheet would read as a formula goes out with an apostrophe first
    # (OWASP's advice on CSV injection); numbers and dates above are never text
    return "'" + text if text.startswith(FORMULA_STARTS) else text


#: the first characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def to_csv(data_set: DataSet, rows: Sequence[Row]) -> bytes:
    """UTF-8 with BOM, semicolons, decimal comma, CRLF line ends (OPEN-003)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(data_set.names)
    for row in rows:
        writer.writerow([_csv_cell(row[name]) for name in data_set.names])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_json(data_set: DataSet, rows: Sequence[Row], *, group: MunicipalGroup, year: int | None) -> bytes:
    document = {
        "data_set": data_set.slug,
        "title": str(data_set.title),
        "publisher": group.name,
        "year": year,
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "note": "Värden med kalla = kolada: Källa: Kolada.",
        "fields": [{"name": f.name, "type": str(f.kind), "description": str(f.description)} for f in data_set.fields],
        "rows": list(rows),
    }
    return json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1).encode("utf-8")
