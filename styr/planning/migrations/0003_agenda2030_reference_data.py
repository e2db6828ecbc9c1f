from django.db import migrations


def load(apps, schema_editor):
    from styr.planning.agenda import load_agenda

    load_agenda(apps.get_model("planning", "SustainabilityGoal"), apps.get_model("planning", "SustainabilityTarget"))


class Migration(migrations.Migration):
    dependencies = [("planning", "0002_plan_parts")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
