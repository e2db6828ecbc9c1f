"""`make demo` runs these: loading twice keeps the data; the logins are printed."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from styr.core.models import AuditEvent
from styr.organisation.models import MunicipalGroup, OrgUnit
from styr.planning.models import DevelopmentGoal


@pytest.mark.django_db
def test_load_demo_twice_keeps_the_data_and_prints_every_persona() -> None:
    out = StringIO()
    call_command("load_demo", stdout=out)
    counts = (OrgUnit.objects.count(), DevelopmentGoal.objects.count(), AuditEvent.objects.count())
    call_command("load_demo", stdout=out)
    assert (OrgUnit.objects.count(), DevelopmentGoal.objects.count(), AuditEvent.objects.count()) == counts
    assert MunicipalGroup.objects.count() == 1
    text = out.getvalue()
    for username in ("kf.ordforande", "ks.controller", "un.politiker", "uf.tjansteperson", "enhetschef", "revisor", "utomstaende", "admin"):
        assert username in text
        assert get_user_model().objects.filter(username=username).exists()
    assert DevelopmentGoal.objects.get().state == "adopted"
    assert OrgUnit.objects.filter(kind="UNIT").count() == 3 and OrgUnit.objects.filter(kind="OPERATION").count() == 2
