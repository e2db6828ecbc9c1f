"""Budget, actual and forecast month by month (issue 9 §3): summed up the tree, the companies
apart and together, the forecast locked with its report (FU-006, FU-012), the deviation's colour
(ECON-010), the forecast's amount (ECON-011), permissions, audit and query counts."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from styr.core.errors import NotAllowed
from styr.core.models import AuditEvent
from styr.domain.errors import RuleViolation
from styr.economy.models import Forecast, LedgerObject
from styr.economy.selectors.followup import economy_figures, economy_rollup
from styr.economy.services import budget_set, forecast_set, frame_set, ledger_object_map, sie_import
from styr.followup import services as followup
from styr.followup.models import Report, ReportingPeriod
from styr.organisation.models import OrgUnit
from styr.organisation.services import org_unit_create
from tests.conftest import TODAY, YEAR, World

D = Decimal
HEAD = f"#FLAGGA 0\n#FORMAT PC8\n#SIETYP 4\n#GEN {YEAR}0115\n#RAR 0 {YEAR}0101 {YEAR}1231\n"
ACCOUNTS = '#KONTO 1930 "Bank"\n#KONTO 3010 "Intäkter"\n#KONTO 5010 "Löner"\n#KONTO 4010 "Varor"\n#DIM 1 "Ansvar"\n'


def sie_file(objects: dict[str, str], vouchers: list[list[tuple[str, str, Decimal]]], extra: str = "", month: int = 1) -> io.BytesIO:
    """A SIE 4 file: the objects of dimension 1, and vouchers of (account, object, amount) rows,
    each balanced against the bank."""
    body = HEAD + ACCOUNTS + "".join(f'#OBJEKT 1 "{code}" "{name}"\n' for code, name in objects.items()) + extra
    for number, rows in enumerate(vouchers, start=1):
        day = date(YEAR, month, 1 + number % 28)
        body += f'#VER A {number} {day:%Y%m%d} "Verifikat"\n{{\n'
        for account, code, amount in rows:
            obj = f'{{1 "{code}"}}' if code else "{}"
            body += f"   #TRANS {account} {obj} {amount:.2f}\n"
        body += f"   #TRANS 1930 {{}} {-sum(a for _acc, _c, a in rows):.2f}\n}}\n"
    return io.BytesIO(body.encode("cp437"))


def load(world: World, keeper: str, stream: io.BytesIO, mapping: dict[str, str], name: str = "bok.se") -> None:
    unit = world.unit(keeper)
    sie_import(actor=None, org_unit=unit, file_name=name, stream=stream)
    for code, target in mapping.items():
        ledger_object_map(actor=None, ledger_object=LedgerObject.objects.get(ledger__org_unit=unit, code=code), org_unit=world.unit(target))


def municipal_books(world: World, month: int = 1) -> None:
    """KF keeps the municipality's books; objects map to Utbildningsnämnden, Hagaskolan and
    Omsorgsnämnden; object 999 is not mapped yet."""
    objects = {"100": "UN", "110": "Haga", "200": "ON", "999": "Okänt"}
    vouchers = [
        [("5010", "100", D("1000.00")), ("5010", "110", D("500.00"))],
        [("3010", "110", D("-200.00")), ("4010", "200", D("700.00"))],
        [("5010", "999", D("50.00")), ("5010", "", D("30.00"))],
    ]
    load(world, "Kommunfullmäktige", sie_file(objects, vouchers, month=month), {"100": "Utbildningsnämnden", "110": "Hagaskolan", "200": "Omsorgsnämnden"})


def monthly_period(world: World, month: int = 2) -> ReportingPeriod:
    calendar = followup.calendar_create(actor=None, group=world.group, year=YEAR)
    return ReportingPeriod.objects.get(calendar=calendar, kind="monthly_report", end__month=month, org_unit__isnull=True)


def test_actuals_per_month_sum_up_the_tree_on_operating_accounts_only(world: World) -> None:
    municipal_books(world)
    controller = world.users["ks_controller"]
    haga = economy_figures(controller, world.unit("Hagaskolan"), YEAR, 2)
    assert haga.actual[0] == D("300.00") and haga.actual_to_date_sek == D("300.00")  # salaries 500, income −200
    committee = economy_figures(controller, world.unit("Utbildningsnämnden"), YEAR, 2)
    assert committee.actual[0] == D("1300.00")  # its own object and Hagaskolan's below it
    assert economy_figures(controller, world.unit("Omsorgsnämnden"), YEAR, 2).actual[0] == D("700.00")
    council = economy_figures(world.users["council_chair"], world.unit("Kommunfullmäktige"), YEAR, 2)
    # the whole municipality: the unmapped object and the row without an object stay with the keeper;
    # the bank (class 1) is not an operating account
    assert council.actual[0] == D("2080.00") and sum(council.actual) == D("2080.00")


def test_psaldo_is_the_actual_where_the_file_gives_it_split_by_its_object_rows(world: World) -> None:
    objects = {"100": "UN"}
    extra = f'#PSALDO 0 {YEAR}01 5010 {{}} 1000.00\n#PSALDO 0 {YEAR}01 5010 {{1 "100"}} 600.00\n#PSALDO 0 {YEAR}02 4010 {{1 "100"}} 80.00\n'
    load(world, "Kommunfullmäktige", sie_file(objects, [[("5010", "100", D("999.00"))]], extra=extra), {"100": "Utbildningsnämnden"})
    reader = world.users["council_chair"]
    committee = economy_figures(reader, world.unit("Utbildningsnämnden"), YEAR, 12)
    assert committee.actual[:2] == [D("600.00"), D("80.00")]  # the months from the file, not the transactions
    council = economy_figures(reader, world.unit("Kommunfullmäktige"), YEAR, 12)
    assert council.actual[:2] == [D("1000.00"), D("80.00")]  # the whole row once, its object rows within it


def test_budget_frame_and_to_date_figures_sum_over_the_subtree(world: World) -> None:
    budget_set(actor=None, org_unit=world.unit("Hagaskolan"), year=YEAR, months=[D(100)] * 12)
    budget_set(actor=None, org_unit=world.unit("Utbildningsförvaltningen"), year=YEAR, months=[D("50.50")] * 12)
    frame_set(actor=None, org_unit=world.unit("Utbildningsnämnden"), year=YEAR, amount_tsek=D("2.5"))
    figures = economy_figures(world.users["committee_politician"], world.unit("Utbildningsnämnden"), YEAR, 3)
    assert figures.budget[0] == D("150.50") and figures.budget_to_date_sek == D("451.50") and figures.budget_year_sek == D("1806.00")
    assert figures.frame_sek == D("2500.00") and figures.reference_sek == D("2500.00")
    assert [row.budget_to_date_sek for row in figures.months][:3] == [D("150.50"), D("301.00"), D("451.50")]
    assert economy_figures(world.users["unit_manager"], world.unit("Hagaskolan"), YEAR, 3).reference_sek == D(1200)


def test_the_companies_apart_and_together_and_the_group(world: World) -> None:
    municipal_books(world)
    for company, amount in (("Alvesta Kommunföretag AB", D("10.00")), ("AllboHus Fastighets AB", D("400.00")), ("Alvesta Energi AB", D("-90.00"))):
        load(world, company, sie_file({}, [[("5010", "", amount)]]), {}, name=f"{company}.se")
    bodies = list(OrgUnit.objects.filter(group=world.group, kind__in=["EXECUTIVE_BOARD", "COMMITTEE", "PARENT_COMPANY", "COMPANY"]).order_by("pk"))
    rollup = economy_rollup(world.users["council_chair"], bodies, YEAR, 1)
    actual = {row.label: row.actual[0] for row in rollup.rows}
    assert actual["Alvesta Kommunföretag AB"] == D("10.00")  # its own books, not its subsidiaries'
    assert actual["AllboHus Fastighets AB"] == D("400.00") and actual["Alvesta Energi AB"] == D("-90.00")
    assert actual["Utbildningsnämnden"] == D("1300.00")
    assert rollup.companies is not None and rollup.companies.actual[0] == D("320.00")
    assert rollup.municipality is not None and rollup.municipality.actual[0] == D("2080.00")
    assert rollup.group is not None and rollup.group.actual[0] == D("2400.00")
    # a committee's politician sees the committee's row and no totals over what they do not see
    own = economy_rollup(world.users["committee_politician"], bodies, YEAR, 1)
    assert [row.label for row in own.rows] == ["Utbildningsnämnden"] and own.totals == []


def test_the_forecast_of_the_periods_report_gives_the_variance_and_its_colour(world: World) -> None:
    period = monthly_period(world)
    committee = world.unit("Utbildningsnämnden")
    frame_set(actor=None, org_unit=committee, year=YEAR, amount_tsek=D(1000))
    report = followup.report_create(actor=None, org_unit=committee, period=period)
    controller = world.users["ks_controller"]
    expected = {D(900000): "achieved", D(1015000): "partly_achieved", D(1030000): "not_achieved"}
    for amount, step in expected.items():
        forecast_set(actor=controller, report=report, amount_sek=amount, comment="Vikarier kostar mer.")
        figures = economy_figures(controller, committee, YEAR, 2)
        assert figures.forecast_sek == amount and figures.forecast_period_end == period.end
        assert figures.variance is not None and figures.variance.amount_sek == D(1000000) - amount
        assert figures.step is not None and figures.step.code == step and figures.step_label
    assert figures.variance is not None and figures.variance.percent == D("-3.0")
    assert economy_figures(controller, committee, YEAR, 1).forecast_sek is None  # not given yet in January
    assert economy_figures(controller, committee, YEAR, 1).step.code == "not_assessed"  # type: ignore[union-attr]


def test_forecast_set_is_audited_and_unchanged_saves_record_nothing(world: World) -> None:
    period = monthly_period(world)
    report = followup.report_create(actor=None, org_unit=world.unit("Utbildningsnämnden"), period=period)
    official = world.users["administration_official"]
    forecast = forecast_set(actor=official, report=report, amount_sek=D("1234567.80"), comment=" Enligt plan. ")
    assert (forecast.amount_sek, forecast.comment) == (D("1234567.80"), "Enligt plan.")
    event = AuditEvent.objects.get(action="forecast.set")
    assert event.before is None and event.after["amount_sek"] == "1234567.80" and event.actor == official
    forecast_set(actor=official, report=report, amount_sek=D("1234567.80"), comment="Enligt plan.")
    assert AuditEvent.objects.filter(action="forecast.set").count() == 1
    forecast_set(actor=official, report=report, amount_sek=D(1), comment="")
    assert AuditEvent.objects.filter(action="forecast.set").order_by("pk").last().before == {"amount_sek": "1234567.80", "comment": "Enligt plan."}  # type: ignore[union-attr]


@pytest.mark.parametrize("amount", [D("10.005"), D("1E+16"), D("NaN")])
def test_econ_011_a_forecast_is_kronor_to_the_ore(world: World, amount: Decimal) -> None:
    report = followup.report_create(actor=None, org_unit=world.unit("Utbildningsnämnden"), period=monthly_period(world))
    with pytest.raises(RuleViolation) as refused:
        forecast_set(actor=world.users["ks_controller"], report=report, amount_sek=amount)
    assert refused.value.code == "ECON-011" and refused.value.field == "amount_sek"
    assert not Forecast.objects.exists()


def test_fu_006_the_forecast_is_locked_with_the_submitted_report_and_fu_012_once_adopted(world: World) -> None:
    committee = world.unit("Utbildningsnämnden")
    report = followup.report_create(actor=None, org_unit=committee, period=monthly_period(world))
    official, controller = world.users["administration_official"], world.users["ks_controller"]
    forecast_set(actor=official, report=report, amount_sek=D(100))
    followup.report_submit(actor=official, report=report)
    with pytest.raises(RuleViolation) as refused:
        forecast_set(actor=official, report=report, amount_sek=D(200))
    assert refused.value.code == "FU-006"
    with pytest.raises(RuleViolation) as refused:
        forecast_set(actor=controller, report=report, amount_sek=D(200))
    assert refused.value.code == "FU-006" and refused.value.field == "reason"
    assert Forecast.objects.get().amount_sek == D(100)
    forecast_set(actor=controller, report=report, amount_sek=D(200), reason="Fel i lönefilen.")
    assert AuditEvent.objects.get(action="forecast.corrected").after["reason"] == "Fel i lönefilen."
    followup.report_review(actor=controller, report=report)
    followup.report_adopt(actor=world.users["committee_politician"], report=report, decided_on=TODAY, paragraph="§ 1", registration_number="UN 1")
    with pytest.raises(RuleViolation) as refused:
        forecast_set(actor=controller, report=report, amount_sek=D(300), reason="Ännu ett fel.")
    assert refused.value.code == "FU-012"
    assert Forecast.objects.get().amount_sek == D(200)
    # the adopted snapshot keeps the forecast as decided
    report.refresh_from_db()
    assert report.snapshot is not None and report.snapshot["sections"]["economy"][0]["forecast"] == "200"


def test_check_report_content_open_without_an_actor_lets_no_one_correct(world: World) -> None:
    report = followup.report_create(actor=None, org_unit=world.unit("Utbildningsnämnden"), period=monthly_period(world))
    assert followup.check_report_content_open(report) is False
    Report.objects.filter(pk=report.pk).update(state="submitted")
    with pytest.raises(RuleViolation) as refused:
        followup.check_report_content_open(report)
    assert refused.value.code == "FU-006"


@pytest.mark.parametrize("persona", ["outsider", "auditor", "committee_politician", "other_committee_politician"])
def test_only_who_writes_the_report_gives_its_forecast(world: World, persona: str) -> None:
    report = followup.report_create(actor=None, org_unit=world.unit("Utbildningsnämnden"), period=monthly_period(world))
    with pytest.raises(NotAllowed):
        forecast_set(actor=world.users[persona], report=report, amount_sek=D(1))
    assert not Forecast.objects.exists() and not AuditEvent.objects.filter(action__startswith="forecast.").exists()


def test_the_figures_are_not_shown_outside_the_readers_scope(world: World) -> None:
    with pytest.raises(Http404):
        economy_figures(world.users["outsider"], world.unit("Utbildningsnämnden"), YEAR, 1)
    with pytest.raises(Http404):
        economy_figures(world.users["other_committee_politician"], world.unit("Hagaskolan"), YEAR, 1)


def grow(world: World, units: int, transactions: int) -> None:
    """More units under Grundskola, each with an object of its own, a budget, and transactions."""
    parent = world.unit("Grundskola")
    objects, mapping = {}, {}
    for i in range(units):
        unit = org_unit_create(actor=None, group=world.group, parent=parent, kind="UNIT", name=f"Skola {i}", valid_from=TODAY)
        world.units[unit.name] = unit
        objects[f"S{i}"], mapping[f"S{i}"] = unit.name, unit.name
        budget_set(actor=None, org_unit=unit, year=YEAR, months=[D(i + 1)] * 12)
    codes = list(objects) or [""]
    vouchers = [[("5010", codes[n % len(codes)], D(n + 1))] for n in range(transactions)]
    load(world, "Kommunfullmäktige", sie_file(objects, vouchers), mapping, name=f"bok-{units}-{transactions}.se")


def count_queries(call: Any) -> int:
    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured.captured_queries)


@pytest.mark.django_db
def test_the_query_count_does_not_grow_with_units_or_transactions(world: World, django_assert_max_num_queries: Any) -> None:
    controller = world.users["council_chair"]
    committee = world.unit("Utbildningsnämnden")
    bodies = list(OrgUnit.objects.filter(group=world.group, kind__in=["EXECUTIVE_BOARD", "COMMITTEE", "PARENT_COMPANY", "COMPANY"]))
    grow(world, units=2, transactions=3)
    economy_figures(controller, committee, YEAR, 6)  # the grants are read once and kept, and so is each unit's group
    economy_rollup(controller, bodies, YEAR, 6)
    small_one = count_queries(lambda: economy_figures(controller, committee, YEAR, 6))
    small_many = count_queries(lambda: economy_rollup(controller, bodies, YEAR, 6))
    grow(world, units=25, transactions=300)
    with django_assert_max_num_queries(10):
        big = economy_figures(controller, committee, YEAR, 6)
    with django_assert_max_num_queries(10):
        rollup = economy_rollup(controller, bodies, YEAR, 6)
    assert count_queries(lambda: economy_figures(controller, committee, YEAR, 6)) == small_one
    assert count_queries(lambda: economy_rollup(controller, bodies, YEAR, 6)) == small_many
    assert sum(big.actual) == sum(D(n + 1) for n in range(300))  # the newer export replaced the year's figures
    assert rollup.row_of(committee) is not None and rollup.row_of(committee).budget[0] == sum(D(i + 1) for i in range(2)) + sum(D(i + 1) for i in range(25))  # type: ignore[union-attr]


def page_url(unit: OrgUnit, period: ReportingPeriod) -> str:
    return f"/enheter/{unit.pk}/rapportering/{period.pk}/"


def test_the_reporting_page_shows_the_economy_beside_the_goals_and_takes_the_forecast(world: World) -> None:
    municipal_books(world)
    period = monthly_period(world)
    committee = world.unit("Utbildningsnämnden")
    frame_set(actor=None, org_unit=committee, year=YEAR, amount_tsek=D(1000))
    budget_set(actor=None, org_unit=world.unit("Hagaskolan"), year=YEAR, months=[D(80000)] * 12)
    client = world.client("administration_official")
    body = client.get(page_url(committee, period), HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert 'id="economy-heading"' in body and "Driftram" in body and "1\u00a0000\u00a0000 kr" in body
    assert f'<th scope="row">{YEAR}-01</th>' in body and ">1300<" in body  # January's actual up the tree
    assert "Ej bedömt" in body and 'id="forecast-amount"' in body  # no forecast yet: not assessed, and the form
    response = client.post(
        page_url(committee, period),
        {"action": "forecast", "forecast_amount": "1 030 000", "forecast_comment": "Fler elever än väntat."},
        HTTP_HX_REQUEST="true",
        HTTP_ACCEPT_LANGUAGE="sv",
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="reporting-sheet">')
    assert "Prognosen har sparats." in body and "-30\u00a0000 kr (-3\u00a0%)" in body and "<strong>Ej uppfyllt</strong>" in body
    report = Report.objects.get(org_unit=committee, period=period)  # started by the forecast
    assert report.forecast.amount_sek == D(1030000) and report.forecast.comment == "Fler elever än väntat."
    assert AuditEvent.objects.filter(action="forecast.set", actor=world.users["administration_official"]).count() == 1


def test_a_bad_forecast_is_refused_beside_its_field_and_nothing_is_saved(world: World) -> None:
    period = monthly_period(world)
    committee = world.unit("Utbildningsnämnden")
    response = world.client("ks_controller").post(
        page_url(committee, period), {"action": "forecast", "forecast_amount": "mycket"}, HTTP_HX_REQUEST="true", HTTP_ACCEPT_LANGUAGE="sv"
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert 'id="forecast-amount-error"' in body and "(ECON-011)" in body and 'value="mycket"' in body
    assert not Report.objects.exists() and not Forecast.objects.exists()


def test_the_forecast_form_is_locked_with_the_submitted_report(world: World) -> None:
    period = monthly_period(world)
    committee = world.unit("Utbildningsnämnden")
    report = followup.report_create(actor=None, org_unit=committee, period=period)
    forecast_set(actor=None, report=report, amount_sek=D(500))
    followup.report_submit(actor=None, report=report)
    official = world.client("administration_official")
    body = official.get(page_url(committee, period), HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert 'id="forecast-amount"' not in body and "(FU-006)" in body
    refused = official.post(page_url(committee, period), {"action": "forecast", "forecast_amount": "600"}, HTTP_HX_REQUEST="true")
    assert refused.status_code == 422 and "FU-006" in refused.content.decode()
    controller = world.client("ks_controller")
    body = controller.get(page_url(committee, period), HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert 'id="forecast-reason"' in body
    saved = controller.post(
        page_url(committee, period), {"action": "forecast", "forecast_amount": "600", "forecast_reason": "Fel belopp."}, HTTP_HX_REQUEST="true"
    )
    assert saved.status_code == 200 and Forecast.objects.get().amount_sek == D(600)
    assert world.client("outsider").post(page_url(committee, period), {"action": "forecast", "forecast_amount": "1"}).status_code in (403, 404)
    assert world.client("committee_politician").post(page_url(committee, period), {"action": "forecast", "forecast_amount": "1"}).status_code == 403
    assert Forecast.objects.get().amount_sek == D(600)


def test_the_reporting_page_loads_the_economy_chart_after_its_table(world: World) -> None:
    from tests.html_check import vnu_errors

    municipal_books(world)
    period = monthly_period(world)
    committee = world.unit("Utbildningsnämnden")
    budget_set(actor=None, org_unit=committee, year=YEAR, months=[D(1000)] * 12)
    forecast_set(actor=None, report=followup.report_create(actor=None, org_unit=committee, period=period), amount_sek=D(13000))
    client = world.client("administration_official")
    chart_url = f"{page_url(committee, period)}ekonomidiagram/"
    page = client.get(page_url(committee, period), HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert f'data-hx-get="{chart_url}"' in page and f'href="{chart_url}">Visa diagrammet</a>' in page  # also without JavaScript
    part = client.get(chart_url, HTTP_HX_REQUEST="true", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert part.startswith('<div id="economy-chart">') and 'src="data:image/svg+xml' in part and "<details" in part
    assert ">13" in part  # the forecast's line is in the chart's data table (tkr)
    full = client.get(chart_url, HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "<h1>Ekonomi" in full
    board = world.unit("Kommunstyrelsen")  # no books, budget or frame of its own in this world
    empty = world.client("ks_controller").get(f"{page_url(board, period)}ekonomidiagram/", HTTP_HX_REQUEST="true", HTTP_ACCEPT_LANGUAGE="sv")
    assert "Ingen budget eller inget utfall att rita än." in empty.content.decode() and "<img" not in empty.content.decode()
    assert world.client("outsider").get(chart_url).status_code == 404
    assert vnu_errors({"economy_chart.html": full}) == []


def test_the_reporting_pages_queries_do_not_grow_with_the_books(world: World) -> None:
    period = monthly_period(world)
    committee = world.unit("Utbildningsnämnden")
    client = world.client("ks_controller")
    grow(world, units=2, transactions=3)
    client.get(page_url(committee, period))
    with CaptureQueriesContext(connection) as before:
        client.get(page_url(committee, period))
    grow(world, units=20, transactions=200)
    with CaptureQueriesContext(connection) as after:
        client.get(page_url(committee, period))
    assert len(after.captured_queries) == len(before.captured_queries)


def test_ks_overview_shows_frame_actual_forecast_and_variance_per_committee_and_company(world: World) -> None:
    municipal_books(world)
    load(world, "AllboHus Fastighets AB", sie_file({}, [[("5010", "", D("400.00"))]]), {}, name="allbo.se")
    committee = world.unit("Utbildningsnämnden")
    frame_set(actor=None, org_unit=committee, year=YEAR, amount_tsek=D(10))
    report = followup.report_create(actor=None, org_unit=committee, period=monthly_period(world))
    forecast_set(actor=None, report=report, amount_sek=D(9000))
    client = world.client("ks_controller")
    body = client.get(f"/oversikt/{YEAR}/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    section = body[body.index('id="overview-economy-heading"') :]
    for column in ("Driftram", "Utfall hittills", "Helårsprognos", "Avvikelse"):
        assert f">{column}</th>" in section
    row = section[section.index(">Utbildningsnämnden</a>") :].split("</tr>")[0]
    assert "10\u00a0000" in row and "1300" in row and "9000" in row and "1000 (10\u00a0%)" in row and "Uppfyllt" in row
    allbo = section[section.index(">AllboHus Fastighets AB</a>") :].split("</tr>")[0]
    assert ">400<" in allbo and "Ej bedömt" in allbo
    # KS oversees the whole group (uppsiktsplikt): the companies together, the municipality and the group
    assert "Bolagen tillsammans" in section and ">Kommunen</th>" in section and ">Koncernen tillsammans</th>" in section
    group = section[section.index(">Koncernen tillsammans</th>") :].split("</tr>")[0]
    assert "2480" in group  # the municipality's 2 080 and AllboHus's 400
    own = world.client("committee_politician").get(f"/oversikt/{YEAR}/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert ">Utbildningsnämnden</a>" in own and "Koncernen tillsammans" not in own and "Bolagen tillsammans" not in own


def test_ks_overviews_queries_do_not_grow_with_the_books(world: World) -> None:
    client = world.client("council_chair")
    grow(world, units=2, transactions=3)
    client.get(f"/oversikt/{YEAR}/")
    cache.clear()  # both requests compute KS's figures afresh (kept while the group is unchanged)
    with CaptureQueriesContext(connection) as before:
        client.get(f"/oversikt/{YEAR}/")
    grow(world, units=20, transactions=200)
    cache.clear()  # both requests compute KS's figures afresh (kept while the group is unchanged)
    with CaptureQueriesContext(connection) as after:
        client.get(f"/oversikt/{YEAR}/")
    assert len(after.captured_queries) == len(before.captured_queries)


def test_edit_001_a_forecast_saved_by_someone_else_meanwhile_is_shown_beside_ones_own(world: World) -> None:
    """Two people open the forecast form of a report (none saved yet: version 0); the first saves;
    the second is refused with both forecasts side by side (409, EDIT-001), nothing of theirs
    saved; saving again, with the saved version now in the form, replaces it."""
    from tests.core.test_conflicts import changed, read_form
    from tests.html_check import vnu_errors

    period = monthly_period(world)
    committee = world.unit("Utbildningsnämnden")
    url = page_url(committee, period)
    one, two = world.client("ks_controller"), world.client("administration_official")
    sv = {"Accept-Language": "sv"}
    form_one, form_two = (read_form(c.get(url, headers=sv).content.decode(), "forecast-form") for c in (one, two))
    assert form_one["forecast_version"] == form_two["forecast_version"] == ["0"]
    assert one.post(url, changed(form_one, action="forecast", forecast_amount="1 030 000", forecast_comment="Fler elever.")).status_code in (200, 302)
    assert Forecast.objects.get().amount_sek == D(1030000)
    events = AuditEvent.objects.filter(action__startswith="forecast.").count()

    refused = two.post(url, changed(form_two, action="forecast", forecast_amount="990 000", forecast_comment="Färre elever."), headers=sv)
    html = refused.content.decode()
    assert refused.status_code == 409 and "EDIT-001" in html and "Din version" in html and "Sparad version" in html
    assert "<td>990 000</td><td>1\u00a0030\u00a0000</td>" in html and "<td>Färre elever.</td><td>Fler elever.</td>" in html
    assert Forecast.objects.get().amount_sek == D(1030000) and Forecast.objects.get().comment == "Fler elever."
    assert AuditEvent.objects.filter(action__startswith="forecast.").count() == events
    assert vnu_errors({"forecast conflict": html}) == []

    again = read_form(html, "forecast-form")
    assert again["forecast_amount"] == ["990 000"] and again["forecast_version"] == [str(Forecast.objects.get().version)]
    assert two.post(url, changed(again, action="forecast")).status_code in (200, 302)
    assert Forecast.objects.get().amount_sek == D(990000)  # a conscious second save replaces it


def test_edit_001_a_forecast_posted_without_a_version_still_saves(world: World) -> None:
    period = monthly_period(world)
    committee = world.unit("Utbildningsnämnden")
    response = world.client("ks_controller").post(page_url(committee, period), {"action": "forecast", "forecast_amount": "500"})
    assert response.status_code in (200, 302) and Forecast.objects.get().amount_sek == D(500)
