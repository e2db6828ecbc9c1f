"""Kolada's API v3 (issue 13 §1): the KPI catalogue, municipalities, municipality groups,
organisational units, and values per KPI, municipality and year. Every answer is
``{"count": n, "values": [...], "next_url": ...}``; the client follows ``next_url`` to the last
page, read by ``styr.domain.kolada_read``.

Politeness: one per-request time-out (KOLADA_TIMEOUT_SECONDS), a bounded number of tries
(KOLADA_MAX_TRIES) on 429 (waiting what Retry-After says, capped) and on 5xx or a dropped
connection (waiting KOLADA_BACKOFF_SECONDS, doubled each try), a cap on each answer's size and
on the pages one question runs to. ``sleep`` is injectable, so tests do not wait.

Refusals, each a ``RuleViolation`` with a Swedish message in the web layer: KOLADA-001 when
Kolada cannot be reached or answers with an error after the tries, or does not answer in time;
KOLADA-003 when the answer is not JSON or not the shape Kolada answers; KOLADA-005 when an
answer or the pages of one question grow past the caps."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

import httpx
from django.conf import settings

from styr.domain import kolada_read
from styr.domain.errors import RuleViolation, _
from styr.domain.kolada import KpiRecord, MunicipalityGroupRecord, MunicipalityRecord, OrgUnitRecord, ValueRecord

BASE_URL = "https://api.kolada.se/v3"
USER_AGENT = "Styr (municipal planning and follow-up; Kolada sync)"
#: Kolada answers at most this many ids in one path segment; longer lists are asked in chunks.
IDS_PER_CALL = 25
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
BAD_NEXT = _("Kolada's next_url does not lead to another page of Kolada. Nothing was stored.")


def _setting(name: str, default: Any) -> Any:
    return getattr(settings, name, default)


def unreachable(template: str, detail: Mapping[str, Any]) -> RuleViolation:
    return RuleViolation("KOLADA-001", template, detail)


def _retry_after(response: httpx.Response, default: float) -> float:
    """Seconds the server asks us to wait (Retry-After as seconds; a date or nonsense: the default)."""
    header = response.headers.get("Retry-After", "").strip()
    try:
        seconds = float(header)
    except ValueError:
        return default
    return max(0.0, min(seconds, float(_setting("KOLADA_MAX_RETRY_AFTER_SECONDS", 120.0))))


class KoladaClient:
    """A polite reader of Kolada v3. ``client`` is for tests and callers that keep one."""

    def __init__(self, *, client: httpx.Client | None = None, sleep: Callable[[float], None] = time.sleep, base_url: str | None = None) -> None:
        self.base_url = (base_url or str(_setting("KOLADA_API_URL", BASE_URL))).rstrip("/")
        self.timeout = float(_setting("KOLADA_TIMEOUT_SECONDS", 30.0))
        self.max_tries = max(1, int(_setting("KOLADA_MAX_TRIES", 4)))
        self.backoff = float(_setting("KOLADA_BACKOFF_SECONDS", 2.0))
        self.max_bytes = int(_setting("KOLADA_MAX_ANSWER_BYTES", 50 * 1024 * 1024))
        self.max_pages = int(_setting("KOLADA_MAX_PAGES", 200))
        self.per_page = int(_setting("KOLADA_PER_PAGE", 5000))
        self.sleep = sleep
        self._own = client is None
        self.http = client or httpx.Client(timeout=httpx.Timeout(self.timeout), follow_redirects=False, headers={"User-Agent": USER_AGENT})
        #: calls made (tries included), for the sync's report
        self.calls = 0

    def close(self) -> None:
        if self._own:
            self.http.close()

    def __enter__(self) -> KoladaClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # one call ---------------------------------------------------------------------------------

    def _read(self, url: str, params: Mapping[str, str] | None) -> tuple[int, httpx.Response, bytes]:
        with self.http.stream("GET", url, params=params, headers={"Accept": "application/json"}, timeout=self.timeout) as response:
            content = bytearray()
            if response.status_code == httpx.codes.OK:
                for chunk in response.iter_bytes():
                    content += chunk
                    if len(content) > self.max_bytes:
                        raise RuleViolation(
                            "KOLADA-005",
                            _("Kolada's answer is larger than %(limit)s MB; nothing was stored."),
                            {"limit": self.max_bytes // (1024 * 1024)},
                        )
            return response.status_code, response, bytes(content)

    def get_json(self, url: str, params: Mapping[str, str] | None = None) -> Any:
        """One page's JSON, retried on 429, 5xx and dropped connections up to ``max_tries``."""
        wait = self.backoff
        for attempt in range(1, self.max_tries + 1):
            self.calls += 1
            last = attempt == self.max_tries
            try:
                status, response, content = self._read(url, params)
            except httpx.TimeoutException:
                if last:
                    raise unreachable(
                        _("Kolada did not answer within %(seconds)s seconds; nothing was stored. Try again later."), {"seconds": int(self.timeout)}
                    ) from None
                self.sleep(wait)
                wait *= 2
                continue
            except httpx.HTTPError as error:
                if last:
                    raise unreachable(_("Kolada could not be reached (%(error)s); nothing was stored."), {"error": type(error).__name__}) from None
                self.sleep(wait)
                wait *= 2
                continue
            if status == httpx.codes.OK:
                try:
                    return json.loads(content.decode("utf-8-sig"))
                except json.JSONDecodeError as error:
                    raise kolada_read.malformed(kolada_read.NOT_JSON, {"error": f"{error.msg}, line {error.lineno}"}, source=_shown(url)) from None
                except UnicodeDecodeError:
                    raise kolada_read.malformed(kolada_read.NOT_JSON, {"error": "not UTF-8"}, source=_shown(url)) from None
            if status in RETRY_STATUSES and not last:
                self.sleep(_retry_after(response, wait) if status == 429 else wait)
                wait *= 2
                continue
            raise unreachable(
                _("Kolada answered %(status)s %(reason)s to %(url)s; nothing was stored."),
                {"status": status, "reason": response.reason_phrase, "url": _shown(url)},
            )
        raise AssertionError("unreachable")  # pragma: no cover

    def get_all(self, path: str, params: Mapping[str, str] | None = None) -> list[Mapping[str, Any]]:
        """Every item of a question, following ``next_url`` page by page (at most ``max_pages``)."""
        url: str | None = f"{self.base_url}/{path.lstrip('/')}"
        query: Mapping[str, str] | None = {"per_page": str(self.per_page), **(params or {})}
        items: list[Mapping[str, Any]] = []
        seen: set[str] = set()
        while url:
            if len(seen) >= self.max_pages:
                raise RuleViolation("KOLADA-005", _("Kolada's answer runs to more than %(pages)s pages; nothing was stored."), {"pages": self.max_pages})
            seen.add(url)
            data = self.get_json(url, query)
            if not isinstance(data, Mapping):
                raise kolada_read.malformed(kolada_read.NO_VALUES, source=_shown(url))
            items.extend(kolada_read.answer_values(data, source=_shown(url)))
            following = data.get("next_url")
            if following in (None, ""):
                break
            if not isinstance(following, str) or not _same_origin(following, self.base_url) or following in seen:
                raise kolada_read.malformed(BAD_NEXT, source=_shown(url))
            url, query = following, None  # the next URL carries its own query
        return items

    # the questions ----------------------------------------------------------------------------

    def kpis(self) -> list[KpiRecord]:
        return kolada_read.kpis(self.get_all("kpi"), source="kpi")

    def municipalities(self) -> list[MunicipalityRecord]:
        return kolada_read.municipalities(self.get_all("municipality"), source="municipality")

    def municipality_groups(self) -> list[MunicipalityGroupRecord]:
        return kolada_read.groups(self.get_all("municipality_group"), source="municipality_group")

    def org_units(self, municipality: str) -> list[OrgUnitRecord]:
        return kolada_read.org_units(self.get_all("ou", {"municipality": municipality}), source="ou")

    def values(self, kpis: Sequence[str], municipalities: Sequence[str], years: Sequence[int]) -> list[ValueRecord]:
        """Values of ``kpis`` for ``municipalities`` in ``years``, every gender."""
        found: list[ValueRecord] = []
        year_list = ",".join(str(y) for y in sorted(set(years)))
        for kpi_chunk in _chunks(sorted(set(kpis))):
            for place_chunk in _chunks(sorted(set(municipalities))):
                path = f"data/kpi/{','.join(kpi_chunk)}/municipality/{','.join(place_chunk)}/year/{year_list}"
                found.extend(kolada_read.values(self.get_all(path), source=path))
        return found


def _chunks(ids: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(ids), IDS_PER_CALL):
        yield ids[start : start + IDS_PER_CALL]


def _shown(url: str) -> str:
    """A URL as named in a message: its path, without the host."""
    parts = urlsplit(url)
    return parts.path or url


def _same_origin(url: str, base: str) -> bool:
    """``next_url`` stays on Kolada's scheme and host: an http:// page under an https:// base
    (a downgrade) or another host is refused."""
    found, expected = urlsplit(url), urlsplit(base)
    return (found.scheme.lower(), found.netloc.lower()) == (expected.scheme.lower(), expected.netloc.lower())
