"""The oversight's data (``overview_content``: live, or frozen in KS's adopted evaluation) made ready
for the page, the PDF and Word: labels of the reader's language, the status bars and totals."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.utils.translation import gettext as _

from styr.control.models import Severity
from styr.control.selectors.oversight import SEVERITIES
from styr.domain.numbers import sv_number
from styr.followup.overview import status_bar
from styr.organisation.models import MunicipalGroup

Scale = list[tuple[str, str, str]]


def scale_of(group: MunicipalGroup, language: str) -> Scale:
    return [(s.code, s.label_en if language.startswith("en") else s.label_sv, s.colour) for s in group.governance.status_scale]


def plan_state_label(state: str) -> str:
    return {"draft": _("Draft"), "proposed": _("Proposed"), "adopted": _("Adopted")}.get(state, _("No plan"))


def report_state_label(state: str) -> str:
    return {"draft": _("Draft"), "submitted": _("Submitted"), "reviewed": _("Reviewed"), "adopted": _("Adopted")}.get(state, _("not started"))


def on_time_label(on_time: bool | None) -> str:
    return {True: _("on time"), False: _("after the deadline"), None: ""}[on_time]


def severity_labels() -> list[tuple[str, str]]:
    labels = dict(Severity.choices)
    return [(code, str(labels[code])) for code in SEVERITIES]


def prepare(content: dict[str, Any], scale: Scale) -> dict[str, Any]:
    """Rows of the page's and the documents' tables from the content."""
    labels = {code: label for code, label, _colour in scale}
    bodies = []
    for b in content["bodies"]:
        results = Counter(b["results"])
        bodies.append(
            {
                **b,
                "plan_label": plan_state_label(b["plan_state"]),
                "on_time_label": on_time_label(b["on_time"]),
                "report_label": report_state_label(b["report_state"]),
                "bar": status_bar(results, scale),
                "results_list": [(label, results.get(code, 0)) for code, label, _colour in scale],
                "numbers": " · ".join(f"{label} {sv_number(results[code])}" for code, label, _colour in scale if results.get(code)),
                "deviation_list": [b["deviations"].get(code, 0) for code in SEVERITIES],
                "deviation_total": sum(b["deviations"].values()),
                "bar_key": str(b["unit_id"]),
            }
        )
    totals = Counter[str]()
    for b in content["bodies"]:
        totals.update(b["results"])
    common = [{**c, "bodies": [{**x, "status_label": labels.get(x["status"], _("not reported"))} for x in c["bodies"]]} for c in content["common_controls"]]
    return {
        "parts": [
            (_("Committees and the executive board"), [b for b in bodies if not b["company"]]),
            (_("Companies and joint authorities"), [b for b in bodies if b["company"]]),
        ],
        "bodies": bodies,
        "areas": [{**a, "counts": [a[code] for code in SEVERITIES], "total": sum(a[code] for code in SEVERITIES)} for a in content["areas"]],
        "common": common,
        "actions": [{**a, "body": b["name"]} for b in content["bodies"] for a in b["overdue_actions"]],
        "severities": severity_labels(),
        "scale": scale,
        "total_bar": status_bar(totals, scale),
        "total_numbers": " · ".join(f"{label} {sv_number(totals[code])}" for code, label, _colour in scale if totals.get(code)),
        "adopted_plans": sum(1 for b in content["bodies"] if b["plan_state"] == "adopted"),
        "body_count": len(content["bodies"]),
    }
