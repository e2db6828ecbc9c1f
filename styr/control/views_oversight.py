"""KS's oversight page (issue 12 §4): every committee's and company's internal control of the year,
the common controls across the group, the actions past their deadline, and KS's evaluation with its
decision on actions: written by KS's controllers, adopted by KS with a frozen snapshot, as PDF and
Word. A committee's reader sees its own bodies; the evaluation is KS's and shows to who sees KS."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from styr.control.forms_oversight import EvaluationAdoptForm, EvaluationForm
from styr.control.oversight_display import prepare, scale_of
from styr.control.oversight_documents import render_evaluation_docx
from styr.control.selectors.oversight import evaluation_for_year, executive_board_of, oversight_overview, overview_content
from styr.control.services import oversight as services
from styr.core.conflicts import add_version, save_checked
from styr.core.errors import NotAllowed
from styr.core.permissions import can, scope
from styr.core.views import call_service, form_status, form_violation, refusal_text
from styr.documents.builders import filename, generated_at
from styr.documents.renderers.pdf import render_pdf
from styr.documents.views import CONTENT_TYPES, _look
from styr.organisation.selectors import group_of_user


def _page(
    request: HttpRequest,
    year: int,
    *,
    form: EvaluationForm | None = None,
    adopt_form: EvaluationAdoptForm | None = None,
    refusal: str = "",
    status: int = 200,
) -> HttpResponse:
    group = group_of_user(request.user)
    board = executive_board_of(group)
    today = timezone.localdate()
    content = overview_content(oversight_overview(request.user, group=group, year=year, today=today))
    scale = scale_of(group, request.LANGUAGE_CODE)
    sees_board = board.pk in scope(request.user)
    evaluation = evaluation_for_year(request.user, group=group, year=year) if sees_board else None
    draft = evaluation is None or evaluation.state != "adopted"
    may_write = draft and can(request.user, "oversight.write", board)
    may_adopt = draft and evaluation is not None and can(request.user, "oversight.adopt", board)
    if may_write and form is None:
        form = EvaluationForm(
            initial={"evaluation": evaluation.evaluation, "measures": evaluation.measures} if evaluation is not None else None, auto_id="evaluation-%s"
        )
        if evaluation is not None:
            add_version(form, evaluation)  # EDIT-001: the version the draft was read with
    if may_adopt and adopt_form is None:
        adopt_form = EvaluationAdoptForm(auto_id="adopt-%s")
    adopted = None
    if evaluation is not None and not draft and evaluation.snapshot:
        adopted = prepare(evaluation.snapshot["overview"], scale)
    context: dict[str, Any] = {
        "year": year,
        "group": group,
        "board": board,
        "content": content,
        "view": prepare(content, scale),
        "sees_board": sees_board,
        "evaluation": evaluation,
        "adopted": adopted,
        "form": form if may_write else None,
        "adopt_form": adopt_form if may_adopt else None,
        "refusal": refusal,
    }
    return render(request, "control/oversight/page.html", context, status=status)


@login_required
def oversight_page(request: HttpRequest, year: int) -> HttpResponse:
    """GET: the year's oversight. POST: KS's controllers save the evaluation's draft."""
    if request.method != "POST":
        return _page(request, year)
    group = group_of_user(request.user)
    board = executive_board_of(group)
    if not can(request.user, "oversight.write", board):
        raise NotAllowed("oversight.write", board)
    existing = evaluation_for_year(request.user, group=group, year=year)
    form = EvaluationForm(request.POST, auto_id="evaluation-%s")
    if existing is not None:
        add_version(form, existing)
    if form.is_valid():
        data = form.cleaned_data

        def save() -> Any:
            if existing is None:
                return services.evaluation_create(actor=request.user, group=group, year=year, evaluation=data["evaluation"], measures=data["measures"])
            return services.evaluation_update(actor=request.user, evaluation=existing, text=data["evaluation"], measures=data["measures"])

        reload_url = f"{reverse('control:oversight', args=[year])}#evaluation-form"
        saved = save_checked(form, existing, save, reload_url=reload_url)
        if saved is not None:
            messages.success(request, _("KS's evaluation was saved."))
            return redirect("control:oversight", year=year)
    violation = form_violation(form)
    conflict = getattr(form, "conflict", None) is not None  # shown beside the form, not as a refusal
    refusal = refusal_text(violation) if violation is not None and form_status(form) == 409 and not conflict else ""
    return _page(request, year, form=form, refusal=refusal, status=form_status(form))


@login_required
@require_POST
def oversight_adopt(request: HttpRequest, year: int) -> HttpResponse:
    """KS adopts its evaluation (a politician on KS itself)."""
    group = group_of_user(request.user)
    board = executive_board_of(group)
    if not can(request.user, "oversight.adopt", board):
        raise NotAllowed("oversight.adopt", board)
    evaluation = evaluation_for_year(request.user, group=group, year=year)
    if evaluation is None:
        raise Http404
    form = EvaluationAdoptForm(request.POST, auto_id="adopt-%s")
    if form.is_valid():
        data = form.cleaned_data
        done = call_service(
            form,
            lambda: services.evaluation_adopt(
                actor=request.user,
                evaluation=evaluation,
                decided_on=data["decided_on"],
                paragraph=data["paragraph"],
                registration_number=data["registration_number"],
            ),
        )
        if done is not None:
            messages.success(request, _("KS's evaluation was adopted."))
            return redirect("control:oversight", year=year)
    violation = form_violation(form)
    refusal = refusal_text(violation) if violation is not None else ""
    return _page(request, year, adopt_form=form, refusal=refusal, status=form_status(form))


def evaluation_document_content(request: HttpRequest, year: int) -> dict[str, Any]:
    """What the PDF and Word hold: the adopted evaluation from its snapshot, a draft from the data."""
    group = group_of_user(request.user)
    board = executive_board_of(group)
    if board.pk not in scope(request.user):
        raise NotAllowed("unit.view", board)
    evaluation = evaluation_for_year(request.user, group=group, year=year)
    scale = scale_of(group, request.LANGUAGE_CODE)
    if evaluation is not None and evaluation.state == "adopted" and evaluation.snapshot:
        snap = evaluation.snapshot
        text, measures, overview = snap["evaluation"], snap["measures"], snap["overview"]
        decision = evaluation.decision
    else:
        overview = overview_content(oversight_overview(None, group=group, year=year, today=timezone.localdate()))
        text = evaluation.evaluation if evaluation is not None else ""
        measures = evaluation.measures if evaluation is not None else ""
        decision = None
    return {
        "meta": {
            "group": group.name,
            "unit": board.name,
            "year": year,
            "title": _("Evaluation of the internal control %(year)s") % {"year": year},
            "decision": {"date": decision.decided_on.isoformat(), "paragraph": decision.paragraph, "registration_number": decision.registration_number}
            if decision is not None
            else None,
            "sha256": evaluation.snapshot_sha256 if evaluation is not None else "",
        },
        "evaluation": text,
        "measures": measures,
        "view": prepare(overview, scale),
    }


@login_required
def evaluation_document(request: HttpRequest, year: int, fmt: str) -> HttpResponse:
    content = evaluation_document_content(request, year)
    group = group_of_user(request.user)
    look, template = _look(group)
    if fmt == "pdf":
        body = render_pdf("control/oversight/evaluation_document.html", {**content, "generated_at": generated_at(), "look": look})
    elif fmt == "docx":
        body = render_evaluation_docx(content, generated_at=generated_at(), base=template)
    else:
        raise Http404
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename("utvärdering intern kontroll", year, extension=fmt)}"'
    return response
