"""The public pages of the dialogue with citizens (issue 15 §2): the group's dialogues, and one
dialogue with its subject, the comments an official approved with the unit's answers, and the
form a citizen comments in without an account (DIAL-002, DIAL-003)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from styr.core.views import refusal_text
from styr.domain.citizen_dialogue import is_open
from styr.domain.errors import RuleViolation
from styr.organisation.selectors import group_get_public
from styr.planning.services.citizen_dialogue import citizen_comment_post
from styr.public.citizen_guard import check_request, form_token
from styr.public.forms import CitizenCommentForm
from styr.public.selectors import public_comments, public_dialogue_get, public_dialogues


def dialogues(request: HttpRequest, slug: str) -> HttpResponse:
    group = group_get_public(slug)
    today = timezone.localdate()
    found = public_dialogues(group, today=today)
    return render(request, "public/dialogues.html", {"group": group, "dialogues": found, "today": today, "current": "dialogue"})


@require_http_methods(["GET", "POST"])
def dialogue(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    group = group_get_public(slug)
    today = timezone.localdate()
    item = public_dialogue_get(group, pk, today=today)
    open_now = is_open(item.opens_on, item.closes_on, today)
    form = CitizenCommentForm(initial={"shown": form_token(item.pk)})
    status = 200
    if request.method == "POST":
        form = CitizenCommentForm(request.POST)
        try:
            check_request(request, item.pk, token=request.POST.get("shown", ""), honeypot=request.POST.get("website", ""))
            if form.is_valid():
                data = form.cleaned_data
                comment = citizen_comment_post(dialogue=item, text=data["text"], name=data["name"], email=data["email"], today=today)
                return render(
                    request, "public/dialogue_thanks.html", {"group": group, "dialogue": item, "receipt_code": comment.receipt_code, "current": "dialogue"}
                )
            status = 422
        except RuleViolation as violation:
            field = violation.field if violation.field in form.fields and violation.field != "website" else None
            form.add_error(field, refusal_text(violation))
            status = 429 if "limit" in violation.detail and violation.code == "DIAL-003" else 422
        # a new time trap for the next try (DIAL-003)
        data = request.POST.copy()
        data["shown"] = form_token(item.pk)
        form.data = data
    context = {
        "group": group,
        "dialogue": item,
        "comments": list(public_comments(item)),
        "open_now": open_now,
        "form": form,
        "current": "dialogue",
    }
    return render(request, "public/dialogue.html", context, status=status)
