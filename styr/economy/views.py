from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.dates import MONTHS_3
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from styr.core import xlsx
from styr.core.conflicts import Conflict, ConflictRow, add_version, save_checked, text_conflict
from styr.core.converters import year_param
from styr.core.errors import NotAllowed, violation_status
from styr.core.permissions import can
from styr.core.views import call_service, form_status, refusal_text
from styr.domain.budget import EVEN, GIVEN
from styr.domain.economy import FRAME_RECEIVERS
from styr.domain.errors import RuleViolation
from styr.domain.numbers import sv_number
from styr.domain.versions import STALE
from styr.economy import excel, selectors, services
from styr.economy.forms import BudgetEnterForm, BudgetUploadForm, InternalBudgetAdoptForm, InternalBudgetReopenForm
from styr.economy.models import BudgetMonth
from styr.economy.selectors import result_statement
from styr.economy.selectors.budget import budget_units
from styr.economy.selectors.budget_adoption import adoption_in_force
from styr.organisation.models import OrgUnit
from styr.organisation.selectors import org_unit_ancestors, org_unit_get
from styr.organisation.views import _tree_context


@login_required
def statement(request: HttpRequest, unit_pk: int) -> HttpResponse:
    """The result statement and balance sheet of the unit's ledger for a year (``?ar=``)."""
    unit = org_unit_get(request.user, unit_pk)
    year = year_param(request)
    return render(request, "economy/statement.html", {"unit": unit, "year": year, "statement": result_statement(request.user, unit, year)})


def unit_page_url(pk: int) -> str:
    from django.urls import reverse

    return reverse("organisation:unit", kwargs={"pk": pk})


def _committee(request: HttpRequest, unit_pk: int) -> OrgUnit:
    unit = org_unit_get(request.user, unit_pk)
    if unit.level_kind not in FRAME_RECEIVERS:
        raise Http404
    return unit


def _enter(request: HttpRequest, form: BudgetEnterForm, unit: OrgUnit, year: int, *, versioned: bool = False, reload_url: str = "") -> bool:
    """The entered budget saved through the service; a refusal goes next to its field. ``versioned``:
    the form carries the version of the unit it was read with (``add_version``), and a budget saved by
    someone else since (which raises the unit's version) is shown beside the person's own (EDIT-001)."""
    if not form.is_valid():
        return False
    data = form.cleaned_data
    key = data["key"]

    def enter() -> list[Any]:
        return services.budget_enter(
            actor=request.user,
            org_unit=unit,
            year=year,
            key=key,
            total_sek=data.get("total_sek") or None,
            months=form.months() if key == GIVEN else None,
            profile=data.get("profile") or "",
        )

    if versioned:
        reload_url = reload_url or f"{reverse('economy:unit_budget', kwargs={'unit_pk': unit.pk})}?ar={year}"
        saved = save_checked(form, unit, enter, reload_url=reload_url, saved_initial=lambda _unit: _saved_months(unit, year))
    else:
        saved = call_service(form, enter)
    if saved is None:
        return False
    messages.success(request, _("The budget of %(unit)s for %(year)s was saved.") % {"unit": unit.name, "year": year})
    return True


