"""Two municipal groups in one database (issue 14 §3): every page, export, document, chart, public
page and API answer one group's readers get holds nothing of the other group, and the other
group's objects asked for by id answer 404 or 403 with none of their content."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import pytest

from tests.tenancy.conftest import Tenants
from tests.tenancy.crawl import api_list_filters, api_paths, fill, get, routes, text_of

pytestmark = pytest.mark.django_db

#: every format the crawl must read: pages, charts, exports, documents, the calendar and data
FORMATS = {
    "text/html",
    "text/csv",
    "text/calendar",
    "application/json",
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
SIDES = [("alvesta", 0), ("alvesta", 1), ("exempelby", 0), ("exempelby", 1)]


@dataclass
class Crawl:
    leaks: list[str] = field(default_factory=list)
    seen: int = 0
    #: the formats (content types) of the answers in which the group's own marker was read
    own_formats: set[str] = field(default_factory=set)
    #: the formats of all answers read
    formats: set[str] = field(default_factory=set)
    #: answers that hold a chart (the charts are SVG drawn into the page or its fragment)
    charts: int = 0


def _leaks(tenants: Tenants, key: str, reader_index: int | None, urls: list[str]) -> Crawl:
    own, other = tenants.pair(key)
    client = own.client(None if reader_index is None else own.readers[reader_index])
    crawl = Crawl()
    leaks = crawl.leaks
    for url in urls:
        response = get(client, url)
        if response.status_code != 200:
            continue
        crawl.seen += 1
        text = text_of(response)
        crawl.formats.add(response.get("Content-Type", "").split(";")[0])
        crawl.charts += "<svg" in text
        if own.content.marker in text:
            crawl.own_formats.add(response.get("Content-Type", "").split(";")[0])
        found = other.forbidden.found_in(text)
        if response.get("Content-Type", "").startswith("application/json"):
            found += other.forbidden.in_json(json.loads(text))
        if found:
            at = text.find(found[0])
            leaks.append(f"{url}: {sorted(set(found))} …{text[max(0, at - 150) : at + 60]!r}…")
    return crawl


def own_urls(tenants: Tenants, key: str) -> list[str]:
    own, _other = tenants.pair(key)
    return [url for route in routes() for url in fill(route, own.content)]


@pytest.mark.parametrize(("key", "reader"), SIDES)
def test_no_page_export_document_or_chart_shows_the_other_group(tenants: Tenants, key: str, reader: int) -> None:
    urls = own_urls(tenants, key)
    crawl = _leaks(tenants, key, reader, urls)
    assert crawl.seen > 100, f"only {crawl.seen} of {len(urls)} pages answered"
    # the crawl reads every format, and finds the group's own content in those that hold texts
    assert crawl.formats >= FORMATS, FORMATS - crawl.formats
    assert FORMATS - {"text/calendar"} <= crawl.own_formats, FORMATS - crawl.own_formats
    assert crawl.charts > 5
    assert crawl.leaks == [], "\n".join(crawl.leaks)


@pytest.mark.parametrize("key", ["alvesta", "exempelby"])
def test_no_public_page_or_open_data_file_shows_the_other_group(tenants: Tenants, key: str) -> None:
    urls = [url for url in own_urls(tenants, key) if url.startswith(("/offentlig/", "/oppen-data/"))]
    crawl = _leaks(tenants, key, None, urls)
    assert crawl.seen >= 8
    assert {"text/html", "text/csv", "application/json", "application/pdf"} <= crawl.own_formats  # the adopted plan is public
    assert crawl.leaks == [], "\n".join(crawl.leaks)


def api_urls(tenants: Tenants, key: str, *, with_ids_only: bool = False) -> list[str]:
    own, _other = tenants.pair(key)
    objects = own.content.objects
    values = {
        "year": own.content.objects["calendar"].year,
        "slug": own.content.group.slug,
        "goal_id": objects["goal"].pk,
        "indicator_id": objects["indicator"].pk,
        "plan_id": objects["plan"].pk,
        "report_id": objects["report"].pk,
        "unit_id": objects["committee"].pk,
        "org_unit": objects["committee"].pk,
        "risk_id": objects["mission_risk"].pk,
        "factor_id": objects["factor"].pk,
        "area_id": objects["area"].pk,
        "assignment_id": objects["assignment"].pk,
        "activity_id": objects["activity"].pk,
        "project_milestone_id": objects["project_milestone"].pk,
        "review_id": objects["process_review"].pk,
        "member_id": objects["project_member"].pk,
        "project_id": objects["investment"].pk,
        "control_id": objects["control"].pk,
        "period_id": objects["period"].pk,
        "other_id": objects["plan"].pk,
        "dialogue_id": objects["citizen_dialogue"].pk,
        "comment_id": objects["citizen_comment"].pk,
        "document_id": objects["governing_document"].pk,
    }
    urls = []
    for path in api_paths(own.client(own.readers[0])):
        if with_ids_only and not (set(re.findall(r"{(\w+)}", path)) - {"year", "slug"}):
            continue
        named = dict(values)
        if path.startswith("/api/v1/control/"):
            named |= {"plan_id": objects["control_plan"].pk, "risk_id": objects["control_risk"].pk}
            named.pop("report_id")
        if path.startswith("/api/v1/quality-indicators/"):
            named["indicator_id"] = objects["quality_indicator"].pk
        if path.startswith("/api/v1/financial-goals/"):
            continue  # the content has no financial goal
        try:
            urls.append(path.format(**named))
        except KeyError:
            continue
    return urls


@pytest.mark.parametrize(("key", "reader"), SIDES)
def test_no_api_answer_shows_the_other_group(tenants: Tenants, key: str, reader: int) -> None:
    urls = api_urls(tenants, key)
    crawl = _leaks(tenants, key, reader, urls)
    assert crawl.seen > 60, f"only {crawl.seen} of {len(urls)} API answers"
    assert crawl.own_formats == {"application/json"}
    assert crawl.leaks == [], "\n".join(crawl.leaks)


# --- the other group's objects asked for by id -------------------------------------------------


#: answers that give nothing away: not found, refused, or sent elsewhere
REFUSALS = {302, 403, 404, 405}


def _probe(tenants: Tenants, key: str, reader: int, urls: list[str]) -> tuple[list[str], int]:
    """Each URL (filled with the OTHER group's objects) as the own reader: refused or not found,
    and never any of the other group's content in the answer."""
    own, other = tenants.pair(key)
    client = own.client(own.readers[reader])
    wrong = []
    for url in urls:
        response = get(client, url)
        text = text_of(response) if response.status_code == 200 or response.get("Content-Type", "").startswith(("text/", "application/json")) else ""
        found = other.forbidden.found_in(text.replace(url, ""))  # a page may name the address it was asked for
        if response.status_code not in REFUSALS or found:
            at = text.find(found[0]) if found else 0
            wrong.append(f"{url}: {response.status_code} {sorted(set(found))} …{text[max(0, at - 150) : at + 60]!r}…")
    return wrong, len(urls)


@pytest.mark.parametrize(("key", "reader"), SIDES)
def test_the_other_groups_objects_by_id_are_not_found_on_pages(tenants: Tenants, key: str, reader: int) -> None:
    _own, other = tenants.pair(key)
    urls = [
        url
        for route in routes()
        if not route.startswith(("offentlig/", "oppen-data/")) and ("<id:" in route or "<int:" in route)
        for url in fill(route, other.content)
    ]
    wrong, asked = _probe(tenants, key, reader, urls)
    assert asked > 80
    assert wrong == [], "\n".join(wrong)


@pytest.mark.parametrize(("key", "reader"), SIDES)
def test_the_other_groups_objects_by_id_are_not_found_in_the_api(tenants: Tenants, key: str, reader: int) -> None:
    _own, other = tenants.pair(key)
    urls = api_urls(tenants, other.key, with_ids_only=True)
    wrong, asked = _probe(tenants, key, reader, urls)
    assert asked > 20
    assert wrong == [], "\n".join(wrong)


@pytest.mark.parametrize(("key", "reader"), SIDES)
def test_api_lists_filtered_by_the_other_groups_unit_hold_nothing_of_it(tenants: Tenants, key: str, reader: int) -> None:
    own, other = tenants.pair(key)
    unit = other.content.objects["committee"].pk
    urls = [f"{path}?{name}={unit}" for path, name in api_list_filters(own.client(own.readers[reader]))]
    crawl = _leaks(tenants, key, reader, urls)
    assert len(urls) > 10
    assert crawl.leaks == [], "\n".join(crawl.leaks)


@pytest.mark.parametrize(("key", "reader"), SIDES)
def test_search_finds_the_own_groups_content_and_never_the_other_groups(tenants: Tenants, key: str, reader: int) -> None:
    own, other = tenants.pair(key)
    client = own.client(own.readers[reader])
    mine = text_of(get(client, f"/sok/?q={own.content.marker}"))
    assert f"{own.content.marker} utvecklingsmål nämnd" in mine
    assert other.forbidden.found_in(mine) == []
    theirs = text_of(get(client, f"/sok/?q={other.content.marker}"))
    assert f"{other.content.marker} " not in theirs  # the query itself is shown back in the search field, nothing found with it
    assert other.forbidden.found_in(theirs.replace(other.content.marker, "")) == []
