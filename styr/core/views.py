"""Helpers shared by the thin views, and the account page (``/konto/``)."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from styr.core.errors import violation_message, violation_status
from styr.core.forms_tokens import ApiTokenForm
from styr.core.models import ApiToken
from styr.core.selectors import api_token_get, api_token_list, api_token_rows
from styr.core.services import api_token_create, api_token_revoke
from styr.domain.errors import RuleViolation

_VIOLATION = "_styr_violation"


def call_service[T](form: forms.BaseForm, call: Callable[[], T]) -> T | None:
    """Run a service; a rule violation becomes the form's error next to its field, with the rule id.
    The violation is kept on the form (``form_violation``) for the answer's status and for pages
    that no longer show the form (a locked object: the rule's message goes above it instead)."""
    try:
        return call()
    except RuleViolation as violation:
        field = violation.field if violation.field in form.fields else None
        form.add_error(field, f"{violation_message(violation)} ({violation.code})")
        setattr(form, _VIOLATION, violation)
        return None


def form_violation(form: forms.BaseForm) -> RuleViolation | None:
    """The rule a service refused the form's data with (``call_service``), if any."""
    found = getattr(form, _VIOLATION, None)
    return found if isinstance(found, RuleViolation) else None


def form_status(form: forms.BaseForm) -> int:
    """The status of a refused form: the rule's own (409 for locked data), else 422."""
    violation = form_violation(form)
    return violation_status(violation) if violation is not None else 422


def refusal_text(violation: RuleViolation) -> str:
    """A rule's message as a page shows it, with the rule id."""
    return f"{violation_message(violation)} ({violation.code})"


# -- the account page: the user's own personal API tokens (issue 13, §5) --------------------


#: The session key holding a new token's id and raw key for the one page that shows it.
NEW_TOKEN_KEY = "styr_new_api_token"


@login_required
def account(request: HttpRequest) -> HttpResponse:
    """``/konto/``: the user's tokens, a form for a new one and revoking. A new token's key is
    shown once, on the page the form redirects to (so reloading it makes no second token): it is
    kept in the server-side session only until that page takes it out."""
    user = request.user
    assert isinstance(user, User)
    form = ApiTokenForm(request.POST or None)
    created: tuple[ApiToken, str] | None = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            made = call_service(form, lambda: api_token_create(actor=user, user=user, **form.service_arguments()))
            if made is not None:
                request.session[NEW_TOKEN_KEY] = [made[0].pk, made[1]]
                return redirect("account")
        status = form_status(form)
    else:
        shown = request.session.pop(NEW_TOKEN_KEY, None)
        token = ApiToken.objects.filter(user=user, pk=shown[0]).first() if shown else None
        created = (token, shown[1]) if token is not None and shown else None
    context = {"rows": api_token_rows(api_token_list(user)), "form": form, "created": created}
    response = render(request, "core/account.html", context, status=status)
    response["Cache-Control"] = "no-store"  # the page with a new key is never kept by a cache
    return response


@login_required
@require_POST
def account_token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Revoke one of the user's own tokens; another user's is not found (404)."""
    user = request.user
    assert isinstance(user, User)
    token = api_token_revoke(actor=user, token=api_token_get(user, pk))
    messages.success(request, _("The token “%(name)s” (%(prefix)s…) was revoked.") % {"name": token.name, "prefix": token.prefix})
    return redirect("account")
