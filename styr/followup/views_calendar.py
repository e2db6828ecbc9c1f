"""The årshjul (seed §6, planning calendar): the wheel and its list, KS's forms for the calendar, the
committees' reporting months, the report sections, meetings and planning steps, and its iCalendar export."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from styr.core.errors import violation_message, violation_status
from styr.core.permissions import can
from styr.domain.calendar import PERIOD_KINDS
from styr.domain.errors import RuleViolation
from styr.domain.report_sections import SECTION_KEYS, SECTIONS
from styr.followup import sections, services, views_milestones
from styr.followup.calendar_render import icalendar, wheel
from styr.followup.models import PeriodKind, PlanningCalendar, PlanningMilestone, ReportingPeriod
from styr.followup.selectors import calendar_events, calendar_get
from styr.organisation.models import MunicipalGroup, OrgUnit
from styr.organisation.selectors import group_of_user


def _level_label(group: MunicipalGroup, language: str) -> Callable[[str], str]:
    return lambda kind: group.governance.level_label(kind, language)


class Refusal(list[str]):
    """A refused action's messages, with the rule's status (409 for EDIT-001 and the locks, else 422)."""

    def __init__(self, messages: list[str], *, status: int) -> None:
        super().__init__(messages)
        self.status = status


@login_required
def calendar_page(request: HttpRequest, year: int) -> HttpResponse:
    """The årshjul: an accessible wheel and the same events as a list; forms for KS's controller."""
    group = group_of_user(request.user)
    ks = OrgUnit.objects.get(group=group, kind="EXECUTIVE_BOARD", valid_to__isnull=True)
    calendar = PlanningCalendar.objects.filter(group=group, year=year).first()
    form_errors: list[str] = []
    if request.method == "POST":
        form_errors = _calendar_post(request, group, ks, calendar, year)
        if not form_errors:
            return redirect("followup:calendar", year=year)
        calendar = PlanningCalendar.objects.filter(group=group, year=year).first()
    context: dict[str, object] = {
        "year": year,
        "group": group,
        "calendar": None,
        "can_manage": can(request.user, "calendar.manage", ks),
        "can_adopt": can(request.user, "calendar.adopt", ks),
        "committees": [u for u in OrgUnit.objects.filter(group=group, kind="COMMITTEE", valid_to__isnull=True) if can(request.user, "reporting.choose", u)],
        "minimum_months": group.governance.reporting.monthly_minimum_months,
        "all_months": range(1, 13),
        "bodies": OrgUnit.objects.filter(group=group, kind__in=["COUNCIL", "EXECUTIVE_BOARD", "COMMITTEE", "PARENT_COMPANY", "COMPANY", "JOINT_AUTHORITY"]),
        "form_errors": form_errors,
    }
    if calendar is not None:
        calendar = calendar_get(request.user, group, year)
        events = calendar_events(calendar, level_label=_level_label(group, request.LANGUAGE_CODE), user=request.user)
        context.update({"calendar": calendar, "events": events, "wheel": wheel(year, events), "periods": calendar.periods.all()})
        context.update(_sections_context(request, group, calendar))
        context.update(views_milestones.milestones_context(request, calendar, _level_label(group, request.LANGUAGE_CODE)))
    return render(request, "followup/calendar.html", context, status=getattr(form_errors, "status", 422) if form_errors else 200)


def _sections_context(request: HttpRequest, group: MunicipalGroup, calendar: PlanningCalendar) -> dict[str, object]:
    """Report sections (issue 9 §4): KS's minimum and each body's additions per kind of report, as
    a table, and as forms for those who may set them while the årshjul is a draft."""
    requirements = sections.calendar_requirements(calendar)
    bodies = list(OrgUnit.objects.filter(group=group, kind__in=sections.BODY_KINDS, valid_to__isnull=True))
    names = {b.pk: b.name for b in bodies}
    kinds = list(PeriodKind.choices)

    def labels(keys: tuple[str, ...]) -> list[str]:
        return [sections.section_label(k) for k in keys]

    table = [
        {
            "label": label,
            "minimum": labels(requirements.get((kind, None), ())),
            "added": [(names[pk], labels(keys)) for (k, pk), keys in requirements.items() if k == kind and pk is not None and pk in names],
        }
        for kind, label in kinds
    ]

    def form(body_pk: int | None) -> list[dict[str, object]]:
        rows: list[dict[str, object]] = []
        for kind, label in kinds:
            minimum = requirements.get((kind, None), ())
            chosen = set(minimum) | set(requirements.get((kind, body_pk), ()) if body_pk is not None else ())
            options = [(key, sections.section_label(key), key in chosen, body_pk is not None and key in minimum) for key in SECTION_KEYS]
            rows.append({"kind": kind, "label": label, "options": options})
        return rows

    return {
        "section_table": table,
        "section_catalogue": [(sections.section_label(s.key), _(s.filled_when)) for s in SECTIONS],
        "ks_sections_form": form(None),
        "body_sections_forms": [(b, form(b.pk)) for b in bodies if can(request.user, "reporting.choose", b)],
    }


