from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Model, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from styr.core.conflicts import add_version, save_checked
from styr.core.converters import year_param
from styr.core.errors import NotAllowed
from styr.core.history import readable_history
from styr.core.permissions import can, has_any_role, require, scope
from styr.core.views import call_service, form_status
from styr.domain.governance import LevelLabel
from styr.domain.governing_documents import review_state
from styr.economy.selectors import frame_figures, ledger_kept
from styr.followup.models import ReportingPeriod
from styr.organisation import selectors, services
from styr.organisation.forms import GoverningDocumentForm
from styr.organisation.models import GoverningDocument, MunicipalGroup, OrgUnit
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
    editable = _editable_documents(request, group, documents) if group else set()
    return render(request, "organisation/parallel_steering.html", {"group": group, "rows": rows, "today": today, "editable": editable})


def _editable_documents(request: HttpRequest, group: MunicipalGroup, documents: list[GoverningDocument]) -> set[int]:
    """The documents the person may change (document.manage where each is owned; the group's root
    for a document without an owner), so the lists link to their edit pages."""
    manage = scope(request.user, "document.manage")
    if not manage:
        return set()
    root_id = OrgUnit.objects.filter(group=group, parent=None).values_list("pk", flat=True).first()
    return {d.pk for d in documents if (d.owner_unit_id or root_id) in manage}


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
    documents = list(selectors.governing_document_list(request.user, group))
    return render(
        request,
        "organisation/documents.html",
        {"group": group, "documents": documents, "form": form, "editable": _editable_documents(request, group, documents)},
        status=422 if form is not None and form.errors else 200,
    )


def _document_initial(document: Model) -> dict[str, object]:
    """The form's fields as the saved document holds them (the edit form, the conflict's saved side)."""
    return {name: getattr(document, name) for name in GoverningDocumentForm.Meta.fields}


@login_required
@require_http_methods(["GET", "POST"])
def document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a governing document (seed §7 Styrdokument): its metadata, its own goals and
    indicators (DOC-001) and its review date (DOC-002), through ``governing_document_update``. The
    form posts the version it was read with (EDIT-001); only who may manage the document where it is
    owned sees the page (PERM-001)."""
    group = selectors.group_holding(request.user)
    document = selectors.governing_document_get(request.user, group, pk)
    require(request.user, "document.manage", document.owner_unit or OrgUnit.objects.get(group=group, parent=None))
    # reached from KS's parallel steering: back there after saving
    back = "parallel" if request.GET.get("fran") == "parallell" or request.POST.get("next") == "parallel" else ""
    here = reverse("organisation:document_edit", kwargs={"pk": document.pk}) + ("?fran=parallell" if back else "")
    status = 200
    if request.method == "POST":
        form = add_version(GoverningDocumentForm(request.POST, group=group), document)
        if form.is_valid():
            data = form.cleaned_data
            saved = save_checked(
                form,
                document,
                lambda: services.governing_document_update(actor=request.user, document=document, **data),
                reload_url=here,
                saved_initial=_document_initial,
            )
            if saved is not None:
                messages.success(request, _("The governing document “%(title)s” was saved.") % {"title": saved.title})
                return redirect("organisation:parallel_steering" if back else "organisation:documents")
        status = form_status(form)
    else:
        form = add_version(GoverningDocumentForm(initial=_document_initial(document), group=group), document)
    return render(request, "organisation/document_edit.html", {"document": document, "form": form, "back": back}, status=status)
