"""The crawler of the tenancy tests: every GET route of the site and every GET operation of the
API, filled with one group's own objects, and the text of each answer (HTML, JSON, CSV, iCal,
SVG, Excel, PDF, Word) searched for anything of the other group."""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.http import HttpResponse
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.tenancy.content import YEAR, Content

#: routes the crawl leaves alone: Django's admin (superusers only), sign-in and single sign-on
#: machinery, language switching, and the API (crawled from its OpenAPI document instead)
SKIPPED_PREFIXES = ("admin/", "api/", "konto/", "i18n/", "installningar/inloggning/")

#: plan-page item kinds (``styr.planning.plan_page.kinds``) -> the content object that fills ``pk``
PLAN_ITEMS = {
    "risk": "mission_risk",
    "kvalitetsfaktor": "factor",
    "kvalitetsindikator": "quality_indicator",
    "utvecklingsomrade": "area",
    "utvecklingsmal": "goal",
    "malindikator": "indicator",
    "uppdrag": "assignment",
    "aktivitet": "activity",
}

#: (route prefix, content object) that fills ``pk`` (or ``a``/``b``) of a route, first match wins
PK_OBJECTS = (
    ("enheter/<id:unit_pk>/plan/<year:year>/<slug:kind>/<id:pk>/", "kind"),
    ("internkontroll/<id:unit_pk>/plan/<year:year>/kontroller/<id:pk>/", "control"),
    ("enheter/<id:pk>/", "committee"),
    ("mal/<id:pk>/", "goal"),
    ("malindikatorer/<id:pk>/", "indicator"),
    ("indikatorer/<id:pk>/", "indicator"),
    ("planer/<id:a>/", "plan"),
    ("planer/<id:pk>/", "plan"),
    ("offentlig/planer/<id:pk>/", "plan"),
    ("investeringar/projekt/<id:pk>/", "investment"),
    ("internkontroll/kontroller/<id:pk>/", "control"),
    ("internkontroll/risker/<id:pk>/", "control_risk"),
    ("medborgardialog/kommentarer/<id:pk>/", "citizen_comment"),
    ("styrdokument/<id:pk>/", "governing_document"),
    ("medborgardialog/<id:pk>/", "citizen_dialogue"),
    ("offentlig/<slug:slug>/dialog/<id:pk>/", "citizen_dialogue"),
)


def routes() -> Iterator[str]:
    """Every route of the site as its pattern text (``mal/<id:pk>/``), admin and API left out."""

    def walk(patterns: list[Any], prefix: str) -> Iterator[str]:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                yield prefix + str(pattern.pattern)

    for route in walk(get_resolver().url_patterns, ""):
        if not route.startswith(SKIPPED_PREFIXES) and "^" not in route:
            yield route


PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")


def _pk_object(route: str, content: Content) -> Any | None:
    """The object that fills the route's ``pk``; "kind" when the route's kind chooses it."""
    for prefix, name in PK_OBJECTS:
        if route.startswith(prefix):
            return "kind" if name == "kind" else content.objects[name]
    return None


def fill(route: str, content: Content) -> list[str]:
    """The URLs of ``route`` with the group's own objects; [] when the crawl has nothing to fill it."""
    names = [name for _conv, name in PARAM.findall(route)]
    kinds: list[tuple[str, Any]] = [("", None)]
    values: dict[str, list[str]] = {}
    obj = _pk_object(route, content) if {"pk", "a"} & set(names) else None
    if obj == "kind":
        kinds = [(slug, content.objects[name]) for slug, name in PLAN_ITEMS.items()]
    for name in names:
        if name == "unit_pk":
            values[name] = [str(content.objects["committee"].pk), str(content.objects["unit"].pk)]
        elif name == "unit_id":
            values[name] = [str(content.objects["committee"].pk)]
        elif name == "year":
            values[name] = [str(YEAR)]
        elif name == "period_pk":
            values[name] = [str(content.objects["period"].pk)]
        elif name == "slug":
            values[name] = [content.group.slug]
        elif name == "fmt":
            values[name] = ["pdf", "docx", "xlsx"] if "rapportering" in route or "internkontroll" in route else ["pdf", "docx", "csv", "json"]
        elif name in ("pk", "a", "b") and obj is not None and obj != "kind":
            values[name] = [str(obj.pk)]
        elif name == "pk" and obj == "kind":
            values[name] = ["<kind-pk>"]
        elif name == "kind" and obj == "kind":
            values[name] = ["<kind>"]
        elif name == "kind" and route.startswith("kolada/"):
            values[name] = ["mal"]
            values["pk"] = [str(content.objects["indicator"].pk)]
        elif name == "kind" and route.startswith("befolkning/"):
            values[name] = ["xlsx", "csv"]
        elif name == "name" and route.startswith("oppen-data/"):
            values[name] = ["planer", "mal", "indikatorvarden", "ramar"]
        elif name not in values:
            return []
    urls = ["/" + route]
    for match in PARAM.finditer(route):
        urls = [url.replace(match.group(0), value, 1) for url in urls for value in values[match.group(2)]]
    if obj == "kind":
        urls = [url.replace("<kind>", slug).replace("<kind-pk>", str(item.pk)) for url in urls for slug, item in kinds]
    return urls


