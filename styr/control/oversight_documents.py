"""KS's evaluation of the internal control as Word, with the same builder's helpers as the other
documents (``styr.documents.renderers.docx``): the evaluation, KS's decision on actions and the
overview's tables it judged. The PDF is the template ``control/oversight/evaluation_document.html``."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from styr.documents.renderers.docx_base import _heading, _labelled, _save, _table, new_document


def _paragraphs(doc: Any, text: str, empty: str) -> None:
    parts = [p.strip() for p in text.split("\n\n") if p.strip()] or [empty]
    for part in parts:
        doc.add_paragraph(part)


def render_evaluation_docx(content: dict[str, Any], *, generated_at: str, base: bytes | None = None) -> bytes:
    meta, view = content["meta"], content["view"]
    doc = new_document(base)
    doc.core_properties.title = meta["title"]
    doc.core_properties.author = meta["group"]
    doc.core_properties.language = "sv-SE"
    doc.add_paragraph(f"{meta['group']} · {meta['unit']}")
    _heading(doc, meta["title"], 0)
    decision = meta["decision"]
    if decision:
        doc.add_paragraph(
            _("Adopted %(date)s, %(paragraph)s, registration number %(number)s")
            % {"date": decision["date"], "paragraph": decision["paragraph"], "number": decision["registration_number"]}
        )
        _labelled(doc, _("Checksum of the adopted content (SHA-256)"), meta["sha256"])
    else:
        doc.add_paragraph(_("Draft – not adopted"))
    _heading(doc, _("KS's evaluation of the group's internal control"), 1)
    _paragraphs(doc, content["evaluation"], _("Not written yet."))
    _heading(doc, _("KS's decision on actions"), 1)
    _paragraphs(doc, content["measures"], _("Not written yet."))
    scale = view["scale"]
    _heading(doc, _("Internal control per committee and company"), 1)
    headers = [
        _("Body"),
        _("Plan"),
        _("Controls reported"),
        *[label for _code, label, _colour in scale],
        pgettext("internal control", "Deviations"),
        _("Actions past deadline"),
        _("Report"),
    ]
    rows = [
        [
            b["name"],
            f"{b['plan_label']} {b['on_time_label']}".strip(),
            f"{b['reported']} / {b['controls']}",
            *[str(n) for _label, n in b["results_list"]],
            str(b["deviation_total"]),
            str(len(b["overdue_actions"])),
            b["report_label"],
        ]
        for b in view["bodies"]
    ]
    _table(doc, headers, rows, numeric=range(3, 3 + len(scale) + 2), titled=(0,))
    _heading(doc, _("Deviations by area and severity"), 1)
    if view["areas"]:
        _table(
            doc,
            [_("Process or area"), *[label for _code, label in view["severities"]], _("Total")],
            [[a["area"] or _("No area given"), *[str(n) for n in a["counts"]], str(a["total"])] for a in view["areas"]],
            numeric=range(1, 2 + len(view["severities"])),
        )
    else:
        doc.add_paragraph(_("No deviations."))
    _heading(doc, _("Common controls across the group"), 1)
    if view["common"]:
        for c in view["common"]:
            _heading(doc, c["title"], 2)
            _table(doc, [_("Body"), _("Result")], [[x["name"], x["status_label"]] for x in c["bodies"]] or [[_("No plan carries it yet."), ""]])
    else:
        doc.add_paragraph(_("No common controls this year."))
    _heading(doc, _("Open actions past their deadline"), 1)
    if view["actions"]:
        _table(
            doc,
            [_("Body"), _("Action"), _("Owner"), _("Deadline"), _("Year")],
            [[a["body"], a["description"], a["owner"], a["deadline"] or "", str(a["year"])] for a in view["actions"]],
        )
    else:
        doc.add_paragraph(_("No open actions past their deadline."))
    doc.add_paragraph(f"{_('Generated')} {generated_at}")
    return _save(doc)
