from django.db import migrations, models


def fill(apps, schema_editor):
    """Each goal's latest assessment (the period that ends last) as KS's overview reads it."""
    Assessment = apps.get_model("followup", "Assessment")
    DevelopmentGoal = apps.get_model("planning", "DevelopmentGoal")
    latest = {}
    for goal_id, end, status in Assessment.objects.filter(goal__isnull=False).order_by("goal_id", "period__end", "pk").values_list("goal_id", "period__end", "status"):
        latest[goal_id] = (end, status)
    DevelopmentGoal.objects.bulk_update(
        [DevelopmentGoal(pk=goal_id, assessed_until=end, latest_status=status) for goal_id, (end, status) in latest.items()],
        ["assessed_until", "latest_status"],
        batch_size=1000,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("planning", "0011_ended"),
        ("followup", "0012_versions"),
    ]

    operations = [
        migrations.AddField(
            model_name="developmentgoal",
            name="assessed_until",
            field=models.DateField(blank=True, editable=False, null=True, verbose_name="assessed until"),
        ),
        migrations.AddField(
            model_name="developmentgoal",
            name="latest_status",
            field=models.CharField(blank=True, editable=False, max_length=30, verbose_name="latest status"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
