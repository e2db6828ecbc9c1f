from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, cast

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from styr.core.forms import StyledFormMixin
from styr.domain.limits import MAX_DATE, MAX_YEAR, MIN_DATE, MIN_YEAR, TEXT_LENGTH, TITLE_LENGTH, UNIT_LABEL_LENGTH
from styr.planning.models import ActivityStatus, ExecutionForm, Frequency, IndicatorDirection, IndicatorSource, ProjectBody, TrendCategory


class GoalForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Goal"), max_length=TITLE_LENGTH)
    citizen_change = forms.CharField(label=_("Change for citizens"), widget=forms.Textarea(attrs={"rows": 2}), max_length=TEXT_LENGTH, required=False)
    start_year = forms.IntegerField(label=_("Start year"), min_value=MIN_YEAR, max_value=MAX_YEAR)
    end_year = forms.IntegerField(label=_("End year"), min_value=MIN_YEAR, max_value=MAX_YEAR)
    measurable = forms.BooleanField(label=_("Measurable with indicators"), required=False, initial=True)
    indicator_name = forms.CharField(label=_("Goal indicator"), max_length=TITLE_LENGTH, required=False)
    indicator_unit = forms.CharField(label=_("Unit of measure"), max_length=UNIT_LABEL_LENGTH, required=False)
    direction = forms.ChoiceField(label=_("Direction"), choices=IndicatorDirection.choices, initial=IndicatorDirection.HIGHER_IS_BETTER)
    baseline_year = forms.IntegerField(label=_("Baseline year"), required=False, min_value=MIN_YEAR, max_value=MAX_YEAR)
    baseline_value = forms.DecimalField(label=_("Baseline value"), required=False, max_digits=14, decimal_places=2, localize=True)
    target_year = forms.IntegerField(label=_("Target year"), required=False, min_value=MIN_YEAR, max_value=MAX_YEAR)
    target_value = forms.DecimalField(label=_("Target value"), required=False, max_digits=14, decimal_places=2, localize=True)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("indicator_name"):
            for name in ("baseline_year", "baseline_value", "target_year", "target_value"):
                if data.get(name) is None and name not in self.errors:
                    self.add_error(name, _("Required when the goal has an indicator."))
        return data


class TargetForm(StyledFormMixin, forms.Form):
    year = forms.IntegerField(label=_("Target year"), min_value=MIN_YEAR, max_value=MAX_YEAR)
    value = forms.DecimalField(label=_("Target value"), max_digits=14, decimal_places=2, localize=True)


class IndicatorForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Goal indicator"), max_length=TITLE_LENGTH)
    unit_label = forms.CharField(label=_("Unit of measure"), max_length=UNIT_LABEL_LENGTH, required=False)
    direction = forms.ChoiceField(label=_("Direction"), choices=IndicatorDirection.choices)
    baseline_year = forms.IntegerField(label=_("Baseline year"), min_value=MIN_YEAR, max_value=MAX_YEAR)
    baseline_value = forms.DecimalField(label=_("Baseline value"), max_digits=14, decimal_places=2, localize=True)
    target_year = forms.IntegerField(label=_("Target year"), min_value=MIN_YEAR, max_value=MAX_YEAR)
    target_value = forms.DecimalField(label=_("Target value"), max_digits=14, decimal_places=2, localize=True)


class GoalPageIndicatorForm(IndicatorForm):
    """The goal page's indicator form: also the Kolada KPI the new indicator follows, bound after
    it is created (KOLADA-010); the picker on each indicator finds the id."""

    kolada_kpi = forms.CharField(
        label=_("Kolada KPI id"), max_length=20, required=False, help_text=_("Optional. For example N15613; or bind it later with the search on the indicator.")
    )


# --- The plan page (seed §5.A–5.C, §6.1–6.3) ------------------------------------------------
#
# Choice fields are filled by the view with objects it has already read through selectors, so a
# page with many forms renders every select without a query of its own.