# --- the text of an answer -----------------------------------------------------------------------


def body(response: HttpResponse) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)  # type: ignore[attr-defined]
    return response.content


def text_of(response: HttpResponse) -> str:
    """What a reader would find in the answer, whatever its format."""
    data = body(response)
    kind = response.get("Content-Type", "")
    if "pdf" in kind:
        from pypdf import PdfReader

        return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
    if "wordprocessingml" in kind:
        return _docx_text(data)
    if "spreadsheetml" in kind:
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(data), read_only=True)
        return "\n".join(" ".join("" if v is None else str(v) for v in row) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True))
    return data.decode("utf-8", errors="replace")


def _docx_text(data: bytes) -> str:
    """Every text run of every part (body, tables, headers, footers) of a Word file."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = " ".join(archive.read(name).decode("utf-8") for name in archive.namelist() if name.startswith("word/") and name.endswith(".xml"))
    return " ".join(re.findall(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>", xml))


# --- what must not be there ----------------------------------------------------------------------


@dataclass(frozen=True)
class Forbidden:
    """What of a group must never reach the other group's readers."""

    words: tuple[str, ...]
    figures: tuple[str, ...]
    unit_ids: frozenset[int]
    paths: tuple[str, ...]

    def found_in(self, text: str) -> list[str]:
        found = [w for w in self.words if w in text]
        flat = re.sub(r"[0-9a-fA-F]{16,}|[A-Za-z0-9]{32,}", " ", text)  # hashes and tokens are no figures
        flat = re.sub(r"(?<=\d)[\s\u00a0\u202f](?=\d{3}\b)", "", flat)
        found += [f for f in self.figures if re.search(rf"(?<![\d.,]){f}(?!\d)", flat)]
        found += [p for p in self.paths if p in text]
        return found

    def in_json(self, data: Any) -> list[str]:
        """Unit ids under the keys that name a unit, anywhere in a JSON answer."""
        found: list[str] = []
        if isinstance(data, dict):
            for key, value in data.items():
                if key in UNIT_KEYS and isinstance(value, int) and value in self.unit_ids:
                    found.append(f"{key}={value}")
                found += self.in_json(value)
        elif isinstance(data, list):
            for item in data:
                found += self.in_json(item)
        return found


UNIT_KEYS = {"org_unit", "org_unit_id", "unit", "unit_id", "issuer", "receiver", "body", "committee", "parent"}


def forbidden(content: Content, names: tuple[str, ...]) -> Forbidden:
    from styr.organisation.models import OrgUnit

    unit_ids = frozenset(OrgUnit.objects.filter(group=content.group).values_list("pk", flat=True))
    paths = tuple(f"/enheter/{pk}/" for pk in unit_ids) + tuple(
        f"/{prefix}/{content.objects[name].pk}/" for prefix, name in (("mal", "goal"), ("planer", "plan"), ("investeringar/projekt", "investment"))
    )
    return Forbidden(words=(content.marker, *names), figures=content.figures, unit_ids=unit_ids, paths=paths)


def get(client: Client, url: str) -> Any:
    """The answer (a test response, read as an ``HttpResponse``)."""
    return client.get(url, HTTP_ACCEPT="text/html,application/json")


def api_paths(client: Client) -> list[str]:
    """The API's GET operations from its OpenAPI document."""
    document = json.loads(client.get("/api/v1/openapi.json").content)
    return [path for path, operations in document["paths"].items() if "get" in operations]


def api_list_filters(client: Client) -> list[tuple[str, str]]:
    """(path, query parameter) of every parameterless GET list whose filter names a unit."""
    document = json.loads(client.get("/api/v1/openapi.json").content)
    found = []
    for path, operations in document["paths"].items():
        if "get" not in operations or "{" in path:
            continue
        for parameter in operations["get"].get("parameters", []):
            if parameter.get("in") == "query" and parameter["name"] in UNIT_KEYS:
                found.append((path, parameter["name"]))
    return found
