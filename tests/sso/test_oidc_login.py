"""Logging in through a real OpenID Connect provider (django-oauth-toolkit in the live server): the
person lands in Styr with exactly the roles the role mapping gives their groups (SSO-001), and
logs out. The browser does the same path in tests/browser/test_sso_path.py."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth.models import User
from django.test import Client

from styr.core.models import AuditEvent
from styr.organisation.models import IdpRoleGrant, RoleAssignment
from styr.organisation.services import role_assign
from styr.organisation.services_sso import idp_role_mapping_create
from tests.conftest import PASSWORD, World, build_world
from tests.sso.conftest import PROVIDER_ID, Idp


@pytest.fixture
def sso_world(transactional_db: None) -> World:
    return build_world()


def _local(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def log_in_through_idp(idp: Idp, username: str) -> tuple[Client, Any]:
    """Styr (the test client) → the provider's authorize endpoint → its login form → back to Styr's
    callback, which fetches the tokens and the userinfo from the provider over HTTP."""
    styr, provider = Client(), Client()
    start = styr.post(f"/konto/oidc/{PROVIDER_ID}/login/")
    assert start.status_code == 302 and start["Location"].startswith(f"{idp.base}/o/authorize/"), start
    to_login = provider.get(_local(start["Location"]))
    assert to_login.status_code == 302 and to_login["Location"].startswith("/idp/logga-in/")
    form = provider.get(to_login["Location"])
    assert b"Test identity provider" in form.content
    signed_in = provider.post(to_login["Location"], {"username": username, "password": PASSWORD, "next": _local(start["Location"])})
    assert signed_in.status_code == 302, signed_in.content[:500]
    back = provider.get(signed_in["Location"])
    assert back.status_code == 302 and "/login/callback/?code=" in back["Location"], back
    landed = styr.get(_local(back["Location"]))
    return styr, landed


def styr_user(idp_person: User) -> User:
    user: User = SocialAccount.objects.get(provider=PROVIDER_ID, uid=str(idp_person.pk)).user
    return user


def test_a_person_logs_in_through_the_idp_with_the_mapped_roles_and_logs_out(oidc_idp: Idp, sso_world: World) -> None:
    """SSO-001"""
    committee = sso_world.unit("Utbildningsnämnden")
    idp_role_mapping_create(
        actor=sso_world.users["administrator"],
        group=sso_world.group,
        provider=PROVIDER_ID,
        claim_value="styr-un-controller",
        role="CONTROLLER",
        org_unit=committee,
    )
    person = oidc_idp.person("anna", ["styr-un-controller", "alla-anstallda"])

    styr, landed = log_in_through_idp(oidc_idp, "anna")

    assert landed.status_code == 302 and landed["Location"] == "/att-gora/"
    user = styr_user(person)
    assert user.pk != person.pk and user.first_name == "Anna"
    assert set(RoleAssignment.objects.filter(user=user).values_list("role", "org_unit")) == {("CONTROLLER", committee.pk)}
    assert IdpRoleGrant.objects.filter(assignment__user=user, provider=PROVIDER_ID).count() == 1
    # a page only a controller of the committee may use: the committee's ledger import
    assert styr.get(f"/enheter/{committee.pk}/").status_code == 200
    assert styr.get(f"/enheter/{sso_world.unit('Omsorgsnämnden').pk}/").status_code == 404
    event = AuditEvent.objects.get(action="sso.roles_applied", object_id=str(user.pk))
    assert event.before == {"roles": []}
    assert event.after is not None and event.after["roles"][0]["role"] == "CONTROLLER" and event.after["claims"] == ["alla-anstallda", "styr-un-controller"]

    assert styr.post("/konto/logga-ut/").status_code == 302
    assert styr.get("/att-gora/")["Location"].startswith("/konto/logga-in/")


def test_a_person_without_a_mapped_group_gets_no_role_and_is_told_so(oidc_idp: Idp, sso_world: World) -> None:
    """SSO-001"""
    person = oidc_idp.person("bertil", ["alla-anstallda"])

    styr, landed = log_in_through_idp(oidc_idp, "bertil")

    assert landed.status_code == 302 and landed["Location"] == "/konto/ingen-roll/"
    assert not RoleAssignment.objects.filter(user=styr_user(person)).exists()
    page = styr.get(landed["Location"])
    assert page.status_code == 200 and "ingen roll i Styr" in page.content.decode()


def test_a_group_the_person_left_takes_its_role_away_and_a_role_given_by_hand_stays(oidc_idp: Idp, sso_world: World) -> None:
    """SSO-001"""
    committee, haga = sso_world.unit("Utbildningsnämnden"), sso_world.unit("Hagaskolan")
    admin = sso_world.users["administrator"]
    idp_role_mapping_create(actor=admin, group=sso_world.group, provider=PROVIDER_ID, claim_value="styr-un-politiker", role="POLITICIAN", org_unit=committee)
    person = oidc_idp.person("cecilia", ["styr-un-politiker"])
    log_in_through_idp(oidc_idp, "cecilia")
    user = styr_user(person)
    role_assign(actor=admin, user=user, org_unit=haga, role="OFFICIAL")

    person.groups.clear()
    _, landed = log_in_through_idp(oidc_idp, "cecilia")

    assert landed["Location"] == "/att-gora/"
    assert set(RoleAssignment.objects.filter(user=user).values_list("role", "org_unit")) == {("OFFICIAL", haga.pk)}
    last = AuditEvent.objects.filter(action="sso.roles_applied", object_id=str(user.pk)).first()
    assert last is not None and last.before is not None and last.after is not None
    assert {(r["role"], r["from_idp"]) for r in last.before["roles"]} == {("POLITICIAN", True), ("OFFICIAL", False)}
    assert [(r["role"], r["from_idp"]) for r in last.after["roles"]] == [("OFFICIAL", False)]
