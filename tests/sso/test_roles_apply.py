"""Which roles a login through an identity provider gives and takes (SSO-001, SSO-003): only the
provider's own grants are taken away, only the mapping of the provider's own municipal group applies,
and a group of the IdP is the same group whatever its case."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from styr.config.sso import providers_from_env
from styr.core.models import AuditEvent
from styr.domain.errors import RuleViolation
from styr.domain.presets import load_preset_file
from styr.organisation.models import IdpRoleMapping, OrgUnit, RoleAssignment
from styr.organisation.services import group_load_preset
from styr.organisation.services_sso import idp_role_mapping_create, sso_roles_apply
from tests.conftest import EXEMPELBY, TODAY, World

URL = "/installningar/inloggning/"


def _providers(settings: Any, **env: str) -> None:
    base = {
        "STYR_OIDC_SERVER_URL": "https://login.microsoftonline.com/tenant/v2.0",
        "STYR_OIDC_CLIENT_ID": "abc",
        "STYR_OIDC_PROVIDER_ID": "entra",
        "STYR_SAML_IDP_ENTITY_ID": "https://idp.kommun.test/saml",
        "STYR_SAML_IDP_SSO_URL": "https://idp.kommun.test/saml/sso",
        "STYR_SAML_IDP_X509CERT": "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
    }
    settings.SOCIALACCOUNT_PROVIDERS = providers_from_env({**base, **env})


def _roles(user: Any) -> set[tuple[str, str]]:
    return {(a.role, a.org_unit.name) for a in RoleAssignment.objects.filter(user=user).select_related("org_unit")}


def test_a_login_through_one_provider_keeps_the_roles_another_provider_gave(settings: Any, world: World) -> None:
    """SSO-001: a SAML login takes away only what SAML gave, never a role an OIDC login gave."""
    _providers(settings)
    idp_role_mapping_create(
        actor=None, group=world.group, provider="entra", claim_value="oidc-controllers", role="CONTROLLER", org_unit=world.unit("Kommunstyrelsen")
    )
    idp_role_mapping_create(
        actor=None, group=world.group, provider="saml", claim_value="saml-auditors", role="AUDITOR", org_unit=world.unit("Kommunfullmäktige")
    )
    person = get_user_model().objects.create_user(username="anna")

    sso_roles_apply(user=person, provider="entra", claims=["oidc-controllers"])
    sso_roles_apply(user=person, provider="saml", claims=["saml-auditors"])
    assert _roles(person) == {("CONTROLLER", "Kommunstyrelsen"), ("AUDITOR", "Kommunfullmäktige")}

    applied = sso_roles_apply(user=person, provider="saml", claims=[])

    assert _roles(person) == {("CONTROLLER", "Kommunstyrelsen")}
    assert applied.removed == {("AUDITOR", world.unit("Kommunfullmäktige").pk)}
    event = AuditEvent.objects.filter(action="sso.roles_applied").order_by("-pk").first()
    assert event is not None and event.after is not None and event.after["provider"] == "saml"
    assert [r["role"] for r in event.after["roles"]] == ["CONTROLLER"]


def test_the_mapping_of_another_municipal_group_never_applies(settings: Any, world: World) -> None:
    """SSO-001: a provider logs people in to one group (STYR_OIDC_GROUP); other groups' mappings do not apply."""
    other, _ = group_load_preset(actor=None, preset=load_preset_file(EXEMPELBY), today=TODAY)
    other_top = OrgUnit.objects.get(group=other, parent=None)
    _providers(settings, STYR_OIDC_GROUP="exempelby")
    idp_role_mapping_create(actor=None, group=other, provider="entra", claim_value="styrgrupp", role="OFFICIAL", org_unit=other_top)
    person = get_user_model().objects.create_user(username="bertil")
    sso_roles_apply(user=person, provider="entra", claims=["styrgrupp"])
    assert _roles(person) == {("OFFICIAL", other_top.name)}

    _providers(settings)  # the provider now logs people in to the installation's first group, Alvesta
    applied = sso_roles_apply(user=person, provider="entra", claims=["styrgrupp"])

    assert applied.added == set() and _roles(person) == set()


def test_a_mapping_for_a_provider_of_another_group_is_refused(settings: Any, world: World) -> None:
    """SSO-003"""
    group_load_preset(actor=None, preset=load_preset_file(EXEMPELBY), today=TODAY)
    _providers(settings, STYR_SAML_GROUP="exempelby")
    with pytest.raises(RuleViolation) as refused:
        idp_role_mapping_create(
            actor=world.users["administrator"], group=world.group, provider="saml", claim_value="g", role="OFFICIAL", org_unit=world.unit("Hagaskolan")
        )
    assert refused.value.code == "SSO-003" and refused.value.field == "provider"
    page = world.client("administrator").get(URL).content.decode()
    assert 'value="entra"' in page and 'value="saml"' not in page
    assert not IdpRoleMapping.objects.exists()


def test_groups_of_the_idp_match_and_are_kept_whatever_their_case(settings: Any, world: World) -> None:
    """SSO-001, SSO-003"""
    _providers(settings)
    mapping = idp_role_mapping_create(
        actor=None, group=world.group, provider="entra", claim_value=" Styr-Controllers ", role="CONTROLLER", org_unit=world.unit("Kommunstyrelsen")
    )
    assert mapping.claim_value == "styr-controllers"
    person = get_user_model().objects.create_user(username="cecilia")

    sso_roles_apply(user=person, provider="entra", claims=["STYR-controllers"])

    assert _roles(person) == {("CONTROLLER", "Kommunstyrelsen")}


def test_two_mappings_differing_only_by_case_are_refused(settings: Any, world: World) -> None:
    """SSO-003"""
    _providers(settings)
    unit = world.unit("Kommunstyrelsen")
    idp_role_mapping_create(actor=None, group=world.group, provider="entra", claim_value="Styr-Controllers", role="CONTROLLER", org_unit=unit)

    response = world.client("administrator").post(URL, {"provider": "entra", "claim_value": "STYR-CONTROLLERS", "role": "CONTROLLER", "org_unit": unit.pk})

    assert response.status_code == 422 and "SSO-003" in response.content.decode()
    assert IdpRoleMapping.objects.count() == 1
    assert not AuditEvent.objects.filter(action="idp_role_mapping.created", actor=world.users["administrator"]).exists()
    with pytest.raises(IntegrityError), transaction.atomic():  # the database refuses it too
        IdpRoleMapping.objects.create(group=world.group, provider="entra", claim_value="STYR-controllers", role="CONTROLLER", org_unit=unit)
