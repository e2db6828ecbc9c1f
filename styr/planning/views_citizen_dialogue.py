"""The officials' pages of the dialogue with citizens (issue 15 §2): the dialogues with the comments
waiting, opening one, moderating and answering comments, gathering what was said into an analysis,
and removing a citizen's details on request (DIAL-001…DIAL-006)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from styr.core.permissions import can
from styr.core.versions import expected, posted_version
from styr.core.views import call_service, form_status
from styr.planning import selectors_citizen_dialogue as selectors
from styr.planning.forms_citizen_dialogue import AnswerForm, DialogueOpenForm, GatherForm, RemovalForm
from styr.planning.models import CitizenComment, CitizenDialogue, CommentState
from styr.planning.services import citizen_dialogue as services


@login_required
def dialogues(request: HttpRequest) -> HttpResponse:
    goals, analyses = selectors.dialogue_subjects(request.user)
    form = DialogueOpenForm(request.POST or None, goals=goals, analyses=analyses)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            goal, analysis = form.chosen()
            unit = goal.org_unit if goal is not None else analysis.org_unit  # type: ignore[union-attr]
            data = form.cleaned_data
            opened = call_service(
                form,
                lambda: services.citizen_dialogue_open(
                    actor=request.user,
                    org_unit=unit,
                    goal=goal,
                    analysis=analysis,
                    title=data["title"],
                    description=data["description"],
                    opens_on=data["opens_on"],
                    closes_on=data["closes_on"],
                ),
            )
            if opened is not None:
                messages.success(request, _("The dialogue is opened."))
                return redirect("planning:citizen_dialogue", pk=opened.pk)
        status = form_status(form)
    context = {"dialogues": list(selectors.citizen_dialogue_list(request.user).order_by("-opens_on", "pk")), "form": form, "can_open": bool(goals or analyses)}
    return render(request, "planning/citizen_dialogue/list.html", context, status=status)


def _page(
    request: HttpRequest,
    dialogue: CitizenDialogue,
    *,
    answer_forms: dict[int, AnswerForm] | None = None,
    gather_form: GatherForm | None = None,
    status: int = 200,
) -> HttpResponse:
    comments = list(selectors.citizen_comment_list(request.user, dialogue))
    answer_forms = answer_forms or {}
    for comment in comments:
        if comment.state == CommentState.APPROVED and comment.pk not in answer_forms:
            answer_forms[comment.pk] = AnswerForm(initial={"answer": comment.answer, "version": comment.version}, prefix=f"c{comment.pk}")
    analyses, trends = selectors.gather_targets(request.user, dialogue)
    current = None  # where it was gathered into, if anywhere (DIAL-005)
    if dialogue.gathered_into_id:
        current = f"analysis:{dialogue.gathered_into_id}"
    elif dialogue.gathered_into_trend_id:
        current = f"trend:{dialogue.gathered_into_trend_id}"
    gather = gather_form or GatherForm(
        initial={"analysis": current, "summary": dialogue.gathered_summary, "version": dialogue.version}, analyses=analyses, trends=trends, prefix="gather"
    )
    moderator = can(request.user, services.MODERATE, dialogue.org_unit)
    context = {
        "dialogue": dialogue,
        "comments": [(c, answer_forms.get(c.pk)) for c in comments],
        "pending": [c for c in comments if c.state == CommentState.PENDING],
        "moderator": moderator,
        "gather_form": gather if analyses or trends else None,
        "can_close": moderator and dialogue.opens_on <= timezone.localdate() < dialogue.closes_on,
    }
    return render(request, "planning/citizen_dialogue/detail.html", context, status=status)


@login_required
def dialogue(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, selectors.citizen_dialogue_get(request.user, pk))


def _back(dialogue_id: int, anchor: str = "") -> HttpResponse:
    return redirect(reverse("planning:citizen_dialogue", kwargs={"pk": dialogue_id}) + anchor)


@login_required
@require_POST
def moderate(request: HttpRequest, pk: int) -> HttpResponse:
    """Show or reject a comment (DIAL-004); the form posts the comment's version (EDIT-001)."""
    comment = selectors.citizen_comment_get(request.user, pk)
    approve = request.POST.get("decision") == "approve"
    with expected(comment, posted_version(request.POST)):
        services.citizen_comment_moderate(actor=request.user, comment=comment, approve=approve)
    messages.success(request, _("The comment is shown on the public page.") if approve else _("The comment is rejected and not shown."))
    return _back(comment.dialogue_id, f"#comment-{comment.pk}")


@login_required
@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    comment = selectors.citizen_comment_get(request.user, pk)
    form = AnswerForm(request.POST, prefix=f"c{comment.pk}")
    if form.is_valid():
        done = call_service(
            form,
            lambda: _answer(request, comment, form),
        )
        if done is not None:
            messages.success(request, _("The answer is shown on the public page."))
            return _back(comment.dialogue_id, f"#comment-{comment.pk}")
    return _page(request, comment.dialogue, answer_forms={comment.pk: form}, status=form_status(form))


def _answer(request: HttpRequest, comment: CitizenComment, form: AnswerForm) -> CitizenComment:
    """The answer, if the comment is still at the version the form was read with (EDIT-001)."""
    with expected(comment, form.cleaned_data.get("version")):
        return services.citizen_comment_answer(actor=request.user, comment=comment, answer=form.cleaned_data["answer"])


@login_required
@require_POST
def gather(request: HttpRequest, pk: int) -> HttpResponse:
    """DIAL-005: what citizens said into a current-state analysis or a trend of the environment analysis, as a source."""
    item = selectors.citizen_dialogue_get(request.user, pk)
    analyses, trends = selectors.gather_targets(request.user, item)
    form = GatherForm(request.POST, analyses=analyses, trends=trends, prefix="gather")
    if form.is_valid():
        analysis, trend = form.chosen()

        def run() -> CitizenDialogue:
            with expected(item, form.cleaned_data.get("version")):
                return services.citizen_dialogue_gather(
                    actor=request.user, dialogue=item, year=analysis.year if analysis else None, trend=trend, summary=form.cleaned_data["summary"]
                )

        if call_service(form, run) is not None:
            messages.success(request, _("What citizens said is a source of the analysis."))
            return _back(item.pk)
    return _page(request, item, gather_form=form, status=form_status(form))


@login_required
@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    """DIAL-001: close an open dialogue before its closing day; the form posts the dialogue's version (EDIT-001)."""
    item = selectors.citizen_dialogue_get(request.user, pk)
    with expected(item, posted_version(request.POST)):
        services.citizen_dialogue_close(actor=request.user, dialogue=item)
    messages.success(request, _("The dialogue is closed: it takes no comments after today."))
    return _back(item.pk)


@login_required
def removal(request: HttpRequest) -> HttpResponse:
    """DIAL-006: a citizen asked for their details to be removed; the official gives the receipt
    code or the email, and the name and email of those comments in the units they moderate are blanked."""
    form = RemovalForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            count = call_service(form, lambda: services.citizen_data_remove(actor=request.user, receipt_code=data["receipt_code"], email=data["email"] or ""))
            if count is not None:
                messages.success(request, _("The name and email of %(count)s comments are removed.") % {"count": count})
                return redirect("planning:citizen_data_removal")
        status = form_status(form)
    return render(request, "planning/citizen_dialogue/removal.html", {"form": form}, status=status)
