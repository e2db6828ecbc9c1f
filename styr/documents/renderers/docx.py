"""Word renderer: the same plan content as the PDF, as a .docx built with python-docx.

Headings use Word's built-in heading styles, so the document's outline (and a screen
reader's) follows the plan's parts. Pages are A4 and the text is Swedish (sv-SE); python-docx's
own default template is US Letter and en-US. A municipality's own Word template (its fonts,
header and footer, styles) is used as the base document when the group has uploaded one: its
body is cleared and its section (page, header, footer) kept.

Tables repeat their header row on every page, their columns are wide enough for their
longest word (Word breaks a word that does not fit inside a cell), and labels are bold as
in the PDF.
"""

from __future__ import annotations

from io import BytesIO
from typing import Any

from django.utils.translation import gettext as _
from docx.document import Document as DocumentObject
from docx.shared import Cm

from styr.documents.renderers.docx_base import _bullet, _heading, _labelled, _save, _table, new_document
from styr.documents.renderers.docx_companies import directives_docx
from styr.documents.renderers.docx_control import control_body_docx, control_decision_line
from styr.documents.renderers.docx_statements import statements_docx


def render_plan_docx(content: dict[str, Any], *, generated_at: str, base: bytes | None = None) -> bytes:
    meta, s = content["meta"], content["sections"]
    doc = new_document(base)
    doc.core_properties.title = meta["title"]
    doc.core_properties.author = meta["group"]
    doc.core_properties.language = "sv-SE"
    doc.add_paragraph(meta["group"])
    _heading(doc, meta["title"], level=0)
    doc.add_paragraph(meta["subtitle"])
    decision = meta.get("decision")
    if decision:
        doc.add_paragraph(
            _("Adopted %(date)s, %(paragraph)s, registration number %(number)s")
            % {"date": decision["date"], "paragraph": decision["paragraph"], "number": decision["registration_number"]}
        )
        if meta.get("snapshot_sha256"):  # the adopted version's hash, checkable on /offentlig/<group>/verifiera/
            doc.add_paragraph(_("Adopted version, SHA-256: %(sha256)s") % {"sha256": meta["snapshot_sha256"]})
    else:
        doc.add_paragraph().add_run(_("Draft – not adopted")).bold = True  # bold, as in the PDF
    doc.add_paragraph(f"{_('Generated')} {generated_at}")

    _heading(doc, meta["vision_title"] or _("Vision"), level=1)
    doc.add_paragraph(meta["vision"])
    if meta["values"]:
        _heading(doc, meta["values_title"], level=2)
        doc.add_paragraph(meta["values"])

    _heading(doc, _("Core mission"), level=1)
    for m in s["core_mission"]:
        _labelled(doc, _("Whom it serves"), m["serves"])
        _labelled(doc, _("Purpose"), m["purpose"])
        documents = m.get("governing_documents") or []
        _labelled(doc, _("What governs it"), m["governed_by"] + (f" ({'; '.join(documents)})" if documents else ""))
        if m.get("political_direction"):
            _labelled(doc, _("Political direction in Mål och budget"), m["political_direction"])
        if m["risks"]:
            _table(
                doc,
                [_("Risk"), _("Likelihood"), _("Consequence"), _("Risk value")],
                [[r["title"], str(r["likelihood"]), str(r["consequence"]), str(r["risk_value"])] for r in m["risks"]],
                numeric=[1, 2, 3],
            )

    _heading(doc, _("Quality in the core mission"), level=1)
    for f in s["quality"]:
        _heading(doc, f["title"], level=2)
        if f["indicators"]:
            _table(
                doc,
                [_("Quality indicator"), _("Direction"), _("Source"), _("Frequency"), _("Owner")],
                [[i["name"], i["direction"], i["source"], i["frequency"], i["owner"]] for i in f["indicators"]],
            )

    _heading(doc, _("Analysis"), level=1)
    for a in s["analysis"]:
        _heading(doc, a["title"], level=2)
        if a.get("description"):
            doc.add_paragraph(a["description"])
        for key, label in (
            ("expected_impact", _("Expected impact")),
            ("core_mission_quality", _("Quality of the core mission")),
            ("goal_attainment", _("Goal attainment")),
            ("economy", _("Economy")),
        ):
            if a.get(key):
                _labelled(doc, label, a[key])

    _heading(doc, _("Direction and development areas"), level=1)
    for d in s["direction"]:
        doc.add_paragraph(d["text"])
    for area in s["development_areas"]:
        _bullet(doc, area["description"], label=area["title"])

    _heading(doc, _("Development goals"), level=1)
    if s["goals"]:
        rows = []
        for goal in s["goals"]:
            indicators = "; ".join(f"{i['name']} – {_('Baseline')} {i['baseline']}, {_('target')} {i['targets']}" for i in goal["indicators"])
            rows.append(
                [
                    goal["title"] + (f"\n{goal['citizen_change']}" if goal["citizen_change"] else ""),
                    goal["period"],
                    indicators or _("Assessed by professional judgement"),
                ]
            )
        _table(doc, [_("Goal"), _("Period"), _("Goal indicators")], rows, titled=[0])

    _heading(doc, _("Special assignments"), level=1)
    if s["assignments"]:
        _table(
            doc,
            [_("Assignment"), _("Given to"), _("Deadline"), _("Execution form")],
            [
                [a["title"] + (f"\n{a['description']}" if a.get("description") else ""), a["receiver"], a["deadline"], a["execution_form"]]
                for a in s["assignments"]
            ],
            titled=[0],
        )

    if meta["kind"] == "goals_and_budget":
        _heading(doc, _("Financial goals"), level=1)
        for f in s["financial_goals"]:
            _bullet(doc, f"{f['title']} – {f['target']}" if f["target"] else f["title"])

    if meta["kind"] == "goals_and_budget":
        _budget_tables(doc, s.get("long_term_budget") or [])
    _frames(doc, meta, s)
    if meta["kind"] == "goals_and_budget":
        _budget_tables(doc, s.get("investments_and_allocation") or [])
    return _save(doc)


