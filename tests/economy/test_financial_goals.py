"""The council's financial goals computed from the municipality's ledger, month by month and for the
full year, assessed against their targets (issue 11 §1, FIN-002…FIN-006); the pension obligations and
the council's judgement of good financial management; the page, the API and KS's overview.

The books (kronor), imported through the real SIE import:
opening: fixed assets 10 000 000, bank 2 000 000 = equity 6 000 000 + provision 1 000 000 + loan
4 000 000 + supplier debt 1 000 000.
January: tax 1 000 000 and grants 200 000 in, salaries 1 100 000, depreciation 50 000, an investment
300 000, interest 10 000 → result +40 000.
February: tax and grants 1 200 000, salaries 1 250 000, depreciation 50 000, interest 10 000 → −110 000.
Budget (#PBUDGET) for the year: tax 12 000 000, grants 2 400 000, salaries 13 200 000, depreciation
600 000, interest 120 000 → result 480 000. Utbildningsnämnden forecasts 900 000 kr against its frame
of 1 000 tkr (100 000 better); the investment frames are 3 600 tkr. 20 000 residents.
"""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from styr.core.errors import NotAllowed
from styr.core.models import AuditEvent
from styr.domain.errors import RuleViolation
from styr.economy.models import FinancialManagementAssessment, PensionObligation
from styr.economy.selectors.financial_goals import FinancialGoalStatus, financial_goal_status, good_management_assessment
from styr.economy.services import financial_management_assess, forecast_set, frame_set, pension_obligation_set, population_series_store, sie_import
from styr.followup import services as followup
from styr.followup.models import ReportingPeriod
from styr.planning.models import FinancialGoal
from styr.planning.services import financial_goal_create, financial_goal_update
from tests.api.test_api import bearer, token_for
from tests.conftest import YEAR, World
from tests.html_check import vnu_errors

D = Decimal
COUNCIL = "Kommunfullmäktige"
ACCOUNTS = """#KONTO 1121 "Skolfastigheter"
#KONTO 193 "Bank"
#KONTO 2031 "Eget kapital"
#KONTO 221 "Avsättning för pensioner"
#KONTO 2321 "Lån"
#KONTO 244 "Leverantörsskulder"
#KONTO 501 "Månadslöner"
#KONTO 782 "Avskrivningar"
#KONTO 801 "Kommunalskatt"
#KONTO 825 "Utjämning"
#KONTO 854 "Räntekostnader"
"""
OPENING = {"1121": "10000000", "193": "2000000", "2031": "-6000000", "221": "-1000000", "2321": "-4000000", "244": "-1000000"}
MONTHS = {
    1: [("801", "-1000000"), ("825", "-200000"), ("501", "1100000"), ("782", "50000"), ("1121", "-50000"), ("1121", "300000"), ("854", "10000")],
    2: [("801", "-1000000"), ("825", "-200000"), ("501", "1250000"), ("782", "50000"), ("1121", "-50000"), ("854", "10000")],
}
BUDGET = {"801": "-12000000", "825": "-2400000", "501": "13200000", "782": "600000", "854": "120000"}


def books() -> io.BytesIO:
    body = f'#FLAGGA 0\n#FORMAT PC8\n#SIETYP 4\n#GEN {YEAR}0315\n#RAR 0 {YEAR}0101 {YEAR}1231\n#KPTYP "Kommun-Bas 19"\n' + ACCOUNTS
    body += "".join(f"#IB 0 {account} {amount}\n" for account, amount in OPENING.items())
    closing = {account: D(amount) for account, amount in OPENING.items()}
    for rows in MONTHS.values():
        for account, amount in rows:
            if account in closing:
                closing[account] += D(amount)
        closing["193"] -= sum(D(a) for _acc, a in rows)
    body += "".join(f"#UB 0 {account} {amount}\n" for account, amount in closing.items())
    body += "".join(f"#PBUDGET 0 {YEAR}06 {account} {{}} {amount}\n" for account, amount in BUDGET.items())
    for month, rows in MONTHS.items():
        body += f'#VER A {month} {YEAR}{month:02d}15 "Månaden"\n{{\n'
        body += "".join(f"   #TRANS {account} {{}} {amount}\n" for account, amount in rows)
        body += f"   #TRANS 193 {{}} {-sum(D(a) for _acc, a in rows)}\n}}\n"
    return io.BytesIO(body.encode("cp437"))