def _adoption_post(request: HttpRequest, committee: OrgUnit, year: int, action: str, forms_: dict[str, Any]) -> bool:
    """Adopt (a politician on the committee) or reopen (politicians and controllers over it) the
    internal budget; a refusal goes next to its field, the form kept in ``forms_``."""
    if action == "adopt":
        if not can(request.user, "internal_budget.adopt", committee):
            raise NotAllowed("internal_budget.adopt", committee)
        adopt_form = InternalBudgetAdoptForm(request.POST, auto_id="adopt-%s")
        forms_["adopt_form"] = adopt_form
        if adopt_form.is_valid():
            data = adopt_form.cleaned_data
            adopted = call_service(
                adopt_form,
                lambda: services.internal_budget_adopt(
                    actor=request.user,
                    committee=committee,
                    year=year,
                    decided_on=data["decided_on"],
                    paragraph=data["paragraph"],
                    registration_number=data["registration_number"],
                ),
            )
            if adopted is not None:
                messages.success(request, _("The internal budget %(year)s was adopted (%(decision)s).") % {"year": year, "decision": adopted.decision})
                return True
        return False
    if not can(request.user, "internal_budget.reopen", committee):
        raise NotAllowed("internal_budget.reopen", committee)
    reopen_form = InternalBudgetReopenForm(request.POST, auto_id="reopen-%s")
    forms_["reopen_form"] = reopen_form
    if reopen_form.is_valid():
        reason = reopen_form.cleaned_data["reason"]
        if call_service(reopen_form, lambda: services.internal_budget_reopen(actor=request.user, committee=committee, year=year, reason=reason)):
            messages.success(
                request, _("The internal budget %(year)s is reopened: the units' budgets can be changed until it is adopted again.") % {"year": year}
            )
            return True
    return False


@login_required
def internal_budget(request: HttpRequest, unit_pk: int) -> HttpResponse:
    """A committee's internal budget: its units × months, the frame, the sum and what is left
    undistributed; its state (draft, adopted with the decision, reopened) and the adoptions so far;
    forms to enter a unit's budget, upload the Excel template or take the budget from the ledger
    while it is not adopted, to adopt it (a politician on the committee) and to reopen it."""
    committee = _committee(request, unit_pk)
    year = year_param(request)
    may_write = can(request.user, "budget.write", committee)
    units = budget_units(committee)
    choices = [(u.pk, "\u2003" * depth + u.name) for u, depth in units]
    profiles = list(committee.group.governance.budget.profiles)
    form = BudgetEnterForm(units=choices, profiles=profiles, initial={"key": EVEN})
    upload_form = BudgetUploadForm()
    forms_: dict[str, Any] = {"adopt_form": InternalBudgetAdoptForm(auto_id="adopt-%s"), "reopen_form": InternalBudgetReopenForm(auto_id="reopen-%s")}
    errors: list[str] = []
    import_conflict: Conflict | None = None
    seen_versions = ""
    status = 200
    here = f"{reverse('economy:internal_budget', kwargs={'unit_pk': committee.pk})}?ar={year}"
    if request.method == "POST":
        action = request.POST.get("action") or ""
        if action in {"adopt", "reopen"}:
            if _adoption_post(request, committee, year, action, forms_):
                return redirect(here)
            status = form_status(forms_[f"{action}_form"])
        elif not may_write:
            raise NotAllowed("budget.write", committee)
        elif action == "enter":
            form, chosen = _committee_entry(request, choices, profiles, {u.pk: u for u, _depth in units})
            if chosen is not None and _enter(request, form, chosen, year, versioned=True, reload_url=here):
                return redirect(here)
            status = form_status(form)
        elif action in {"import", "ledger"}:
            try:
                if action == "import":
                    upload = request.FILES.get("file")
                    if upload is None:
                        raise RuleViolation("ECON-006", gettext_noop("Choose the filled-in Excel file."), {}, field="file")
                    found = services.budget_import(
                        actor=request.user,
                        org_unit=committee,
                        year=year,
                        data=upload.read(xlsx.MAX_BYTES + 1),
                        file_name=upload.name or "",
                        seen=_versions_posted(request.POST.get("seen_versions", "")),
                    )
                    messages.success(request, _("The budget of %(count)s units was read from the file.") % {"count": len(found)})
                else:
                    taken = services.budget_from_ledger(
                        actor=request.user, org_unit=committee, year=year, seen=_versions_posted(request.POST.get("unit_versions", ""))
                    )
                    messages.success(request, _("The budget of %(count)s units was taken from the ledger.") % {"count": len(taken)})
                return redirect(here)
            except RuleViolation as violation:
                status = violation_status(violation)
                if violation.code == STALE:
                    # both budgets side by side; sending again (the file, or the button on the page
                    # as it now is) replaces the saved budget with the person's own
                    template_url = f"{reverse('economy:internal_budget_template', kwargs={'unit_pk': committee.pk})}?ar={year}"
                    import_conflict, seen_versions = _budget_conflict(violation, template_url=template_url, here=here, action=action)
                else:
                    errors.append(refusal_text(violation))
        else:
            raise Http404
    budget_status = selectors.internal_budget_status(request.user, committee, year)
    context = {
        **_tree_context(request, committee),
        **forms_,
        "unit": committee,
        "year": year,
        "budget": budget_status.budget,
        "status": budget_status,
        "month_names": [str(MONTHS_3[m]).capitalize() for m in range(1, 13)],
        "may_write": may_write,
        "may_adopt": can(request.user, "internal_budget.adopt", committee),
        "may_reopen": can(request.user, "internal_budget.reopen", committee),
        "form": form,
        # each unit's version as the page shows its budget (EDIT-001): the entry form posts them back
        "unit_versions": ",".join(f"{u.pk}:{u.version}" for u, _depth in budget_units(committee)),
        "upload_form": upload_form,
        "import_conflict": import_conflict,
        "conflict_action": request.POST.get("action", "") if import_conflict else "",
        "seen_versions": seen_versions,
        "errors": errors,
        "ancestors": org_unit_ancestors(committee),
    }
    return render(request, "economy/internal_budget.html", context, status=status)


