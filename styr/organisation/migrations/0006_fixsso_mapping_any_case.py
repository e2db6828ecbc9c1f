"""SSO-003: a role mapping's group or role of the IdP is kept case folded and is unique whatever its
case. Rows that differed only by case gave the same role on the same unit: one of them stays."""

import django.db.models.functions.text
from django.db import migrations, models


def casefold_claims(apps, schema_editor):
    mapping_model = apps.get_model("organisation", "IdpRoleMapping")
    seen = set()
    for mapping in mapping_model.objects.order_by("pk"):
        folded = mapping.claim_value.strip().casefold()
        key = (mapping.group_id, mapping.provider, folded, mapping.role, mapping.org_unit_id)
        if key in seen:
            mapping.delete()
            continue
        seen.add(key)
        if folded != mapping.claim_value:
            mapping.claim_value = folded
            mapping.save(update_fields=["claim_value"])


class Migration(migrations.Migration):
    dependencies = [
        ("organisation", "0005_sso_role_mapping"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="idprolemapping",
            name="unique_idp_role_mapping",
        ),
        migrations.RunPython(casefold_claims, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="idprolemapping",
            constraint=models.UniqueConstraint(
                models.F("group"),
                models.F("provider"),
                django.db.models.functions.text.Lower("claim_value"),
                models.F("role"),
                models.F("org_unit"),
                name="unique_idp_role_mapping_any_case",
            ),
        ),
    ]