def _calendar_post(request: HttpRequest, group: MunicipalGroup, ks: OrgUnit, calendar: PlanningCalendar | None, year: int) -> list[str]:
    """Run the posted action through its service; a broken rule comes back as a message with its id."""
    action = request.POST.get("action", "")
    try:
        if action == "create":
            interim = request.POST.get("interim_report_month") or None
            services.calendar_create(actor=request.user, group=group, year=year, interim_report_month=int(interim) if interim else None)
        elif calendar is not None and action == "months":
            committee = OrgUnit.objects.get(group=group, pk=int(request.POST["committee"]))
            months = [int(m) for m in request.POST.getlist("months")]
            services.committee_months_set(actor=request.user, calendar=calendar, committee=committee, months=months)
        elif calendar is not None and action == "sections":
            chosen = {kind: request.POST.getlist(f"sections-{kind}") for kind in PERIOD_KINDS}
            sections.report_sections_set(actor=request.user, calendar=calendar, sections=chosen)
        elif calendar is not None and action == "body_sections":
            body = OrgUnit.objects.get(group=group, pk=int(request.POST["body"]))
            chosen = {kind: request.POST.getlist(f"sections-{kind}") for kind in PERIOD_KINDS}
            sections.body_sections_set(actor=request.user, calendar=calendar, body=body, sections=chosen)
        elif calendar is not None and action == "meeting":
            body = OrgUnit.objects.get(group=group, pk=int(request.POST["body"]))
            period_pk = request.POST.get("period") or None
            period = ReportingPeriod.objects.get(calendar=calendar, pk=int(period_pk)) if period_pk else None
            services.meeting_add(
                actor=request.user,
                calendar=calendar,
                body=body,
                on=date.fromisoformat(request.POST["date"]),
                title=request.POST["title"].strip(),
                period=period,
            )
        elif calendar is not None and action in views_milestones.ACTIONS:
            views_milestones.milestone_post(request, calendar, action)
        elif calendar is not None and action == "adopt":
            services.calendar_adopt(
                actor=request.user,
                calendar=calendar,
                decided_on=date.fromisoformat(request.POST["decided_on"]),
                paragraph=request.POST["paragraph"].strip(),
                registration_number=request.POST["registration_number"].strip(),
            )
        else:
            return [_("Unknown action.")]
    except RuleViolation as violation:
        return Refusal([f"{violation_message(violation)} ({violation.code})"], status=violation_status(violation))
    except ValidationError as error:
        return [" ".join(error.messages)]
    except (KeyError, ValueError, OrgUnit.DoesNotExist, ReportingPeriod.DoesNotExist, PlanningMilestone.DoesNotExist):
        return [_("Fill in every field; dates as YYYY-MM-DD.")]
    return []


@login_required
def calendar_ics(request: HttpRequest, year: int) -> HttpResponse:
    group = group_of_user(request.user)
    calendar = calendar_get(request.user, group, year)
    events = calendar_events(calendar, level_label=_level_label(group, request.LANGUAGE_CODE), user=request.user)
    text = icalendar(name=f"{_('Planning calendar')} {year} – {group.name}", events=events, group_slug=group.slug, stamp=timezone.now())
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="arshjul-{year}.ics"'
    return response


@login_required
def calendar_current(request: HttpRequest) -> HttpResponse:
    return redirect("followup:calendar", year=timezone.localdate().year)