def _versions_posted(text: str) -> dict[int, int] | None:
    """Unit versions as a form posts them ("id:version,…"); None when the form posted none."""
    versions: dict[int, int] = {}
    for pair in text.split(","):
        unit_id, _sep, version = pair.partition(":")
        if unit_id.strip().isdigit() and version.strip().isdigit():
            versions[int(unit_id)] = int(version)
    return versions or None


def _budget_conflict(violation: RuleViolation, *, template_url: str, here: str, action: str) -> tuple[Conflict, str]:
    """A budget file or the ledger's budget refused by EDIT-001: per unit saved by someone else, the
    person's budget (the file's or the ledger's) beside the saved one, and the saved versions to post
    with the file when the person sends it again to replace them."""
    changed = violation.detail.get("changed", [])

    def shown(months: list[str]) -> str:
        if not months:
            return _("No budget")
        total = sum((Decimal(m) for m in months), Decimal(0))
        return (
            _("%(total)s kr for the year") % {"total": sv_number(total, max_decimals=2)}
            + "\n"
            + " · ".join(f"{str(MONTHS_3[i + 1]).capitalize()} {sv_number(Decimal(m), max_decimals=2)}" for i, m in enumerate(months))
        )

    rows = [ConflictRow(label=item["unit"], mine=shown(item["months"]), saved=shown(item["current_months"])) for item in changed]
    newest = max((item["current"] for item in changed), default=0)
    conflict = text_conflict(violation, rows, saved_version=newest, reload_url=template_url if action == "import" else here)
    return conflict, ",".join(f"{item['unit_id']}:{item['current']}" for item in changed)


def _committee_entry(
    request: HttpRequest, choices: list[tuple[int, str]], profiles: list[str], unit_of: dict[int, OrgUnit]
) -> tuple[BudgetEnterForm, OrgUnit | None]:
    """The committee page's entry form for the unit chosen in it, with that unit's version as the
    page showed it (``unit_versions``: "id:version,…"), so a unit's budget saved by someone else
    since is refused beside the person's own (EDIT-001) and another unit's is not."""
    data = request.POST.copy()
    shown = dict(pair.split(":", 1) for pair in data.get("unit_versions", "").split(",") if pair.count(":") == 1)
    data["version"] = shown.get(data.get("unit", ""), "")
    probe = BudgetEnterForm(data, units=choices, profiles=profiles)
    chosen = unit_of.get(probe.cleaned_data["unit"]) if probe.is_valid() else None
    if chosen is None:
        return probe, None
    form = add_version(BudgetEnterForm(data, units=choices, profiles=profiles), chosen)
    return form, chosen if form.is_valid() else None


