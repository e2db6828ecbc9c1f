"""The Nu HTML Checker finds no error on single sign-on's pages (issue 13 §2): the role mapping
and its refused form, the page of someone the IdP gave no role, and the
settings links with the mapping's link for an administrator."""

from __future__ import annotations

from django.urls import reverse

from tests.conftest import World
from tests.html_check import vnu_errors


def test_the_single_sign_on_pages_are_valid_html(world: World) -> None:
    admin = world.client("administrator")
    documents: dict[str, str] = {}
    for name, client, url in [
        ("role mapping", admin, "/installningar/inloggning/"),
        ("no role", world.client("outsider"), "/konto/ingen-roll/"),
        ("settings links", admin, reverse("organisation:documents")),
    ]:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="sv")
        assert response.status_code == 200, (name, response.status_code)
        documents[name] = response.content.decode()
    refused = admin.post("/installningar/inloggning/", {"provider": "", "claim_value": "", "role": "", "org_unit": ""}, HTTP_ACCEPT_LANGUAGE="sv")
    assert refused.status_code in {200, 422}
    documents["role mapping, refused"] = refused.content.decode()
    assert "/installningar/inloggning/" in documents["settings links"]
    assert vnu_errors(documents) == []
