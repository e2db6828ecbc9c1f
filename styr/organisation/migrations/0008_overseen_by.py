import django.db.models.deletion
from django.db import migrations, models

OVERSEEN_KINDS = ("COMMITTEE", "EXECUTIVE_BOARD", "PARENT_COMPANY", "COMPANY", "JOINT_AUTHORITY")


def fill(apps, schema_editor):
    """Every unit's nearest committee, KS, company or joint authority above it, from the tree."""
    OrgUnit = apps.get_model("organisation", "OrgUnit")
    rows = list(OrgUnit.objects.values_list("pk", "parent_id", "kind"))
    parent_of = {pk: parent for pk, parent, _kind in rows}
    kind_of = {pk: kind for pk, _parent, kind in rows}
    changed = []
    for pk in parent_of:
        above = parent_of[pk]
        seen = set()
        while above is not None and kind_of.get(above) not in OVERSEEN_KINDS and above not in seen:
            seen.add(above)
            above = parent_of.get(above)
        if above is not None:
            changed.append(OrgUnit(pk=pk, overseen_by_id=above))
    OrgUnit.objects.bulk_update(changed, ["overseen_by"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("organisation", "0007_versions"),
    ]

    operations = [
        migrations.AddField(
            model_name="orgunit",
            name="overseen_by",
            field=models.ForeignKey(
                blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="organisation.orgunit"
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
