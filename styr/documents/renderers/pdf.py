"""PDF renderer: the document's HTML template through WeasyPrint, tagged for accessibility (PDF/UA-1)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import get_language
from weasyprint import HTML


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    html = render_to_string(template, {**context, "lang": get_language() or settings.LANGUAGE_CODE})
    pdf: bytes = HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(pdf_variant="pdf/ua-1")
    return pdf
