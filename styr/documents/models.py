"""The group's own look in its documents (issue 8, point 5): a logo for the PDF, a Word template
every Word document starts from, and a primary colour. The files are kept in the database, capped
in size by BRAND-001 and BRAND-002, so that a backup of the database holds them too."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from styr.core.models import GroupOwned


class GraphicProfile(GroupOwned):
    """One per municipal group; written only by ``graphic_profile_set``."""

    logo = models.BinaryField(_("logo"), null=True, blank=True)
    logo_content_type = models.CharField(_("logo's type"), max_length=40, blank=True)
    logo_name = models.CharField(_("logo's file name"), max_length=200, blank=True)
    word_template = models.BinaryField(_("Word template"), null=True, blank=True)
    word_template_name = models.CharField(_("Word template's file name"), max_length=200, blank=True)
    primary_colour = models.CharField(_("primary colour"), max_length=7, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("graphic profile")
        verbose_name_plural = _("graphic profiles")
        constraints = [
            models.UniqueConstraint(fields=["group"], name="one_graphic_profile_per_group"),
            models.CheckConstraint(
                condition=models.Q(primary_colour="") | models.Q(primary_colour__regex=r"^#[0-9A-F]{6}$"),
                name="graphic_profile_colour_is_rrggbb",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group_id}"

    @property
    def logo_data_uri(self) -> str:
        import base64

        if not self.logo:
            return ""
        return f"data:{self.logo_content_type};base64,{base64.b64encode(bytes(self.logo)).decode('ascii')}"
