"""API tokens gain an expiry, read-only and area scopes, and the stamp of the user's password.

Tokens made before this keep working: they expire a year after this migration and are stamped
with their user's present password, so a later password change ends them (TOKEN-003, TOKEN-004)."""

import datetime

from django.db import migrations, models
from django.utils import timezone
from django.utils.crypto import salted_hmac


def stamp_existing(apps, schema_editor):
    ApiToken = apps.get_model("core", "ApiToken")
    expires = timezone.now() + datetime.timedelta(days=365)
    for token in ApiToken.objects.select_related("user"):
        token.expires_at = expires
        token.password_stamp = salted_hmac("styr.api_token.password", token.user.password, algorithm="sha256").hexdigest()
        token.save(update_fields=["expires_at", "password_stamp"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_input_client_request_id"),
    ]

    operations = [
        migrations.AddField(model_name="apitoken", name="areas", field=models.JSONField(blank=True, default=list, verbose_name="areas")),
        migrations.AddField(model_name="apitoken", name="expires_at", field=models.DateTimeField(null=True, verbose_name="expires")),
        migrations.AddField(model_name="apitoken", name="password_stamp", field=models.CharField(default="", max_length=64), preserve_default=False),
        migrations.AddField(model_name="apitoken", name="read_only", field=models.BooleanField(default=False, verbose_name="read only")),
        migrations.RunPython(stamp_existing, migrations.RunPython.noop),
        migrations.AlterField(model_name="apitoken", name="expires_at", field=models.DateTimeField(verbose_name="expires")),
    ]
