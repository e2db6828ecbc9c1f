"""The committee's internal control report in Word (issue 12 §3): the same content as its PDF
(``documents/control_report_document.html``), and the same body as the annual report's section."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from docx.document import Document as DocumentObject

from styr.documents.renderers.docx_base import _heading, _save, _table, new_document


def _result_text(r: dict[str, Any]) -> str:
    lines = [r["findings"]] if r["findings"] else []
    for d in r["deviations"]:
        lines.append(f"{pgettext('internal control', 'Deviation')} ({d['severity_label']}): {d['description']}")
        for a in d["actions"]:
            lines.append(f"– {a['kind']}: {a['description']} ({a['owner']}{', ' + a['deadline'] if a['deadline'] else ''}, {a['status']})")
    if r["attachments"]:
        lines.append(f"{_('Attachments')}: " + ", ".join(f["file_name"] for f in r["attachments"]))
    return "\n".join(lines)


def control_decision_line(decision: dict[str, str] | None) -> str:
    """The annual report's line on the internal control report: adopted when, or not yet (as in the PDF)."""
    if decision:
        return _("The internal control report was adopted %(date)s, %(paragraph)s, registration number %(number)s.") % {
            "date": decision["date"],
            "paragraph": decision["paragraph"],
            "number": decision["registration_number"],
        }
    return _("The internal control report is not adopted yet: the results as they stand.")


def control_body_docx(doc: DocumentObject, ic: dict[str, Any], *, level: int) -> None:
    t = ic["totals"]
    doc.add_paragraph(
        _("%(controls)s controls; %(reported)s of %(occasions)s occasions reported.")
        % {"controls": t["controls"], "reported": t["reported"], "occasions": t["occasions"]}
    )
    _table(doc, [_("Result"), _("Occasions")], [[s["label"], str(s["count"])] for s in t["by_status"]], numeric=[1])
    _table(doc, [_("Severity"), pgettext("internal control", "Deviations")], [[s["label"], str(s["count"])] for s in t["deviations"]], numeric=[1])
    _heading(doc, _("Controls and results"), level=level)
    for c in ic["controls"]:
        _heading(doc, c["title"], level=level + 1)
        facts = [c["area"], c["method"] + (f" ({_('sample size')} {c['sample_size']})" if c["sample_size"] else ""), c["frequency"]]
        if c["responsible"]:
            facts.append(f"{_('Responsible')}: {c['responsible']}")
        doc.add_paragraph(" · ".join(f for f in facts if f))
        rows = []
        for r in c["results"]:
            if r["reported"]:
                counts = (
                    f"{r['checked_count']} / {r['deviation_count'] if r['deviation_count'] is not None else '–'}" if r["checked_count"] is not None else "–"
                )
                rows.append([r["month_label"], r["status"]["label"], _result_text(r), counts])
            else:
                rows.append([r["month_label"], _("Not reported"), "", ""])
        _table(doc, [_("Occasion"), _("Result"), _("What was found"), _("Checked / deviations")], rows)
    _heading(doc, _("Open actions from earlier years"), level=level)
    if ic["carried_over"]:
        _table(
            doc,
            [_("Action"), _("Year and control"), _("Owner"), _("Deadline"), _("Status")],
            [[a["description"], f"{a['year']}: {a['control']}", a["owner"], a["deadline"] or "–", a["status"]] for a in ic["carried_over"]],
        )
    else:
        doc.add_paragraph(_("No open actions from earlier years."))
    if ic["summary"]:
        _heading(doc, _("Summary and assessment"), level=level)
        doc.add_paragraph(ic["summary"])


def render_control_report_docx(content: dict[str, Any], *, generated_at: str, base: bytes | None = None) -> bytes:
    """The body's internal control report as Word: the same content as its PDF."""
    meta, s = content["meta"], content["sections"]
    doc = new_document(base)
    doc.core_properties.title = f"{meta['title']} – {meta['unit']}"
    doc.core_properties.author = meta["group"]
    doc.core_properties.language = "sv-SE"
    doc.add_paragraph(f"{meta['group']} · {meta['unit']}")
    _heading(doc, meta["title"], level=0)
    if meta.get("plan_decision"):
        doc.add_paragraph(f"{_('Plan adopted')}: {meta['plan_decision']}")
    decision = meta.get("decision")
    if decision:
        doc.add_paragraph(
            _("Adopted %(date)s, %(paragraph)s, registration number %(number)s")
            % {"date": decision["date"], "paragraph": decision["paragraph"], "number": decision["registration_number"]}
        )
        if meta.get("snapshot_sha256"):  # the adopted version's hash, checkable on /offentlig/<group>/verifiera/
            doc.add_paragraph(_("Adopted version, SHA-256: %(sha256)s") % {"sha256": meta["snapshot_sha256"]})
    else:
        doc.add_paragraph().add_run(_("Draft – not adopted")).bold = True
    doc.add_paragraph(f"{_('Generated')} {generated_at}")
    control_body_docx(doc, s, level=1)
    return _save(doc)
