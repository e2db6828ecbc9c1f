"""The checks made before anything is written: pure functions returning findings."""

from __future__ import annotations

from collections.abc import Iterable, Set
from decimal import Decimal

from styr.domain.sie import messages as M
from styr.domain.sie.model import Balance, Finding, PeriodBalance, Voucher

ZERO = Decimal(0)


def voucher_findings(voucher: Voucher) -> list[Finding]:
    """SIE-001: a voucher's #TRANS rows sum to zero (named by the #VER line)."""
    total = voucher.total
    if total:
        detail = {"series": voucher.series or '""', "number": voucher.number or '""', "total": f"{total:.2f}"}
        return [Finding(M.BALANCE, M.VOUCHER_UNBALANCED, detail, voucher.line)]
    return []


def account_class(account: str) -> str:
    """'balance' (classes 1–2), 'result' (3–8) or '' (anything else)."""
    first = account[:1]
    if first in ("1", "2"):
        return "balance"
    if first in ("3", "4", "5", "6", "7", "8"):
        return "result"
    return ""


def reconciliation_findings(totals: dict[str, Decimal], balances: Iterable[Balance]) -> list[Finding]:
    """SIE-002: for year 0, each balance account's transactions sum to UB − IB and each result
    account's to RES, where the file has both: transactions on the account and its balance
    (a missing #IB or #UB is zero; an account without transactions is not compared, since a
    file may hold only some of the year's vouchers). Named by the #UB (or #IB) or #RES line."""
    opening: dict[str, Balance] = {}
    closing: dict[str, Balance] = {}
    result: dict[str, Balance] = {}
    for b in balances:
        if b.year != 0 or b.objects:
            continue
        if b.kind == "IB":
            opening[b.account] = b
        elif b.kind == "UB":
            closing[b.account] = b
        elif b.kind == "RES":
            result[b.account] = b
    findings: list[Finding] = []
    for account in sorted(set(opening) | set(closing)):
        if account_class(account) != "balance" or account not in totals:
            continue
        ib, ub = opening.get(account), closing.get(account)
        expected = (ub.amount if ub else ZERO) - (ib.amount if ib else ZERO)
        actual = totals.get(account, ZERO)
        if actual != expected:
            named = ub or ib
            line = named.line if named is not None else None
            detail = {"account": account, "transactions": f"{actual:.2f}", "balance": f"{expected:.2f}"}
            findings.append(Finding(M.RECONCILE, M.BALANCE_ACCOUNT_OFF, detail, line))
    for account in sorted(result):
        if account_class(account) != "result" or account not in totals:
            continue
        res = result[account]
        actual = totals.get(account, ZERO)
        if actual != res.amount:
            detail = {"account": account, "transactions": f"{actual:.2f}", "balance": f"{res.amount:.2f}"}
            findings.append(Finding(M.RECONCILE, M.RESULT_ACCOUNT_OFF, detail, res.line))
    return findings


def dedupe_period_balances(rows: list[PeriodBalance], declared: Set[str]) -> tuple[list[PeriodBalance], list[Finding]]:
    """SIE-006: a #PSALDO/#PBUDGET row written once with ``{}`` and once more, with the same
    amount, with an object list that names only undeclared dimensions (``{1 "0"}`` in a file
    without #DIM) is one row: the one with ``{}`` is kept, the other dropped with a warning."""
    plain = {(r.kind, r.year, r.period, r.account): r for r in rows if not r.objects}
    kept: list[PeriodBalance] = []
    warnings: list[Finding] = []
    for row in rows:
        if row.objects and all(dim not in declared for dim, _obj in row.objects):
            twin = plain.get((row.kind, row.year, row.period, row.account))
            if twin is not None and twin.amount == row.amount:
                detail = {"record": row.kind, "other": twin.line, "dimension": row.objects[0][0]}
                warnings.append(Finding(M.DUPLICATE, M.DUPLICATE_ROW, detail, row.line, "warning"))
                continue
        kept.append(row)
    return kept, warnings
