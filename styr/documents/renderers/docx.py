"""Word renderer: the same plan content as the PDF, as a .docx built with python-docx.

Headings use Word's built-in heading styles, so the document's outline (and a screen
reader's) follows the plan's parts. A municipality's own Word template can later be given
as the base document.
"""

from __future__ import annotations

from io import BytesIO
from typing import Any

from django.utils.translation import gettext as _
from docx import Document
from docx.document import Document as DocumentObject
from docx.shared import Cm


def _table(doc: DocumentObject, headers: list[str], rows: list[list[str]]) -> None:
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text


def render_plan_docx(content: dict[str, Any], *, generated_at: str) -> bytes:
    meta, s = content["meta"], content["sections"]
    doc = Document()
    doc.core_properties.title = meta["title"]
    doc.core_properties.author = meta["group"]
    doc.core_properties.language = "sv-SE"
    doc.add_paragraph(meta["group"])
    doc.add_heading(meta["title"], level=0)
    doc.add_paragraph(meta["subtitle"])
    decision = meta.get("decision")
    if decision:
        doc.add_paragraph(
            _("Adopted %(date)s, %(paragraph)s, registration number %(number)s")
            % {"date": decision["date"], "paragraph": decision["paragraph"], "number": decision["registration_number"]}
        )
    else:
        doc.add_paragraph(_("Draft – not adopted"))
    doc.add_paragraph(f"{_('Generated')} {generated_at}")

    doc.add_heading(meta["vision_title"] or _("Vision"), level=1)
    doc.add_paragraph(meta["vision"])
    if meta["values"]:
        doc.add_heading(meta["values_title"], level=2)
        doc.add_paragraph(meta["values"])

    doc.add_heading(_("Core mission"), level=1)
    for m in s["core_mission"]:
        doc.add_paragraph(f"{_('Whom it serves')}: {m['serves']}")
        doc.add_paragraph(f"{_('Purpose')}: {m['purpose']}")
        doc.add_paragraph(f"{_('What governs it')}: {m['governed_by']}")
        if m.get("political_direction"):
            doc.add_paragraph(f"{_('Political direction in Mål och budget')}: {m['political_direction']}")
        if m["risks"]:
            _table(
                doc,
                [_("Risk"), _("Likelihood"), _("Consequence"), _("Risk value")],
                [[r["title"], str(r["likelihood"]), str(r["consequence"]), str(r["risk_value"])] for r in m["risks"]],
            )

    doc.add_heading(_("Quality in the core mission"), level=1)
    for f in s["quality"]:
        doc.add_heading(f["title"], level=2)
        if f["indicators"]:
            _table(
                doc,
                [_("Quality indicator"), _("Direction"), _("Source"), _("Frequency"), _("Owner")],
                [[i["name"], i["direction"], i["source"], i["frequency"], i["owner"]] for i in f["indicators"]],
            )

    doc.add_heading(_("Analysis"), level=1)
    for a in s["analysis"]:
        doc.add_heading(a["title"], level=2)
        for key in ("description", "expected_impact", "core_mission_quality", "goal_attainment", "economy"):
            if a.get(key):
                doc.add_paragraph(a[key])

    doc.add_heading(_("Direction and development areas"), level=1)
    for d in s["direction"]:
        doc.add_paragraph(d["text"])
    for area in s["development_areas"]:
        doc.add_paragraph(f"{area['title']}: {area['description']}".rstrip(": "), style="List Bullet")

    doc.add_heading(_("Development goals"), level=1)
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
        _table(doc, [_("Goal"), _("Period"), _("Goal indicators")], rows)

    doc.add_heading(_("Special assignments"), level=1)
    if s["assignments"]:
        _table(
            doc,
            [_("Assignment"), _("Given to"), _("Deadline"), _("Execution form")],
            [[a["title"], a["receiver"], a["deadline"], a["execution_form"]] for a in s["assignments"]],
        )

    if meta["kind"] == "goals_and_budget":
        doc.add_heading(_("Financial goals"), level=1)
        for f in s["financial_goals"]:
            doc.add_paragraph(f"{f['title']} {f['target']}".strip(), style="List Bullet")

    doc.add_heading(f"{_('Operating frames')} {meta['year']}", level=1)
    if s["frames"]:
        rows = [[f["title"], f["amount"]] for f in s["frames"]]
        if meta["frames_total"]:
            rows.append([_("Total"), meta["frames_total"]])
        _table(doc, [_("Committee"), _("Frame (tkr)")], rows)

    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def render_report_docx(content: dict[str, Any], *, generated_at: str, charts: list[Any] | None = None) -> bytes:
    """A unit's report for a period as Word: the same content as its PDF."""
    meta, s = content["meta"], content["sections"]
    doc = Document()
    doc.core_properties.title = f"{meta['title']} – {meta['unit']}"
    doc.core_properties.author = meta["group"]
    doc.core_properties.language = "sv-SE"
    doc.add_paragraph(f"{meta['group']} · {meta['unit']}")
    doc.add_heading(meta["title"], level=0)
    doc.add_paragraph(f"{meta['start']} – {meta['end']}")
    decision = meta.get("decision")
    if decision:
        doc.add_paragraph(
            _("Adopted %(date)s, %(paragraph)s, registration number %(number)s")
            % {"date": decision["date"], "paragraph": decision["paragraph"], "number": decision["registration_number"]}
        )
    else:
        doc.add_paragraph(_("Draft – not adopted"))
    doc.add_paragraph(f"{_('Generated')} {generated_at}")
    doc.add_heading(_("Development goals"), level=1)
    for goal in s["goals"]:
        doc.add_heading(f"{goal['title']} – {goal['status']}", level=2)
        if goal["analysis"]:
            doc.add_paragraph(goal["analysis"])
        if goal["indicators"]:
            _table(
                doc,
                [_("Goal indicator"), _("Baseline"), _("Target"), _("Value")],
                [[i["name"], i["baseline"], i["target"], i["value"]] for i in goal["indicators"]],
            )
    doc.add_heading(_("Quality in the core mission"), level=1)
    for factor in s["quality"]:
        doc.add_heading(factor["title"], level=2)
        _table(doc, [_("Quality indicator"), _("Value")], [[i["name"], i["value"]] for i in factor["indicators"]])
    doc.add_heading(_("Special assignments"), level=1)
    if s["assignments"]:
        _table(doc, [_("Assignment"), _("Deadline"), _("Status")], [[a["title"], a["deadline"], a["status"]] for a in s["assignments"]])
    doc.add_heading(_("Activities"), level=1)
    for activity in s["activities"]:
        doc.add_paragraph(f"{activity['title']} – {activity['status']}", style="List Bullet")
    if charts:
        doc.add_heading(_("Charts"), level=1)
        for chart in charts:
            doc.add_picture(BytesIO(chart.png()), width=Cm(14))
            picture = doc.inline_shapes[-1]
            picture._inline.docPr.set("descr", chart.alt)  # the picture's text alternative
            doc.add_paragraph(chart.alt)
            _table(doc, list(chart.columns), [list(row) for row in chart.rows])  # the chart's data
    for part in s["analysis"]:
        if part["text"]:
            doc.add_heading(part["title"], level=1)
            doc.add_paragraph(part["text"])
    out = BytesIO()
    doc.save(out)
    return out.getvalue()
