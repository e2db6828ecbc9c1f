"""The public pages pass the Nu HTML Checker (issue 13 §3), with adopted goals, statuses, charts,
frames, results and an investment plan on them."""

from __future__ import annotations

from django.test import Client

from tests.conftest import YEAR, World
from tests.html_check import vnu_errors
from tests.public.open_data_world import publish


def test_the_public_pages_are_valid_html(world: World) -> None:
    publish(world)
    pages = {
        "goals": f"/offentlig/alvesta/?ar={YEAR}",
        "goals, a year without goals": f"/offentlig/alvesta/?ar={YEAR + 5}",
        "economy": f"/offentlig/alvesta/ekonomi/?ar={YEAR}",
        "economy, a year without frames": f"/offentlig/alvesta/ekonomi/?ar={YEAR + 5}",
        "plans": "/offentlig/alvesta/planer/",
        "open data": "/oppen-data/alvesta/",
    }
    documents = {}
    for name, url in pages.items():
        response = Client().get(url, HTTP_ACCEPT_LANGUAGE="sv")
        assert response.status_code == 200, (name, url)
        documents[f"{name} ({url})"] = response.content.decode()
    errors = vnu_errors(documents)
    assert not errors, f"{len(errors)} errors:\n" + "\n".join(errors)