def _budget_tables(doc: DocumentObject, parts: list[dict[str, Any]]) -> None:
    """Mål och budget's result, balance and cash-flow budgets, investment room and allocation model
    (issue 11 §6): each part one table with its notes."""
    for part in parts:
        _heading(doc, part["title"], level=1)
        if part["rows"]:
            sources = bool(part.get("with_sources"))
            headers = [*part["headers"], *([_("Source")] if sources else [])]
            rows = [[row["label"], *row["cells"], *([row["source"]] if sources else [])] for row in part["rows"]]
            _table(doc, headers, rows, numeric=range(1 + part.get("text_columns", 0), len(part["headers"])))
        for note in part["notes"]:
            doc.add_paragraph(note)


def _frames(doc: DocumentObject, meta: dict[str, Any], s: dict[str, Any]) -> None:
    """The frames (issue 10 §4): every committee's in Mål och budget; in an operational plan the
    body's own as adopted, KS's adjustments and as it stands now, and its internal budget."""
    headers = [_("Operating frame (tkr)"), _("Investment frame (tkr)")]
    if meta["kind"] == "goals_and_budget":
        _heading(doc, f"{_('Frames')} {meta['year']}", level=1)
        if s["frames"]:
            carried = bool(meta.get("carry_over_total"))
            extra = [_("Carried over (tkr)")] if carried else []
            rows = [[f["title"], f["amount"], f.get("investment") or "–", *([f.get("carry_over") or "–"] if carried else [])] for f in s["frames"]]
            if meta["frames_total"]:
                rows.append([_("Total"), meta["frames_total"], meta.get("investment_total") or "–", *([meta["carry_over_total"]] if carried else [])])
            _table(doc, [_("Committee"), *headers, *extra], rows, numeric=[1, 2, 3] if carried else [1, 2])
        return
    _heading(doc, f"{_('Frame')} {meta['year']}", level=1)
    if s["frames"]:
        f = s["frames"][0]
        rows = []
        if f.get("adopted"):
            adopted = _("As adopted by the council") + (f" ({f['decision']})" if f.get("decision") else "")
            rows.append([adopted, f["adopted"], f.get("adopted_investment") or "–"])
            rows.append([_("The executive board's adjustments"), f.get("adjustments") or "–", f.get("investment_adjustments") or "–"])
        rows.append([_("As it stands now") if f.get("adopted") else _("Proposal, not yet adopted"), f["amount"], f.get("investment") or "–"])
        if f.get("carry_over"):
            rows.append([_("Carried over from %(last)s by the council's decision") % {"last": int(meta["year"]) - 1}, f["carry_over"], "–"])
            rows.append([_("In force, with the carry-over"), f["in_force"], f.get("investment") or "–"])
        _table(doc, ["", *headers], rows, numeric=[1, 2])
    for_adjustments = s.get("frame_adjustments") or []
    if for_adjustments:
        _heading(doc, _("The executive board's adjustments"), level=2)
        _table(
            doc,
            [_("Decision"), _("Reason"), _("Operating (tkr)"), _("Investment (tkr)")],
            [
                [f"{a['decided_on']}, {a['paragraph']}, {a['registration_number']}", a["reason"], a["operating"] or "–", a["investment"] or "–"]
                for a in for_adjustments
            ],
            numeric=[2, 3],
        )
    budget = s.get("internal_budget") or []
    if budget:
        _heading(doc, _("Internal budget"), level=2)
        rows = [[row["title"], row["amount"]] for row in budget] + [[_("Total"), meta.get("internal_budget_total", "")]]
        if meta.get("internal_budget_undistributed"):
            rows.append([_("Undistributed"), meta["internal_budget_undistributed"]])
        _table(doc, [_("Unit"), _("Budget for the year (kr)")], rows, numeric=[1])