class ObjectChoiceField(forms.TypedChoiceField):
    """One of the objects the view offers; cleans to the object itself."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(empty_value=None, **kwargs)
        self.objects: dict[str, Any] = {}

    def offer(self, objects: Iterable[Any], *, label: Callable[[Any], str] = str, shown: Iterable[Any] | None = None) -> None:
        """Accept ``objects``; list ``shown`` (default: all of them) in the select."""
        self.objects = {str(o.pk): o for o in objects}
        blank: list[tuple[str, str]] = [("", "—")]
        self.choices = blank + [(key, label(o)) for key, o in self.objects.items()]
        if shown is not None:
            self.widget.choices = blank + [(str(o.pk), label(o)) for o in shown]

    def _coerce(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        try:
            return self.objects[str(value)]
        except KeyError:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}) from None


class ObjectMultipleChoiceField(forms.TypedMultipleChoiceField):
    """Some of the objects the view offers; cleans to a list of them."""

    widget = forms.SelectMultiple

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(empty_value=[], **kwargs)
        self.objects: dict[str, Any] = {}

    def offer(self, objects: Iterable[Any], *, label: Callable[[Any], str] = str) -> None:
        self.objects = {str(o.pk): o for o in objects}
        self.choices = [(key, label(o)) for key, o in self.objects.items()]
        self.widget.attrs["size"] = str(min(max(len(self.objects), 2), 8))

    def _coerce(self, value: Any) -> Any:
        if value == self.empty_value or value in self.empty_values:
            return []
        try:
            return [self.objects[str(v)] for v in value]
        except KeyError as missing:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice", params={"value": str(missing)}) from None


class AgendaPicker(forms.CheckboxSelectMultiple):
    """The 17 goals and their 169 targets as checkboxes, one ``<details>`` per goal (opened where
    something is chosen), with a filter box that ``pickers.js`` shows and drives; without
    JavaScript every goal still opens and every box can be ticked."""

    template_name = "planning/widgets/agenda_picker.html"

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        groups = []
        for label, options, index in context["widget"]["optgroups"]:
            chosen = sum(1 for option in options if option["selected"])
            groups.append({"label": label, "options": options, "index": index, "chosen": chosen})
        context["widget"]["groups"] = groups
        return context


class AgendaField(forms.MultipleChoiceField):
    """Agenda 2030 goals (``g<pk>``) and targets (``t<pk>``) in one picker; cleans to the objects."""

    widget = AgendaPicker

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.objects: dict[str, Any] = {}

    def offer(self, agenda_goals: Iterable[Any]) -> None:
        self.objects = {}
        choices: list[tuple[str, list[tuple[str, str]]]] = []
        for goal in agenda_goals:
            self.objects[f"g{goal.pk}"] = goal
            options = [(f"g{goal.pk}", gettext("The whole goal %(number)s") % {"number": goal.number})]
            for target in goal.targets.all():
                self.objects[f"t{target.pk}"] = target
                options.append((f"t{target.pk}", f"{target.code} {target.title}"))
            choices.append((f"{goal.number}. {goal.title}", options))
        self.choices = choices


def agenda_initial(obj: Any) -> list[str]:
    """An item's Agenda 2030 tags as the picker's values."""
    return [f"g{g.pk}" for g in obj.sustainability_goals.all()] + [f"t{t.pk}" for t in obj.sustainability_targets.all()]


class AgendaTagsMixin:
    """Tags with the Agenda 2030 goals and targets (seed §5.A "Hållbara 2030")."""

    fields: dict[str, forms.Field]

    def offer_agenda(self, agenda_goals: Iterable[Any]) -> None:
        field = AgendaField(label=_("Agenda 2030 goals and targets"))
        field.offer(agenda_goals)
        field.widget.attrs["class"] = "form-check-input"
        self.fields["agenda"] = field

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}  # type: ignore[misc]
        if "agenda" in data:
            keys = [str(k) for k in data.pop("agenda")]
            goals = [k for k in keys if k.startswith("g")]
            targets = [k for k in keys if k.startswith("t")]
            objects = cast(AgendaField, self.fields["agenda"]).objects
            data["sustainability_goals"] = [objects[k] for k in goals]
            data["sustainability_targets"] = [objects[k] for k in targets]
        return data


def _person(user: Any) -> str:
    return str(user.get_full_name() or user.get_username())


class PersonSelect(forms.Select):
    """A select of the people who can be named, with a search box that ``pickers.js`` shows and
    drives (it narrows the options as one types); without JavaScript a plain select."""

    template_name = "planning/widgets/person_select.html"


def person_field(label: Any) -> ObjectChoiceField:
    return ObjectChoiceField(label=label, widget=PersonSelect)


def _textarea(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def _date() -> forms.DateInput:
    """A date picker held to DATE-001's range (the service checks it again)."""
    return forms.DateInput(attrs={"type": "date", "min": MIN_DATE.isoformat(), "max": MAX_DATE.isoformat()}, format="%Y-%m-%d")