def setup_books(world: World, *, forecast: bool = True) -> None:
    sie_import(actor=None, org_unit=world.unit(COUNCIL), file_name="kommunen.se", stream=books())
    population_series_store(actor=None, group=world.group, name="Befolkning", source="scb", cells=[(YEAR - 1, "", 30, 19000), (YEAR - 1, "", 70, 1000)])
    committee = world.unit("Utbildningsnämnden")
    frame_set(actor=None, org_unit=committee, year=YEAR, amount_tsek=D(1000), investment_tsek=D(3600))
    if forecast:
        calendar = followup.calendar_create(actor=None, group=world.group, year=YEAR)
        period = ReportingPeriod.objects.get(calendar=calendar, kind="monthly_report", end__month=2, org_unit__isnull=True)
        report = followup.report_create(actor=None, org_unit=committee, period=period)
        forecast_set(actor=None, report=report, amount_sek=D(900000))


def goal(world: World, measure: str, target: str | None, title: str = "") -> FinancialGoal:
    return financial_goal_create(
        actor=world.users["council_chair"],
        org_unit=world.unit(COUNCIL),
        year=YEAR,
        title=title or measure,
        measure=measure,
        target_value=D(target) if target is not None else None,
    )


def by_measure(world: World, month: int | None = None) -> dict[str, FinancialGoalStatus]:
    return {row.goal.title: row for row in financial_goal_status(world.group, YEAR, month)}


def test_the_measures_month_by_month_and_the_forecast_from_the_ledger(world: World) -> None:
    setup_books(world)
    for measure, target in [("result_share", "2"), ("equity_ratio", "55"), ("net_cost_share", "96.5"), ("self_financing", "30"), ("debt_per_resident", "250")]:
        goal(world, measure, target)
    goal(world, "", None, title="Låg skattesats")
    rows = by_measure(world)
    result = rows["result_share"]
    # January 40 000 / 1 200 000; to February −70 000 / 2 400 000
    assert [(m.month, m.value) for m in result.series] == [(1, D("3.33")), (2, D("-2.92"))]
    assert result.value == D("-2.92") and result.value_month == 2
    # forecast: budgeted 480 000 + the committee's 100 000 over 14 400 000
    assert result.forecast_value == D("4.03") and result.status == "achieved"
    equity = rows["equity_ratio"]
    # February: (6 000 000 − 70 000) / 11 930 000; forecast (6 000 000 + 580 000) / (11 930 000 + 650 000)
    assert equity.value == D("49.71") and equity.forecast_value == D("52.31")
    assert equity.status == "not_achieved"  # 2.69 points short: beyond the band
    net_cost = rows["net_cost_share"]
    # (13 200 000 + 600 000 − 100 000 + 120 000) / 14 400 000; lower is better
    assert net_cost.forecast_value == D("95.97") and net_cost.status == "achieved"
    self_financing = rows["self_financing"]
    # January: (40 000 + 50 000) / (250 000 more fixed assets + 50 000 depreciation); forecast (580 000 + 600 000) / 3 600 000
    assert self_financing.series[0].value == D("30.00") and self_financing.forecast_value == D("32.78")
    assert rows["debt_per_resident"].value == D("300")  # 6 000 000 / 20 000
    assert rows["debt_per_resident"].status == "partly_achieved"  # 50 kr over, within 5 000
    free = rows["Låg skattesats"]
    assert free.measure is None and free.status == "not_assessed" and free.series == []
    # read up to January only: the committee's February forecast is not yet given
    january = by_measure(world, 1)["result_share"]
    assert january.value == D("3.33") and january.forecast_value == D("3.33")  # 480 000 / 14 400 000


def test_without_pension_figures_there_is_no_value_and_without_a_budget_the_forecast_is_the_run_rate(world: World) -> None:
    sie_import(actor=None, org_unit=world.unit(COUNCIL), file_name="kommunen.se", stream=io.BytesIO(books().getvalue().replace(b"#PBUDGET", b"#XBUDGET")))
    goal(world, "equity_ratio_with_pensions", "20")
    row = by_measure(world)["equity_ratio_with_pensions"]
    assert row.value is None and "pension" in row.reason and row.forecast_value is None and "pension" in row.forecast_reason
    assert row.status == "not_assessed"
    pension_obligation_set(actor=world.users["ks_controller"], group=world.group, year=YEAR - 1, amount_sek=D("3000000"), source="KPA 31 dec")
    row = by_measure(world)["equity_ratio_with_pensions"]
    # the latest entered year stands in: (5 930 000 − 3 000 000) / 11 930 000
    assert row.value == D("24.56")
    # no budget: the run rate, −70 000 × 6 for the year: (6 000 000 − 420 000 − 3 000 000) / (11 930 000 − 350 000)
    assert row.forecast_value == D("22.28") and row.status == "achieved"