def _economy(doc: DocumentObject, e: dict[str, Any]) -> None:
    """The report's economy section (issue 9 §3): the key figures, the forecast and the months."""
    _heading(doc, _("Economy"), level=1)
    if e["frame"]:
        _labelled(doc, _("Operating frame"), f"{e['frame']} kr")
    _labelled(doc, _("Budget for the year"), f"{e['budget_year']} kr")
    _labelled(doc, _("Actual to date"), f"{e['actual_to_date']} kr ({_('budget to date')} {e['budget_to_date']} kr)")
    if e["forecast"]:
        _labelled(doc, _("Full-year forecast"), f"{e['forecast']} kr")
        percent = f" ({e['variance_percent']} %)" if e["variance_percent"] else ""
        _labelled(doc, f"{_('Deviation')} ({_('budget − forecast')})", f"{e['variance']} kr{percent} – {e['status']}")
    else:
        _labelled(doc, _("Full-year forecast"), _("not given"))
    if e["forecast_comment"]:
        doc.add_paragraph(e["forecast_comment"])
    _table(
        doc,
        [_("Month"), _("Budget"), _("Actual"), _("Budget, cumulative"), _("Actual, cumulative")],
        [[m["month"], m["budget"], m["actual"], m["budget_to_date"], m["actual_to_date"]] for m in e["months"]],
        numeric=[1, 2, 3, 4],
    )


def _with_milestones(assignment: dict[str, Any]) -> str:
    """An assignment's title, and a project's milestones with their states below it (PROJ-004)."""
    lines = [f"{_('Milestone')} {m['due']} {m['title']}: {m['state']}" for m in assignment.get("milestones", [])]
    return "\n".join([assignment["title"], *lines])


def _with_source(indicator: dict[str, Any]) -> str:
    """A value from Kolada carries Kolada's source statement in the document too (KOLADA-002)."""
    value = str(indicator["value"])
    return f"{value} ({_('Source: Kolada')})" if indicator.get("source") == "kolada" else value


def _national_quality(doc: Any, national: dict[str, Any]) -> None:
    """Seed §5.B: the quality report in a national requirement's structure (QUAL-001), as on the page."""
    _heading(doc, _("Quality report in the structure of %(title)s") % {"title": national["short_title"]}, level=1)
    doc.add_paragraph(f"{national['title']} ({national['issued_by']}). {national['summary']}")
    for number, sec in enumerate(national["sections"], start=1):
        _heading(doc, f"{number}. {sec['title']} ({sec['reference']})", level=2)
        content = sec["content"]
        if sec["fills_from"] == "factors":
            for factor in content:
                _bullet(doc, f"{factor['title']}: {factor['text'] or '–'}")
        elif sec["fills_from"] == "indicators" and content:
            _table(doc, [_("Quality factor"), _("Quality indicator"), _("Value")], [[i["factor"], i["name"], _with_source(i)] for i in content])
        elif sec["fills_from"] == "risks" and content:
            _table(doc, [_("Risk"), _("Likelihood"), _("Consequence")], [[r["description"], str(r["likelihood"]), str(r["consequence"])] for r in content])
        elif sec["fills_from"] == "analysis":
            doc.add_paragraph(content or _("The report's analysis is not written yet."))
        elif sec["fills_from"] == "activities":
            for activity in content:
                _bullet(doc, f"{activity['title']} – {activity['status']}" + (f" ({activity['owner']})" if activity.get("owner") else ""))


