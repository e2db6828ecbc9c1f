"""The companies' pages (issue 12 §5): KS's page over the companies and joint authorities
(``/bolagen/<year>/``), the owner directives (``/bolagen/agardirektiv/``, one directive with its
demands) and a company's answers and owner dialogues (``/bolagen/<unit_id>/direktiv/<year>/``).
A company's board sees its own company, KS all, the auditors read."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language

from styr.control.forms_companies import AnswerForm, DemandForm, DialogueForm, DirectiveForm
from styr.control.selectors import companies as selectors
from styr.control.services import companies as services
from styr.core.permissions import can, scope
from styr.core.views import call_service, form_status
from styr.domain.companies import ISSUER_OF_KIND
from styr.domain.levels import LevelKind
from styr.organisation.models import MunicipalGroup, OrgUnit
from styr.organisation.selectors import group_of_user


def _group(request: HttpRequest) -> MunicipalGroup:
    group = group_of_user(request.user)
    if group is None:
        raise Http404
    return group


def _scale(group: MunicipalGroup) -> list[tuple[str, str]]:
    english = (get_language() or "sv").startswith("en")
    return [(s.code, s.label_en if english else s.label_sv) for s in group.governance.status_scale]


def _colours(group: MunicipalGroup) -> dict[str, tuple[str, str]]:
    english = (get_language() or "sv").startswith("en")
    return {s.code: (s.label_en if english else s.label_sv, s.colour) for s in group.governance.status_scale}


@login_required
def companies_current(request: HttpRequest) -> HttpResponse:
    return redirect("control:companies", year=timezone.localdate().year)


@login_required
def companies_page(request: HttpRequest, year: int) -> HttpResponse:
    """Each company and joint authority: its reports through the chain, its answers, its internal control."""
    group = _group(request)
    overviews = selectors.companies_overview(request.user, group=group, year=year, today=timezone.localdate())
    if not overviews:
        raise Http404
    context: dict[str, Any] = {"year": year, "overviews": overviews, "colours": _colours(group), "level_label": group.governance.level_label}
    return render(request, "control/companies/overview.html", context)


@login_required
def directives_page(request: HttpRequest) -> HttpResponse:
    """The directives by issuer; a controller records a new one."""
    group = _group(request)
    issuers = OrgUnit.objects.filter(
        group=group, kind__in=sorted({k.value for k in ISSUER_OF_KIND.values()}), pk__in=scope(request.user, "owner_directive.write")
    )
    form = None
    status = 200
    if issuers.exists():
        companies = OrgUnit.objects.filter(group=group, kind__in=selectors.KINDS).order_by("kind", "name")
        form = DirectiveForm(request.POST or None, issuers=issuers.order_by("kind", "name"), companies=companies, auto_id="directive-%s")
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            created = call_service(form, lambda: services.owner_directive_create(actor=request.user, **data))
            if created is not None:
                return redirect("control:directive", pk=created.pk)
        if request.method == "POST":
            status = form_status(form)
    elif request.method == "POST":
        return HttpResponse(status=403)
    directives = list(selectors.directive_list(request.user, group))
    by_issuer: dict[OrgUnit, list[Any]] = {}
    for directive in directives:
        by_issuer.setdefault(directive.issuer, []).append(directive)
    return render(request, "control/companies/directives.html", {"by_issuer": by_issuer, "form": form}, status=status)


@login_required
def directive_page(request: HttpRequest, pk: int) -> HttpResponse:
    """One directive with its demands; its issuer's controllers add and remove demands."""
    group = _group(request)
    directive = selectors.directive_get(request.user, group, pk)
    may_write = can(request.user, "owner_directive.write", directive.issuer)
    form = DemandForm(request.POST or None, auto_id="demand-%s") if may_write else None
    status = 200
    if request.method == "POST":
        if form is None:
            return HttpResponse(status=403)
        if form.is_valid():
            created = call_service(form, lambda: services.directive_demand_create(actor=request.user, directive=directive, **form.cleaned_data))
            if created is not None:
                return redirect("control:directive", pk=directive.pk)
        status = form_status(form)
    return render(request, "control/companies/directive.html", {"directive": directive, "form": form, "may_write": may_write}, status=status)


@login_required
def company_page(request: HttpRequest, unit_id: int, year: int) -> HttpResponse:
    """A company's answers to its directives point by point, its reports, its owner dialogues; a
    parent company's page gathers its subsidiaries'."""
    group = _group(request)
    unit = selectors.company_get(request.user, group, unit_id)
    overview = selectors.company_overview(request.user, unit, year, timezone.localdate())
    may_answer = can(request.user, "directive_answer.write", unit)
    is_parent = unit.kind == LevelKind.PARENT_COMPANY
    may_dialogue = is_parent and can(request.user, "owner_dialogue.write", unit)
    scale = _scale(group)
    status = 200
    forms: dict[int, AnswerForm] = {}
    dialogue_form = None
    if may_dialogue:
        subsidiaries = OrgUnit.objects.filter(parent=unit, kind=LevelKind.COMPANY).order_by("position", "name")
        dialogue_form = DialogueForm(request.POST if request.POST.get("action") == "dialogue" else None, subsidiaries=subsidiaries, auto_id="dialogue-%s")
    if may_answer:
        for row in overview.answers:
            initial = {"answer": row.answer.answer, "value": row.answer.value, "status": row.answer.status} if row.answer else {"status": "not_assessed"}
            bound = request.POST if request.POST.get("demand") == str(row.demand.pk) else None
            forms[row.demand.pk] = AnswerForm(bound, initial=initial, scale=scale, auto_id=f"answer-{row.demand.pk}-%s")
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "answer" and may_answer:
            demand_id = request.POST.get("demand", "")
            form = forms.get(int(demand_id)) if demand_id.isdigit() else None
            found = next((r for r in overview.answers if str(r.demand.pk) == demand_id), None)
            if form is None or found is None:
                raise Http404
            demand = found.demand
            if form.is_valid():
                saved = call_service(
                    form, lambda: services.directive_answer_set(actor=request.user, demand=demand, company=unit, year=year, **form.cleaned_data)
                )
                if saved is not None:
                    return redirect("control:company", unit_id=unit.pk, year=year)
            status = form_status(form)
        elif action == "dialogue" and dialogue_form is not None:
            if dialogue_form.is_valid():
                data = dialogue_form.cleaned_data
                saved_dialogue = call_service(dialogue_form, lambda: services.owner_dialogue_create(actor=request.user, parent_company=unit, **data))
                if saved_dialogue is not None:
                    return redirect("control:company", unit_id=unit.pk, year=year)
            status = form_status(dialogue_form)
        else:
            return HttpResponse(status=403)
    context: dict[str, Any] = {
        "unit": unit,
        "year": year,
        "overview": overview,
        "forms": forms,
        "colours": _colours(group),
        "dialogues": selectors.owner_dialogue_list(request.user, group, year=year, company=unit),
        "dialogue_form": dialogue_form,
        "is_parent": is_parent,
    }
    return render(request, "control/companies/company.html", context, status=status)