@login_required
def internal_budget_adoption(request: HttpRequest, unit_pk: int, pk: int) -> HttpResponse:
    """An adopted revision of the internal budget exactly as it was decided (its snapshot)."""
    committee = _committee(request, unit_pk)
    adoption = selectors.internal_budget_adoption_get(request.user, pk)
    if adoption.committee_id != committee.pk:
        raise Http404
    context = {
        **_tree_context(request, committee),
        "unit": committee,
        "year": adoption.year,
        "adoption": adoption,
        "snapshot": adoption.snapshot,
        "month_names": [str(MONTHS_3[m]).capitalize() for m in range(1, 13)],
        "ancestors": org_unit_ancestors(committee),
    }
    return render(request, "economy/internal_budget_adoption.html", context)


@login_required
def internal_budget_template(request: HttpRequest, unit_pk: int) -> HttpResponse:
    committee = _committee(request, unit_pk)
    year = year_param(request)
    budget = selectors.internal_budget(request.user, committee, year)
    rows = [excel.TemplateRow(unit=row.unit, depth=row.depth, months=row.months) for row in budget.rows]
    response = HttpResponse(excel.template(committee, year, rows), content_type=xlsx.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{excel.template_filename(committee, year)}"'
    return response


@login_required
def internal_budget_sie(request: HttpRequest, unit_pk: int) -> HttpResponse:
    """The internal budget as a SIE file (#PBUDGET per unit's object) for the ledger."""
    committee = _committee(request, unit_pk)
    year = year_param(request)
    try:
        export = selectors.budget_sie_export(request.user, committee, year)
    except RuleViolation as violation:
        messages.error(request, refusal_text(violation))
        return redirect(f"{reverse('economy:internal_budget', kwargs={'unit_pk': committee.pk})}?ar={year}")
    response = HttpResponse(export.data, content_type="text/plain; charset=IBM437")
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response


def _saved_months(unit: OrgUnit, year: int) -> dict[str, Any]:
    """The unit's saved budget as the entry form's fields: month by month, as given."""
    months = dict(BudgetMonth.objects.filter(org_unit=unit, year=year).values_list("month", "amount_sek"))
    saved: dict[str, Any] = {f"m{month}": sv_number(amount) for month, amount in months.items()}
    if months:
        saved |= {"key": GIVEN, "total_sek": "", "profile": ""}
    return saved


@login_required
def unit_budget(request: HttpRequest, unit_pk: int) -> HttpResponse:
    """A unit's own budget per month, and a form to enter it."""
    unit = org_unit_get(request.user, unit_pk)
    year = year_param(request)
    may_write = can(request.user, "budget.write", unit)
    profiles = list(unit.group.governance.budget.profiles)
    form = add_version(BudgetEnterForm(profiles=profiles, initial={"key": EVEN}), unit)
    status = 200
    if request.method == "POST":
        if not may_write:
            raise NotAllowed("budget.write", unit)
        form = add_version(BudgetEnterForm(request.POST, profiles=profiles), unit)
        if _enter(request, form, unit, year, versioned=True):
            return redirect(f"{reverse('economy:unit_budget', kwargs={'unit_pk': unit.pk})}?ar={year}")
        status = form_status(form)
    context = {
        **_tree_context(request, unit),
        "unit": unit,
        "year": year,
        "budget": selectors.unit_budget(request.user, unit, year),
        "committee": selectors.budget_committee_of(unit),
        "adopted": adoption_in_force(unit, year),
        "month_names": [str(MONTHS_3[m]).capitalize() for m in range(1, 13)],
        "may_write": may_write,
        "form": form,
        "ancestors": org_unit_ancestors(unit),
    }
    return render(request, "economy/unit_budget.html", context, status=status)