def render_report_docx(content: dict[str, Any], *, generated_at: str, charts: list[Any] | None = None, base: bytes | None = None) -> bytes:
    """A unit's report for a period as Word: the same content as its PDF."""
    meta, s = content["meta"], content["sections"]
    doc = new_document(base)
    doc.core_properties.title = f"{meta['title']} – {meta['unit']}"
    doc.core_properties.author = meta["group"]
    doc.core_properties.language = "sv-SE"
    doc.add_paragraph(f"{meta['group']} · {meta['unit']}")
    _heading(doc, meta["title"], level=0)
    doc.add_paragraph(f"{meta['start']} – {meta['end']}")
    decision = meta.get("decision")
    if decision:
        doc.add_paragraph(
            _("Adopted %(date)s, %(paragraph)s, registration number %(number)s")
            % {"date": decision["date"], "paragraph": decision["paragraph"], "number": decision["registration_number"]}
        )
        if meta.get("snapshot_sha256"):  # the adopted version's hash, checkable on /offentlig/<group>/verifiera/
            doc.add_paragraph(_("Adopted version, SHA-256: %(sha256)s") % {"sha256": meta["snapshot_sha256"]})
    else:
        doc.add_paragraph().add_run(_("Draft – not adopted")).bold = True  # bold, as in the PDF
    doc.add_paragraph(f"{_('Generated')} {generated_at}")
    _heading(doc, _("Development goals"), level=1)
    for goal in s["goals"]:
        _heading(doc, f"{goal['title']} – {goal['status']}", level=2)
        if goal["analysis"]:
            doc.add_paragraph(goal["analysis"])
        if goal["indicators"]:
            _table(
                doc,
                [_("Goal indicator"), _("Baseline"), _("Target"), _("Value")],
                [[i["name"], i["baseline"], i["target"], _with_source(i)] for i in goal["indicators"]],
                numeric=[2],
            )
    _heading(doc, _("Quality in the core mission"), level=1)
    for factor in s["quality"]:
        _heading(doc, factor["title"], level=2)
        _table(doc, [_("Quality indicator"), _("Value")], [[i["name"], _with_source(i)] for i in factor["indicators"]])
    _heading(doc, _("Special assignments"), level=1)
    if s["assignments"]:
        rows = [[_with_milestones(a), a["deadline"], a["status"]] for a in s["assignments"]]
        _table(doc, [_("Assignment"), _("Deadline"), _("Status")], rows)
    _heading(doc, _("Activities"), level=1)
    for activity in s["activities"]:
        _bullet(doc, f"{activity['title']} – {activity['status']}" + (f" ({activity['owner']})" if activity.get("owner") else ""))
    for economy in s.get("economy", []):
        _economy(doc, economy)

    for statements in s.get("statements", []):
        statements_docx(doc, statements)
    for directives in s.get("directives", []):
        directives_docx(doc, directives)
    for part in s.get("internal_control", []):
        _heading(doc, part["title"], level=1)
        doc.add_paragraph(control_decision_line(part.get("decision")))
        control_body_docx(doc, part, level=2)
    for national in s.get("national_quality", []):
        _national_quality(doc, national)
    if charts:
        _heading(doc, _("Charts"), level=1)
        for chart in charts:
            doc.add_picture(BytesIO(chart.png()), width=Cm(14))
            picture = doc.inline_shapes[-1]
            picture._inline.docPr.set("descr", chart.alt)  # the picture's text alternative
            doc.add_paragraph(chart.alt)
            _table(doc, list(chart.columns), [list(row) for row in chart.rows], numeric=range(1, len(chart.columns)))  # the chart's data
    for part in s["analysis"]:
        if part["text"]:
            _heading(doc, part["title"], level=1)
            doc.add_paragraph(part["text"])
    return _save(doc)
