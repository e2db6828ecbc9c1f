"""The financial statements of the interim accounts and the annual report in Word (issue 11 §5):
the same content as the PDF's (``documents/report_statements.html``), from the report's content."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from docx.document import Document as DocumentObject

from styr.documents.renderers.docx_base import _heading, _table


def _rows(lines: list[dict[str, Any]]) -> list[list[str]]:
    return [[line["label"], line["amount"], line["last"]] for line in lines]


def statements_docx(doc: DocumentObject, f: dict[str, Any]) -> None:
    years = ["", str(f["year"]), str(f["last_year"])]
    _heading(doc, _("Financial statements"), level=1)
    doc.add_paragraph(_("The municipality, %(period)s; amounts in thousands of kronor (tkr), last year beside them.") % {"period": f["period"]})
    _heading(doc, _("Result statement"), level=2)
    _table(doc, [_("Row"), *years[1:]], _rows(f["result"]), numeric=[1, 2])
    _heading(doc, _("Balance sheet"), level=2)
    _table(doc, [_("Row"), *years[1:]], _rows(f["balance"]), numeric=[1, 2])
    _heading(doc, _("Cash-flow statement"), level=2)
    _table(doc, [_("Row"), *years[1:]], _rows(f["cash_flow"]), numeric=[1, 2])
    _heading(doc, _("Operating account per committee"), level=2)
    operating = f["operating"]
    annual = operating["annual"]
    headers = [_("Committee"), _("Budget"), _("Outcome"), *([] if annual else [_("Forecast")]), _("Deviation")]

    def cells(row: dict[str, Any], title: str) -> list[str]:
        return [title, row["budget"], row["outcome"], *([] if annual else [row["forecast"]]), row["deviation"]]

    rows = [cells(r, r["title"]) for r in operating["rows"]] + [cells(operating["total"], _("Total"))]
    _table(doc, headers, rows, numeric=range(1, len(headers)))
    balance = f.get("balance_statement")
    if balance:
        _heading(doc, _("Balance requirement statement"), level=2)
        _table(doc, [_("Row"), str(f["year"])], [[line["label"], line["amount"]] for line in balance["lines"]], numeric=[1])
        if balance["deficits"]:
            left = "; ".join(f"{d['origin_year']}: {d['open']} tkr (" + _("by %(year)s") % {"year": d["deadline_year"]} + ")" for d in balance["deficits"])
            doc.add_paragraph(f"{_('Deficits left to restore')}: {left}")
    investments = f.get("investment_account")
    if investments:
        _heading(doc, _("Investment account"), level=2)
        total = investments["total"]
        rows = [[r["name"], r["committee"], r["budget"], r["actual"], r["deviation"]] for r in investments["rows"]]
        rows.append([_("Total"), "", total["budget"], total["actual"], total["deviation"]])
        _table(doc, [_("Project"), _("Committee"), _("Budget"), _("Actual"), _("Deviation")], rows, numeric=[2, 3, 4])
    management = f.get("good_management")
    if management:
        management_docx(doc, management)
    group = f.get("group")
    if not group:
        return
    _heading(doc, _("The group's statements"), level=2)
    doc.add_paragraph(_("The municipality and its companies, each at its ownership share, with the trade and balances between them eliminated (tkr)."))
    columns = [c["name"] + (f" ({c['share']} %)" if c["kind"] == "member" else "") for c in group["columns"]]
    for caption, lines in ((_("The group's result statement (tkr)"), group["result"]), (_("The group's balance sheet (tkr)"), group["balance"])):
        doc.add_paragraph(caption)
        _table(doc, [_("Row"), *columns], [[line["label"], *line["amounts"]] for line in lines], numeric=range(1, len(columns) + 1))
    for u in group["unbalanced"]:
        doc.add_paragraph(
            f"{u['code']}: " + _("the internal items of %(members)s differ by %(difference)s tkr.") % {"members": u["members"], "difference": u["difference"]}
        )
    if group["left_out"]:
        doc.add_paragraph(_("Not in the group's statements (no ownership share set)") + ": " + ", ".join(group["left_out"]))


def management_docx(doc: DocumentObject, m: dict[str, Any]) -> None:
    """The assessment of good financial management: the goals side by side, the council's judgement."""
    _heading(doc, _("Assessment of good financial management"), level=2)
    if m["financial"]:
        doc.add_paragraph(_("The financial goals and their status"))
        rows = [[r["title"], r["measure"], r["value"], r["target"], r["status"]] for r in m["financial"]]
        _table(doc, [_("Financial goal"), _("Measure"), _("Outcome"), _("Target"), _("Status")], rows, numeric=[2, 3])
    if m["operational"]:
        doc.add_paragraph(_("The council's development goals"))
        _table(doc, [_("Development goal"), _("Latest assessment")], [[r["title"], r["status"]] for r in m["operational"]])
    if m["conclusion"]:
        _heading(doc, _("The council's summary judgement"), level=3)
        doc.add_paragraph(m["conclusion"])
        for paragraph in m["judgement"].split("\n\n"):
            if paragraph.strip():
                doc.add_paragraph(paragraph.strip())
