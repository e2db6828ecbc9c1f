"""The only code that writes the group's graphic profile (its logo, Word template and colour)."""

from __future__ import annotations

import hashlib
from io import BytesIO
from typing import Any

from django.db import transaction
from docx import Document

from styr.core import audit
from styr.core.actors import Actor
from styr.core.permissions import require
from styr.documents.models import GraphicProfile
from styr.domain.branding import check_colour, check_logo, check_word_template
from styr.domain.errors import RuleViolation, _
from styr.domain.levels import LevelKind
from styr.organisation.models import MunicipalGroup, OrgUnit


def profile_unit(group: MunicipalGroup) -> OrgUnit:
    """The unit whose roles decide the group's look: the executive board (KS), which leads and
    coordinates the group; administrators of the whole tree hold it too."""
    board = OrgUnit.objects.filter(group=group, kind=LevelKind.EXECUTIVE_BOARD.value, valid_to__isnull=True).first()
    return board if board is not None else OrgUnit.objects.get(group=group, parent=None)


def _summary(profile: GraphicProfile) -> dict[str, Any]:
    """What the audit keeps of the profile: names and checksums, not the files themselves."""

    def sha(data: Any) -> str:
        return hashlib.sha256(bytes(data)).hexdigest() if data else ""

    return {
        "logo": profile.logo_name,
        "logo_sha256": sha(profile.logo),
        "word_template": profile.word_template_name,
        "word_template_sha256": sha(profile.word_template),
        "primary_colour": profile.primary_colour,
    }


@transaction.atomic
def graphic_profile_set(
    *,
    actor: Actor,
    group: MunicipalGroup,
    logo: tuple[str, bytes] | None = None,
    remove_logo: bool = False,
    word_template: tuple[str, bytes] | None = None,
    remove_word_template: bool = False,
    primary_colour: str | None = None,
) -> GraphicProfile:
    """Set what is given, keep the rest. Every file is checked before anything is written
    (BRAND-001 logo, BRAND-002 Word template, BRAND-003 colour)."""
    if actor is not None:
        require(actor, "profile.manage", profile_unit(group))
    colour = check_colour(primary_colour) if primary_colour is not None else None
    checked_logo = check_logo(logo[1]) if logo is not None else None
    template = check_word_template(word_template[1]) if word_template is not None else None
    if template is not None:
        try:
            Document(BytesIO(template))
        except Exception:  # python-docx raises many kinds on a damaged package
            raise RuleViolation("BRAND-002", _("Word cannot open the template: the file is damaged."), field="word_template") from None
    profile = GraphicProfile.objects.select_for_update().filter(group=group).first()
    before = _summary(profile) if profile is not None else None
    if profile is None:
        profile = GraphicProfile(group=group)
    if colour is not None:
        profile.primary_colour = colour
    if checked_logo is not None and logo is not None:
        profile.logo, profile.logo_content_type, profile.logo_name = checked_logo.data, checked_logo.content_type, logo[0][:200]
    elif remove_logo:
        profile.logo, profile.logo_content_type, profile.logo_name = None, "", ""
    if template is not None and word_template is not None:
        profile.word_template, profile.word_template_name = template, word_template[0][:200]
    elif remove_word_template:
        profile.word_template, profile.word_template_name = None, ""
    profile.save()
    audit.record(actor=actor, action="graphic_profile.set", obj=profile, group=group, before=before, after=_summary(profile))
    return profile