class CoreMissionForm(AgendaTagsMixin, StyledFormMixin, forms.Form):
    serves = forms.CharField(label=_("Whom it serves"), widget=_textarea(2), max_length=TEXT_LENGTH, required=False)
    purpose = forms.CharField(label=_("Purpose"), widget=_textarea(), max_length=TEXT_LENGTH, required=False)
    governed_by = forms.CharField(
        label=_("What governs it"), widget=_textarea(2), max_length=TEXT_LENGTH, required=False, help_text=_("Laws, regulations, charter, political direction…")
    )
    governing_documents = ObjectMultipleChoiceField(label=_("Governing documents"))

    def __init__(self, *args: Any, documents: Iterable[Any] = (), agenda_goals: Iterable[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(ObjectMultipleChoiceField, self.fields["governing_documents"]).offer(documents, label=lambda d: f"{d.title} ({d.registration_number})")
        self.offer_agenda(agenda_goals)


class RiskForm(StyledFormMixin, forms.Form):
    description = forms.CharField(label=_("Risk"), widget=_textarea(2), max_length=TEXT_LENGTH)
    likelihood = forms.IntegerField(label=_("Likelihood"), min_value=1)
    consequence = forms.IntegerField(label=_("Consequence"), min_value=1)

    def __init__(self, *args: Any, likelihood_steps: int = 4, consequence_steps: int = 4, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["likelihood"].widget.attrs["max"] = likelihood_steps
        self.fields["consequence"].widget.attrs["max"] = consequence_steps


def _national_requirement_choices() -> list[tuple[str, Any]]:
    from styr.planning.national_quality import national_requirements

    return [("", _("None")), *((r.key, r.title) for r in national_requirements())]


class QualityFactorForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Quality factor"), max_length=TITLE_LENGTH)
    description = forms.CharField(label=_("Description"), widget=_textarea(2), max_length=TEXT_LENGTH, required=False)
    #: seed §5.B: the national requirement on systematic quality work it answers (QUAL-001)
    national_requirement = forms.ChoiceField(label=_("National requirement"), choices=_national_requirement_choices, required=False)


class QualityIndicatorForm(AgendaTagsMixin, StyledFormMixin, forms.Form):
    """A quality indicator is measured, never given a target (seed §5.B, QI-001): no target field."""

    name = forms.CharField(label=_("Quality indicator"), max_length=TITLE_LENGTH)
    unit_label = forms.CharField(label=_("Unit of measure"), max_length=UNIT_LABEL_LENGTH, required=False)
    direction = forms.ChoiceField(label=_("Direction"), choices=IndicatorDirection.choices, initial=IndicatorDirection.HIGHER_IS_BETTER)
    source = forms.ChoiceField(label=_("Source"), choices=IndicatorSource.choices, initial=IndicatorSource.MANUAL)
    kolada_kpi = forms.CharField(label=_("Kolada KPI id"), max_length=20, required=False, help_text=_("For example N15613"))
    formula = forms.CharField(label=_("Formula"), max_length=TITLE_LENGTH, required=False)
    frequency = forms.ChoiceField(label=_("Frequency"), choices=Frequency.choices, initial=Frequency.YEARLY)
    owner = person_field(_("Owner"))
    deputy = person_field(_("Deputy"))

    def __init__(self, *args: Any, people: Iterable[Any] = (), agenda_goals: Iterable[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = list(people)
        for name in ("owner", "deputy"):
            cast(ObjectChoiceField, self.fields[name]).offer(people, label=_person)
        self.offer_agenda(agenda_goals)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("source") == IndicatorSource.KOLADA and not data.get("kolada_kpi") and "kolada_kpi" not in self.errors:
            self.add_error("kolada_kpi", _("A Kolada key figure needs its KPI id."))
        return data


class TrendForm(StyledFormMixin, forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=TrendCategory.choices)
    title = forms.CharField(label=_("Trend"), max_length=TITLE_LENGTH)
    description = forms.CharField(label=_("Description"), widget=_textarea(2), max_length=TEXT_LENGTH, required=False)
    expected_impact = forms.CharField(label=_("Expected impact"), widget=_textarea(2), max_length=TEXT_LENGTH, required=False)
    horizon_years = forms.IntegerField(label=_("Horizon (years)"), min_value=1, max_value=30, initial=4)
    builds_on = ObjectMultipleChoiceField(label=_("Builds on the trends of the levels below"))

    def __init__(self, *args: Any, trends_below: Iterable[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(ObjectMultipleChoiceField, self.fields["builds_on"]).offer(trends_below, label=lambda t: f"{t.title} ({t.org_unit.name})")


class CurrentStateForm(StyledFormMixin, forms.Form):
    core_mission_quality = forms.CharField(label=_("Quality of the core mission"), widget=_textarea(), max_length=TEXT_LENGTH, required=False)
    goal_attainment = forms.CharField(label=_("Goal attainment"), widget=_textarea(), max_length=TEXT_LENGTH, required=False)
    economy = forms.CharField(label=_("Economy"), widget=_textarea(), max_length=TEXT_LENGTH, required=False)


class DirectionForm(StyledFormMixin, forms.Form):
    text = forms.CharField(label=_("Political direction"), widget=_textarea(4), max_length=TEXT_LENGTH)


class DevelopmentAreaForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Development area"), max_length=TITLE_LENGTH)
    description = forms.CharField(label=_("Description"), widget=_textarea(2), max_length=TEXT_LENGTH, required=False)


class DevelopmentGoalForm(AgendaTagsMixin, StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Goal"), max_length=TITLE_LENGTH)
    citizen_change = forms.CharField(label=_("Change for citizens"), widget=_textarea(2), max_length=TEXT_LENGTH, required=False)
    start_year = forms.IntegerField(label=_("Start year"), min_value=MIN_YEAR, max_value=MAX_YEAR)
    end_year = forms.IntegerField(label=_("End year"), min_value=MIN_YEAR, max_value=MAX_YEAR)
    measurable = forms.BooleanField(label=_("Measurable with indicators"), required=False, initial=True)
    development_area = ObjectChoiceField(label=_("Development area"))
    contributes_to = ObjectMultipleChoiceField(label=_("Contributes to"))

    def __init__(self, *args: Any, areas: Iterable[Any] = (), goals_above: Iterable[Any] = (), agenda_goals: Iterable[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(ObjectChoiceField, self.fields["development_area"]).offer(areas)
        cast(ObjectMultipleChoiceField, self.fields["contributes_to"]).offer(goals_above, label=lambda g: f"{g.title} ({g.org_unit.name})")
        self.offer_agenda(agenda_goals)


class AssignmentForm(StyledFormMixin, forms.Form):
    receiver = ObjectChoiceField(label=_("Given to"), required=True)
    title = forms.CharField(label=_("Assignment"), max_length=TITLE_LENGTH)
    description = forms.CharField(label=_("Description"), widget=_textarea(2), max_length=TEXT_LENGTH, required=False)
    deadline = forms.DateField(label=_("Deadline"), widget=_date())
    execution_form = forms.ChoiceField(label=_("Execution form"), choices=ExecutionForm.choices, initial=ExecutionForm.LINE)
    reporting_requirement = forms.CharField(label=_("Reporting requirement"), widget=_textarea(2), max_length=TEXT_LENGTH, required=False)
    owner = person_field(_("Owner"))
    deputy = person_field(_("Deputy"))
    # a project's own organisation (PROJ-001) and a process (PROJ-002): filled for that form only
    project_owner = person_field(_("Project owner"))
    project_lead = person_field(_("Project lead"))
    project_budget_sek = forms.DecimalField(label=_("Project budget (SEK)"), min_value=0, max_digits=14, decimal_places=0, required=False)
    closing_report = forms.CharField(label=_("Closing report"), widget=_textarea(2), max_length=TEXT_LENGTH, required=False)
    process_name = forms.CharField(label=_("Process"), max_length=TITLE_LENGTH, required=False)
    process_owner = person_field(_("Process owner"))
    process_documents = ObjectMultipleChoiceField(label=_("Governing and supporting documents"))

    def __init__(
        self,
        *args: Any,
        units: Iterable[Any] = (),
        directly_below: Iterable[Any] = (),
        people: Iterable[Any] = (),
        documents: Iterable[Any] = (),
        **kwargs: Any,
    ) -> None:
        """Any unit the user sees is accepted, so that the service, not the form, answers ASSIGN-001;
        the select lists the units directly below. The project's and the process's fields are offered
        whatever the execution form; the service refuses them on another form (PROJ-001, PROJ-002)."""
        super().__init__(*args, **kwargs)
        cast(ObjectChoiceField, self.fields["receiver"]).offer(units, label=lambda u: u.name, shown=directly_below)
        people = list(people)
        for name in ("owner", "deputy", "project_owner", "project_lead", "process_owner"):
            cast(ObjectChoiceField, self.fields[name]).offer(people, label=_person)
        cast(ObjectMultipleChoiceField, self.fields["process_documents"]).offer(documents, label=lambda d: f"{d.title} ({d.registration_number})")


class ProjectMilestoneForm(StyledFormMixin, forms.Form):
    """A milestone in a project assignment's timetable, kept by the receiver (PROJ-003, PROJ-004)."""

    title = forms.CharField(label=_("Milestone"), max_length=TITLE_LENGTH)
    due = forms.DateField(label=_("Date"), widget=_date())
    done_on = forms.DateField(label=_("Reached on"), widget=_date(), required=False, help_text=_("Empty until the milestone is reached."))
    note = forms.CharField(label=_("Comment"), widget=_textarea(2), max_length=TEXT_LENGTH, required=False)


class ProcessReviewForm(StyledFormMixin, forms.Form):
    """A review date of a process assignment's process, kept by the receiver (PROJ-002, PROJ-003)."""

    title = forms.CharField(label=_("Review of the process"), max_length=TITLE_LENGTH)
    due = forms.DateField(label=_("Date"), widget=_date())
    done_on = forms.DateField(label=_("Held on"), widget=_date(), required=False, help_text=_("Empty until the review is held."))
    note = forms.CharField(label=_("Comment"), widget=_textarea(2), max_length=TEXT_LENGTH, required=False)


class ProjectMemberForm(StyledFormMixin, forms.Form):
    """A seat in a project's project group or steering group, set by the issuer: a person, or a role
    on a unit (PROJ-005). Both are offered; the service, not the form, answers both or neither."""

    body = forms.ChoiceField(label=_("Group"), choices=ProjectBody.choices, initial=ProjectBody.STEERING)
    person = person_field(_("Person"))
    role_title = forms.CharField(
        label=_("Role"), max_length=TITLE_LENGTH, required=False, help_text=_("Or, instead of a person, a role on a unit: the seat follows the post.")
    )
    org_unit = ObjectChoiceField(label=_("Unit of the role"))

    def __init__(self, *args: Any, people: Iterable[Any] = (), units: Iterable[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(ObjectChoiceField, self.fields["person"]).offer(people, label=_person)
        cast(ObjectChoiceField, self.fields["org_unit"]).offer(units, label=lambda u: u.name)

    def clean_role_title(self) -> str:
        return str(self.cleaned_data.get("role_title") or "").strip()


class ActivityForm(StyledFormMixin, forms.Form):
    parent = forms.ChoiceField(label=_("Carries out"))
    title = forms.CharField(label=_("Activity"), max_length=TITLE_LENGTH)
    description = forms.CharField(label=_("Description"), widget=_textarea(2), max_length=TEXT_LENGTH, required=False)
    owner = person_field(_("Owner"))
    start_date = forms.DateField(label=_("Start"), widget=_date())
    end_date = forms.DateField(label=_("End"), widget=_date())
    status = forms.ChoiceField(label=_("Status"), choices=ActivityStatus.choices, initial=ActivityStatus.PLANNED)

    def __init__(
        self,
        *args: Any,
        goals: Iterable[Any] = (),
        assignments: Iterable[Any] = (),
        people: Iterable[Any] = (),
        with_parent: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(ObjectChoiceField, self.fields["owner"]).offer(people, label=_person)
        self.parents: dict[str, tuple[str, Any]] = {}
        if not with_parent:
            del self.fields["parent"]
            return
        self.parents = {f"goal-{g.pk}": ("goal", g) for g in goals} | {f"assignment-{a.pk}": ("assignment", a) for a in assignments}
        groups: list[tuple[str, list[tuple[str, str]]]] = []
        goal_choices = [(key, str(obj)) for key, (kind, obj) in self.parents.items() if kind == "goal"]
        assignment_choices = [(key, str(obj)) for key, (kind, obj) in self.parents.items() if kind == "assignment"]
        if goal_choices:
            groups.append((str(_("Development goals")), goal_choices))
        if assignment_choices:
            groups.append((str(_("Assignments received")), assignment_choices))
        cast(forms.ChoiceField, self.fields["parent"]).choices = [("", "—"), *groups]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        key = data.pop("parent", None)
        if key:
            kind, obj = self.parents[key]
            data["goal" if kind == "goal" else "assignment"] = obj
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The activity cannot end before it starts."))
        return data


class PlanAdoptForm(StyledFormMixin, forms.Form):
    decided_on = forms.DateField(label=_("Decision date"), widget=_date())
    paragraph = forms.CharField(label=_("Paragraph"), max_length=30, help_text=_("For example § 49"))
    registration_number = forms.CharField(label=_("Registration number"), max_length=50)
