"""``/offentlig/<slug>/verifiera/``: is this the adopted version? (issue 14 §6)

The adopted PDF and Word documents print their snapshot's SHA-256 ("Beslutad version, SHA-256: …").
Anyone may paste that hash, or upload the document so that the page reads the printed hash from its
text, and learn which decision of this group (body, date, §, registration number) it belongs to —
or that it belongs to none. The hash is of the decided content, not of the file: a document printed
again from the same decision carries the same hash. Only the named group's snapshots are searched.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from styr.core.backup.snapshots import SHA256, AdoptedMatch, adopted_by_hash, hashes_in
from styr.organisation.selectors import group_get_public

#: The rule every refusal of this page cites.
RULE = "BACKUP-009"
#: BACKUP-009: the largest document the page reads.
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


class VerifyForm(forms.Form):
    sha256 = forms.CharField(
        label=gettext_lazy("SHA-256 printed in the document"),
        required=False,
        max_length=100,
        help_text=gettext_lazy("64 characters 0–9 and a–f, as printed after “Adopted version, SHA-256”."),
    )
    document = forms.FileField(
        label=gettext_lazy("Or the document itself (PDF or Word, at most 20 MB)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        typed = str(data.get("sha256") or "").strip().lower()
        upload = data.get("document")
        if typed:
            if not SHA256.fullmatch(typed):
                self.add_error("sha256", _("%(rule)s: a SHA-256 is 64 characters 0–9 and a–f.") % {"rule": RULE})
                return data
            data["hashes"] = [typed]
        elif upload is not None:
            data["hashes"] = _hashes_of(self, upload)
        else:
            self.add_error("sha256", _("%(rule)s: give the SHA-256 printed in the document, or the document.") % {"rule": RULE})
        return data


def _hashes_of(form: VerifyForm, upload: Any) -> list[str]:
    if upload.size > MAX_DOCUMENT_BYTES:
        form.add_error("document", _("%(rule)s: the document is larger than 20 MB.") % {"rule": RULE})
        return []
    data = upload.read(MAX_DOCUMENT_BYTES + 1)
    try:
        text = _text(data)
    except Exception:
        text = None
    if text is None:
        form.add_error("document", _("%(rule)s: the file is neither a PDF nor a Word document that can be read.") % {"rule": RULE})
        return []
    found = hashes_in(text)
    if not found:
        form.add_error("document", _("%(rule)s: the document prints no SHA-256: it is not an adopted version from Styr.") % {"rule": RULE})
    return found


def _text(data: bytes) -> str | None:
    if data.startswith(b"%PDF"):
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        return "\n".join((page.extract_text() or "") for page in reader.pages[:200])
    if data.startswith(b"PK") and zipfile.is_zipfile(io.BytesIO(data)):
        from docx import Document

        doc = Document(io.BytesIO(data))
        return "\n".join(p.text for p in doc.paragraphs)
    return None


def verify(request: HttpRequest, slug: str) -> HttpResponse:
    group = group_get_public(slug)
    # a POST is always bound, even an empty one: "nothing given" is a refusal (422), not the empty page
    form = VerifyForm(request.POST, request.FILES) if request.method == "POST" else VerifyForm()
    matches: list[AdoptedMatch] | None = None
    searched: list[str] = []
    if request.method == "POST" and form.is_valid():
        searched = form.cleaned_data.get("hashes", [])
        matches = [m for sha in searched for m in adopted_by_hash(group, sha)]
    status = 422 if form.errors else 200
    context = {"group": group, "form": form, "matches": matches, "searched": searched, "current": "verify"}
    return render(request, "public/verify.html", context, status=status)
