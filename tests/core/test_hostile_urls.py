"""Years, periods and ids out of range in a URL answer 404, never a server error (issue 8, point 1)."""

import pytest

from styr.domain.limits import MAX_YEAR, MIN_YEAR
from tests.conftest import YEAR, World

HUGE = "99999999999999999999"


def _urls(world: World) -> list[str]:
    unit = world.unit("Hagaskolan").pk
    return [
        "/oversikt/0/",
        "/oversikt/10000/",
        f"/oversikt/{HUGE}/",
        f"/oversikt/{MIN_YEAR - 1}/",
        f"/oversikt/{MAX_YEAR + 1}/",
        "/mal/kaskad/0/",
        f"/mal/kaskad/{HUGE}/",
        "/arshjul/0/",
        f"/arshjul/{HUGE}/",
        "/arshjul/0/arshjul.ics",
        f"/enheter/{unit}/plan/0/",
        f"/enheter/{unit}/plan/{HUGE}/",
        f"/enheter/{unit}/plan/10000/skapa/",
        f"/enheter/{unit}/plan/0/utvecklingsmal/ny/",
        f"/enheter/{unit}/dokument/plan-0.pdf",
        f"/enheter/{HUGE}/",
        "/enheter/0/",
        f"/enheter/{HUGE}/plan/{YEAR}/",
        f"/enheter/{unit}/rapportering/{HUGE}/",
        f"/enheter/{unit}/rapportering/0/mall.xlsx",
        f"/mal/{HUGE}/",
        "/mal/0/",
        f"/planer/{HUGE}/jamfor/1/",
        f"/indikatorer/{HUGE}/varden/",
        f"/malindikatorer/{HUGE}/malvarde/",
        f"/planer/{HUGE}/dokument.pdf",
        f"/offentlig/planer/{HUGE}/dokument.pdf",
        f"/enheter/{HUGE}/driftram/",
    ]


def test_out_of_range_years_and_ids_in_the_path_are_not_found(world: World) -> None:
    client = world.client("council_chair")
    for url in _urls(world):
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("ar", ["0", "10000", HUGE, str(MIN_YEAR - 1)])
def test_out_of_range_years_in_the_query_are_not_found(world: World, ar: str) -> None:
    client = world.client("council_chair")
    unit = world.unit("Hagaskolan").pk
    for url in ("/planer/", f"/enheter/{unit}/", f"/offentlig/{world.group.slug}/"):
        assert client.get(url, {"ar": ar}).status_code == 404, (url, ar)


def test_the_first_and_last_year_have_pages_without_a_link_beyond_them(world: World) -> None:
    client = world.client("council_chair")
    unit = world.unit("Hagaskolan").pk
    for year, beyond in ((MIN_YEAR, MIN_YEAR - 1), (MAX_YEAR, MAX_YEAR + 1)):
        for url in (f"/oversikt/{year}/", f"/mal/kaskad/{year}/", f"/arshjul/{year}/", f"/enheter/{unit}/plan/{year}/", "/planer/"):
            response = client.get(url, {"ar": year} if url == "/planer/" else {})
            assert response.status_code == 200, url
            assert f"/{beyond}/" not in response.content.decode() and f"ar={beyond}" not in response.content.decode(), url


def test_out_of_range_ids_posted_to_the_calendar_page_are_refused_not_a_server_error(world: World) -> None:
    from styr.followup import services

    services.calendar_create(actor=None, group=world.group, year=YEAR)
    client = world.client("ks_controller")
    for data in (
        {"action": "months", "committee": HUGE, "months": ["2"]},
        {"action": "meeting", "body": HUGE, "date": f"{YEAR}-03-01", "title": "KS"},
        {"action": "meeting", "body": str(world.unit("Kommunstyrelsen").pk), "period": HUGE, "date": f"{YEAR}-03-01", "title": "KS"},
        {"action": "create", "interim_report_month": HUGE},
    ):
        response = client.post(f"/arshjul/{YEAR}/", data)
        assert response.status_code == 422, data
