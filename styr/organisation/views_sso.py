"""The role mapping's page (``/installningar/inloggning/``) and the page of a person the identity
provider let in without a role yet."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from styr.core.errors import NotAllowed
from styr.core.permissions import can
from styr.core.views import call_service, form_status
from styr.organisation import services_sso
from styr.organisation.forms_sso import IdpRoleMappingForm
from styr.organisation.models import IdpRoleMapping, MunicipalGroup, OrgUnit
from styr.organisation.selectors import group_of_user


def _managed_group(request: HttpRequest) -> MunicipalGroup:
    group = group_of_user(request.user)
    top = services_sso.top_unit(group)
    if not can(request.user, "role_mapping.manage", top):
        raise NotAllowed("role_mapping.manage", top)
    return group


@login_required
def role_mappings(request: HttpRequest) -> HttpResponse:
    group = _managed_group(request)
    providers = services_sso.configured_providers(group)
    units = OrgUnit.objects.filter(group=group).order_by("position", "name")
    form = IdpRoleMappingForm(request.POST or None, providers=providers, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created = call_service(
            form,
            lambda: services_sso.idp_role_mapping_create(
                actor=request.user,
                group=group,
                provider=str(data["provider"]),
                claim_value=str(data["claim_value"]),
                role=str(data["role"]),
                org_unit=data["org_unit"],
            ),
        )
        if created is not None:
            messages.success(request, _("The role mapping was added."))
            return redirect("sso_role_mappings")
    mappings = IdpRoleMapping.objects.filter(group=group).select_related("org_unit")
    context = {"group": group, "providers": providers, "mappings": mappings, "form": form}
    return render(request, "organisation/role_mappings.html", context, status=form_status(form) if form.errors else 200)


@login_required
@require_POST
def role_mapping_delete(request: HttpRequest, pk: int) -> HttpResponse:
    group = _managed_group(request)
    mapping = get_object_or_404(IdpRoleMapping, pk=pk, group=group)
    services_sso.idp_role_mapping_delete(actor=request.user, mapping=mapping)
    messages.success(request, _("The role mapping was removed."))
    return redirect("sso_role_mappings")


@login_required
def no_role(request: HttpRequest) -> HttpResponse:
    return render(request, "organisation/no_role.html")
