from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from styr.core.converters import year_param
from styr.core.errors import NotAllowed
from styr.core.history import readable_history
from styr.core.permissions import can, has_any_role
from styr.core.views import call_service
from styr.domain.governance import LevelLabel
from styr.domain.governing_documents import review_state
from styr.economy.selectors import frame_figures, ledger_kept
from styr.followup.models import ReportingPeriod
from styr.organisation import selectors, services
from styr.organisation.forms import GoverningDocumentForm
from styr.organisation.models import MunicipalGroup, OrgUnit
from styr.organisation.tree import nest
from styr.planning.forms import GoalForm
from styr.planning.selectors import goal_list


def _tree_context(request: HttpRequest, current: OrgUnit | None = None) -> dict[str, object]:
    units = selectors.org_unit_navigation(request.user, current) if current else selectors.org_unit_list(request.user)
    return {"tree": nest(units), "current_unit": current}


@login_required
def tree(request: HttpRequest) -> HttpResponse:
    return render(request, "organisation/tree.html", {**_tree_context(request), "has_roles": has_any_role(request.user)})


@login_required
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return unit_page(request, selectors.org_unit_get(request.user, pk))


def unit_page(
    request: HttpRequest,
    unit: OrgUnit,
    *,
    goal_form: GoalForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The unit's page; also re-rendered with a refused form's errors (status 422)."""
    year = year_param(request)
    goals = list(goal_list(request.user, org_unit=unit))
    receives_frame = unit.kind in {"COMMITTEE", "EXECUTIVE_BOARD"}
    keeps_ledger = ledger_kept(request.user, unit)
    context = {
        **_tree_context(request, unit),
        "unit": unit,
        "year": year,
        "level_label": unit.level_label(request.LANGUAGE_CODE),
        "ancestors": selectors.org_unit_ancestors(unit),
        "children": selectors.org_unit_children(request.user, unit),
        "goals": goals,
        "goal_cap": unit.group.governance.max_development_goals,
        "frame": frame_figures(unit, year) if receives_frame else None,
        "keeps_ledger": keeps_ledger,
        "can_write_goals": can(request.user, "goal.write", unit),
        "ledger_link": keeps_ledger or can(request.user, "ledger.import", unit),
        "goal_form": goal_form or GoalForm(initial={"start_year": year, "end_year": year}),
        "history": readable_history(selectors.unit_history(request.user, unit), user=request.user),
        "periods": ReportingPeriod.objects.filter(group=unit.group, end__year=year).filter(Q(org_unit__isnull=True) | Q(org_unit=unit)),
    }
    return render(request, "organisation/unit_detail.html", context, status=status)


def _group_for(request: HttpRequest) -> MunicipalGroup | None:
    groups = list(selectors.group_list(request.user)[:1])
    return groups[0] if groups else selectors.group_default()


@login_required
def model(request: HttpRequest) -> HttpResponse:
    group = _group_for(request)
    context = {
        "group": group,
        "model": group.governance if group else None,
        "vision": selectors.vision_current(group) if group else None,
        "values": selectors.core_values_current(group) if group else None,
        "account_plans": _account_plans(group, request.LANGUAGE_CODE) if group else [],
    }
    return render(request, "organisation/model.html", context)


def _account_plans(group: MunicipalGroup, language: str) -> list[tuple[str, str]]:
    """accounts (issue 9 §1): each level and the chart of accounts its ledgers keep."""
    from styr.domain.account_files import shipped_statement

    model = group.governance
    return [(label_of(level, language), shipped_statement(model.account_plans.plan_for(level.kind))[0].name) for level in model.levels]


def label_of(level: LevelLabel, language: str) -> str:
    return level.label_en if language.startswith("en") else level.label_sv


@login_required
def parallel_steering(request: HttpRequest) -> HttpResponse:
    """Seed §7 Styrdokument: the governing documents with goals and/or indicators of their own, with
    their owners and review dates, so that KS sees the parallel steering (DOC-001, DOC-002)."""
    group = _group_for(request)
    documents = list(selectors.parallel_steering_list(request.user, group)) if group else []
    today = timezone.localdate()
    rows = [{"document": d, "review": review_state(d.review_by, today)} for d in documents]
    return render(request, "organisation/parallel_steering.html", {"group": group, "rows": rows, "today": today})


@login_required
def documents(request: HttpRequest) -> HttpResponse:
    group = _group_for(request)
    if group is None:
        return render(request, "organisation/documents.html", {"documents": [], "form": None})
    root = OrgUnit.objects.get(group=group, parent=None)
    may_add = can(request.user, "document.manage", root)
    if request.method == "POST" and not may_add:
        raise NotAllowed("document.manage", root)
    form = GoverningDocumentForm(request.POST or None, group=group) if may_add else None
    if request.method == "POST" and form is not None and form.is_valid():
        document = call_service(
            form,
            lambda: services.governing_document_create(actor=request.user, group=group, **form.cleaned_data),
        )
        if document is not None:
            messages.success(request, _("The governing document “%(title)s” was registered.") % {"title": document.title})
            return redirect("organisation:documents")
    return render(
        request,
        "organisation/documents.html",
        {"group": group, "documents": selectors.governing_document_list(request.user, group), "form": form},
        status=422 if form is not None and form.errors else 200,
    )
