"""A company's answers to its owner directives in its report's Word document (issue 12 §5), and the
parent company's subsidiaries with their report states and answers: the same content as the PDF's
(``documents/report_directives.html``)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from docx.document import Document as DocumentObject

from styr.documents.renderers.docx_base import _heading, _table


def _answers(doc: DocumentObject, answers: list[dict[str, Any]]) -> None:
    if not answers:
        doc.add_paragraph(_("No directive with demands applies this year."))
        return
    _table(
        doc,
        [_("Directive"), _("Demand"), _("Target"), _("Value"), _("Status"), _("Answer")],
        [[a["directive"], a["demand"], a["target"] or "–", a["value"] or "–", a["status"], a["answer"] or _("Not answered")] for a in answers],
    )


def directives_docx(doc: DocumentObject, part: dict[str, Any]) -> None:
    _heading(doc, part["title"], level=1)
    _answers(doc, part["answers"])
    if part["subsidiaries"]:
        _heading(doc, _("The subsidiaries"), level=2)
        for sub in part["subsidiaries"]:
            _heading(doc, sub["name"], level=3)
            doc.add_paragraph(f"{_('Report of the period')}: {sub['state_label']}")
            _answers(doc, sub["answers"])
