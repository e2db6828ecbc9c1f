"""The role mapping's page and services (SSO-002, SSO-003): administrators of the group keep it,
every change is audited, bad input is refused with the rule's message and nothing is written."""

from __future__ import annotations

from typing import Any

import pytest

from styr.config.sso import providers_from_env
from styr.core.models import AuditEvent
from styr.domain.errors import RuleViolation
from styr.organisation.models import IdpRoleMapping
from styr.organisation.services_sso import idp_role_mapping_create
from tests.conftest import World

URL = "/installningar/inloggning/"


@pytest.fixture
def entra(settings: Any) -> None:
    settings.SOCIALACCOUNT_PROVIDERS = providers_from_env(
        {
            "STYR_OIDC_SERVER_URL": "https://login.microsoftonline.com/tenant/v2.0",
            "STYR_OIDC_CLIENT_ID": "abc",
            "STYR_OIDC_PROVIDER_ID": "entra",
            "STYR_OIDC_NAME": "Alvesta",
        }
    )


def test_an_administrator_adds_a_mapping_on_the_page(entra: None, world: World) -> None:
    committee = world.unit("Utbildningsnämnden")
    client = world.client("administrator")
    assert "Inloggning och roller" in client.get(URL).content.decode()

    response = client.post(URL, {"provider": "entra", "claim_value": " 1f2e-grupp ", "role": "CONTROLLER", "org_unit": committee.pk})

    assert response.status_code == 302
    mapping = IdpRoleMapping.objects.get()
    assert (mapping.provider, mapping.claim_value, mapping.role, mapping.org_unit) == ("entra", "1f2e-grupp", "CONTROLLER", committee)
    event = AuditEvent.objects.get(action="idp_role_mapping.created")
    assert event.actor == world.users["administrator"] and event.after is not None and event.after["claim_value"] == "1f2e-grupp"
    assert "1f2e-grupp" in client.get(URL).content.decode()


def test_an_administrator_removes_a_mapping_and_it_is_audited(entra: None, world: World) -> None:
    mapping = idp_role_mapping_create(
        actor=None, group=world.group, provider="entra", claim_value="g1", role="AUDITOR", org_unit=world.unit("Kommunfullmäktige")
    )
    response = world.client("administrator").post(f"{URL}{mapping.pk}/ta-bort/")
    assert response.status_code == 302
    assert not IdpRoleMapping.objects.exists()
    assert AuditEvent.objects.get(action="idp_role_mapping.deleted").before == {
        "id": mapping.pk,
        "group": world.group.pk,
        "provider": "entra",
        "claim_value": "g1",
        "role": "AUDITOR",
        "org_unit": world.unit("Kommunfullmäktige").pk,
        "created_at": mapping.created_at.isoformat(),
    }


@pytest.mark.parametrize("persona", ["ks_controller", "committee_politician", "outsider"])
def test_only_administrators_see_or_change_the_mapping(entra: None, world: World, persona: str) -> None:
    client = world.client(persona)
    assert client.get(URL).status_code == 403
    post = client.post(URL, {"provider": "entra", "claim_value": "g", "role": "ADMINISTRATOR", "org_unit": world.unit("Kommunfullmäktige").pk})
    assert post.status_code == 403
    assert not IdpRoleMapping.objects.exists()


def test_a_mapping_to_an_unknown_provider_is_refused_with_the_rule(entra: None, world: World) -> None:
    """SSO-003"""
    response = world.client("administrator").post(URL, {"provider": "other", "claim_value": "g", "role": "OFFICIAL", "org_unit": world.unit("Hagaskolan").pk})
    assert response.status_code == 422
    assert not IdpRoleMapping.objects.exists()
    with pytest.raises(RuleViolation) as refused:
        idp_role_mapping_create(
            actor=world.users["administrator"], group=world.group, provider="other", claim_value="g", role="OFFICIAL", org_unit=world.unit("Hagaskolan")
        )
    assert refused.value.code == "SSO-003"


def test_the_same_mapping_twice_is_refused(entra: None, world: World) -> None:
    """SSO-003"""
    unit = world.unit("Hagaskolan")
    idp_role_mapping_create(actor=None, group=world.group, provider="entra", claim_value="g", role="OFFICIAL", org_unit=unit)
    response = world.client("administrator").post(URL, {"provider": "entra", "claim_value": "g", "role": "OFFICIAL", "org_unit": unit.pk})
    assert response.status_code == 422 and "SSO-003" in response.content.decode()
    assert IdpRoleMapping.objects.count() == 1


def test_a_mapping_names_a_known_role_and_a_unit_of_the_group(entra: None, world: World) -> None:
    """SSO-002"""
    with pytest.raises(RuleViolation) as unknown_role:
        idp_role_mapping_create(actor=None, group=world.group, provider="entra", claim_value="g", role="KING", org_unit=world.unit("Hagaskolan"))
    assert unknown_role.value.code == "SSO-002"
    other_unit = world.unit("Hagaskolan")
    other_unit.group_id = world.group.pk + 1000  # a unit of another group, as the service sees it
    with pytest.raises(RuleViolation) as foreign:
        idp_role_mapping_create(actor=None, group=world.group, provider="entra", claim_value="g", role="OFFICIAL", org_unit=other_unit)
    assert foreign.value.code == "SSO-002"
    assert not IdpRoleMapping.objects.exists()


def test_without_an_identity_provider_the_page_says_so_and_the_login_page_is_as_before(world: World) -> None:
    page = world.client("administrator").get(URL).content.decode()
    assert 'id="no-provider"' in page
    login = world.client(None).get("/konto/logga-in/").content.decode()
    assert "Logga in med" not in login


def test_with_an_identity_provider_the_login_page_offers_it(entra: None, world: World) -> None:
    login = world.client(None).get("/konto/logga-in/").content.decode()
    assert "Logga in med Alvesta" in login and 'action="/konto/oidc/entra/login/' in login
    assert 'id="id_username"' in login