def test_the_status_reads_in_a_bounded_number_of_queries(world: World) -> None:
    setup_books(world)
    for measure in ("result_share", "equity_ratio", "debt_per_resident", "self_financing"):
        goal(world, measure, "1")
    with CaptureQueriesContext(connection) as queries:
        financial_goal_status(world.group, YEAR, None)
    assert len(queries) <= 25, [q["sql"] for q in queries]


def test_fin_002_fin_003_a_goals_measure_and_unit(world: World) -> None:
    with pytest.raises(RuleViolation) as caught:
        goal(world, "liquidity", "1")
    assert caught.value.code == "FIN-002"
    made = goal(world, "debt_per_resident", "50000")
    assert made.unit_label == "kr"
    with pytest.raises(RuleViolation) as caught:
        financial_goal_update(actor=world.users["ks_controller"], goal=made, unit_label="%")
    assert caught.value.code == "FIN-003"
    changed = financial_goal_update(actor=world.users["ks_controller"], goal=made, measure="equity_ratio")
    assert changed.unit_label == "%"


def test_fin_005_pension_obligations_are_entered_by_controllers_and_audited(world: World) -> None:
    obligation = pension_obligation_set(actor=world.users["ks_controller"], group=world.group, year=YEAR, amount_sek=D("412000000"), source="KPA")
    assert PensionObligation.objects.get(group=world.group, year=YEAR).amount_sek == D("412000000.00")
    event = AuditEvent.objects.filter(action="pension_obligation.set").latest("pk")
    assert event.object_id == str(obligation.pk) and event.after["amount_sek"] == "412000000.00"
    with pytest.raises(RuleViolation) as caught:
        pension_obligation_set(actor=world.users["ks_controller"], group=world.group, year=YEAR, amount_sek=D(-1), source="KPA")
    assert caught.value.code == "FIN-005"
    for persona in ("council_chair", "auditor", "committee_politician"):
        with pytest.raises((NotAllowed, Exception)):
            pension_obligation_set(actor=world.users[persona], group=world.group, year=YEAR, amount_sek=D(1), source="x")
    assert PensionObligation.objects.get(group=world.group, year=YEAR).amount_sek == D("412000000.00")


def test_fin_006_good_management_weighs_both_kinds_of_goals_with_the_councils_judgement(world: World) -> None:
    setup_books(world, forecast=False)
    goal(world, "result_share", "2")
    with pytest.raises(RuleViolation) as caught:
        financial_management_assess(actor=world.users["ks_controller"], group=world.group, year=YEAR, conclusion="partly_achieved", judgement=" ")
    assert caught.value.code == "FIN-006"
    financial_management_assess(
        actor=world.users["ks_controller"], group=world.group, year=YEAR, conclusion="partly_achieved", judgement="Resultatmålet nås inte."
    )
    view = good_management_assessment(world.group, YEAR)
    assert [g.goal.title for g in view.financial] == ["result_share"]
    assert view.assessment is not None and view.conclusion is not None and view.conclusion.code == "partly_achieved"
    assert FinancialManagementAssessment.objects.get(group=world.group, year=YEAR).judgement == "Resultatmålet nås inte."
    assert AuditEvent.objects.filter(action="financial_management.assessed").count() == 1


def controller_page(world: World, url: str) -> str:
    financial_management_assess(actor=world.users["ks_controller"], group=world.group, year=YEAR, conclusion="achieved", judgement="Rad ett.\nRad två.")
    return world.client("ks_controller").get(url).content.decode()


def test_the_page_shows_the_goals_and_lets_a_controller_enter_the_pension_obligations(world: World) -> None:
    setup_books(world)
    goal(world, "result_share", "2")
    url = f"/finansiella-mal/?ar={YEAR}"
    page = world.client("auditor").get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Årets resultat i procent av skatteintäkter" in text and "4,03" in text and "<svg" in text and "<caption" in text
    assert 'name="pension-amount_sek"' not in text  # the auditor reads
    assert vnu_errors({"page": text, "controller": controller_page(world, url)}) == []
    assert world.client("outsider").get(url).status_code == 403  # no group at all
    assert world.client("unit_manager").get(url).status_code == 404  # the council is out of the manager's scope
    assert world.client("auditor").post(url, {"form": "pension", "pension-year": YEAR, "pension-amount_sek": "1", "pension-source": "x"}).status_code == 403
    controller = world.client("ks_controller")
    assert 'name="pension-amount_sek"' in controller.get(url).content.decode()
    answer = controller.post(url, {"form": "pension", "pension-year": YEAR, "pension-amount_sek": "1000000", "pension-source": "KPA"})
    assert answer.status_code == 302
    assert PensionObligation.objects.get(group=world.group, year=YEAR).amount_sek == D("1000000.00")


def test_the_api_gives_the_status_and_takes_the_writes_of_the_controllers(world: World) -> None:
    setup_books(world)
    made = goal(world, "result_share", "2")
    status = world.client(None).get(f"/api/v1/financial-goals/status?year={YEAR}", headers=bearer(token_for("auditor")))
    assert status.status_code == 200, status.content
    row = status.json()[0]
    assert row["goal_id"] == made.pk and row["measure"] == "result_share" and row["forecast_value"] == "4.03" and row["status"] == "achieved"
    assert [m["month"] for m in row["series"]] == [1, 2]
    one = world.client(None).get(f"/api/v1/financial-goals/{made.pk}/status?month=1", headers=bearer(token_for("auditor")))
    assert one.status_code == 200 and one.json()["value"] == "3.33"
    assert world.client(None).get(f"/api/v1/financial-goals/status?year={YEAR}", headers=bearer(token_for("unit_manager"))).status_code == 404
    body = {"year": YEAR, "amount_sek": "2000000", "source": "KPA"}
    allowed = world.client(None).put(
        "/api/v1/financial-goals/pension-obligations", body, content_type="application/json", headers=bearer(token_for("ks_controller"))
    )
    assert allowed.status_code == 200, allowed.content
    assert PensionObligation.objects.get(group=world.group, year=YEAR).amount_sek == D("2000000.00")
    assert AuditEvent.objects.filter(action="pension_obligation.set").exists()
    for persona, code in (("committee_politician", 404), ("auditor", 403), ("outsider", 403)):
        refused = world.client(None).put(
            "/api/v1/financial-goals/pension-obligations", {**body, "amount_sek": "1"}, content_type="application/json", headers=bearer(token_for(persona))
        )
        assert refused.status_code == code, (persona, refused.content)
    assessment = {"year": YEAR, "conclusion": "achieved", "judgement": "God ekonomisk hushållning."}
    done = world.client(None).put("/api/v1/financial-goals/assessment", assessment, content_type="application/json", headers=bearer(token_for("ks_controller")))
    assert done.status_code == 200 and done.json()["conclusion"] == "achieved"
    read = world.client(None).get(f"/api/v1/financial-goals/assessment?year={YEAR}", headers=bearer(token_for("auditor")))
    assert read.status_code == 200 and read.json()["assessment"]["judgement"] == "God ekonomisk hushållning."
    refused = world.client(None).put("/api/v1/financial-goals/assessment", assessment, content_type="application/json", headers=bearer(token_for("auditor")))
    assert refused.status_code == 403 and refused.json()["code"] == "PERM-001"
    assert PensionObligation.objects.get(group=world.group, year=YEAR).amount_sek == D("2000000.00")
    patched = world.client(None).patch(
        f"/api/v1/financial-goals/{made.pk}", {"measure": "equity_ratio"}, content_type="application/json", headers=bearer(token_for("ks_controller"))
    )
    assert patched.status_code == 200 and patched.json()["measure"] == "equity_ratio" and patched.json()["unit_label"] == "%"


def test_ks_overview_shows_the_financial_goals_and_its_queries_do_not_grow(world: World) -> None:
    from styr.organisation.services import org_unit_create
    from tests.conftest import TODAY

    setup_books(world)
    goal(world, "result_share", "2", title="Resultatmålet")
    client = world.client("ks_controller")
    url = f"/oversikt/{YEAR}/"
    body = client.get(url, HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert 'id="overview-financial-goals-heading"' in body and "Resultatmålet" in body and "4,03" in body
    cache.clear()  # both requests compute KS's figures afresh (kept while the group is unchanged)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for n in range(10):
        org_unit_create(actor=None, group=world.group, parent=world.unit("Grundskola"), kind="UNIT", name=f"Skola {n}", valid_from=TODAY)
    cache.clear()  # both requests compute KS's figures afresh (kept while the group is unchanged)
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after.captured_queries) == len(before.captured_queries)
    # a committee politician oversees no council: no financial goals on their overview
    assert 'id="overview-financial-goals-heading"' not in world.client("committee_politician").get(url).content.decode()
