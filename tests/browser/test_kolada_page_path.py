"""Issue 13 §1's /kolada/ path: a KS controller opens the Kolada page, saves the settings (own
municipality, comparison group, first year; KOLADA-006), imports a zip of saved answers (the
offline import for a municipality behind a firewall) and reads the result on the page, all
through plain forms; axe and 320 px reflow on every page. Kolada is never called: every
outgoing request of httpx is refused, and none is made."""

from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal
from typing import Any

import pytest
import respx
from django.utils import timezone

from styr.followup.kolada import kolada_sync
from styr.integrations.kolada_offline import SavedAnswers
from styr.planning import services as planning
from styr.planning.models import KoladaKpi, KoladaMunicipalityGroup, KoladaSettings
from tests.browser.conftest import assert_accessible
from tests.browser.test_walking_skeleton import log_in
from tests.conftest import World
from tests.followup.kolada_setup import bind
from tests.integrations.kolada_answers import FIXTURES

pytestmark = pytest.mark.browser


def saved_answers() -> bytes:
    """Kolada's values as a controller behind a firewall would save them, zipped (the page takes
    values only; the catalogue is the operator's, KOLADA-008)."""
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w") as archive:
        for name in ["data_N00945.json"]:
            archive.writestr(name, (FIXTURES / name).read_bytes())
    return packed.getvalue()


def test_a_controller_saves_the_settings_and_imports_saved_answers_offline(live_server: Any, live_world: World, page: Any) -> None:
    KoladaMunicipalityGroup.objects.create(id="G148310", title="Kronobergs län, kommuner", members=["0760", "0764", "0765"])
    year = timezone.localdate().year
    goal = planning.goal_create(actor=None, org_unit=live_world.unit("Utbildningsnämnden"), title="Jämställd VAB", start_year=year, end_year=year + 1)
    indicator = planning.indicator_create(actor=None, goal=goal, name="Mäns andel av VAB-dagar", baseline_year=year - 1, baseline_value=Decimal("20"))
    kolada_sync(actor=None, source=SavedAnswers.from_dir(FIXTURES), catalogue_only=True)  # the operator's command
    bind(indicator, "N00945")
    base = live_server.url

    with respx.mock(assert_all_mocked=True, assert_all_called=False) as kolada:
        log_in(page, base, "ks_controller")
        page.get_by_role("link", name="Kolada", exact=True).click()  # the header's link, for KS's controllers
        page.wait_for_url(f"{base}/kolada/")
        assert_accessible(page)

        page.get_by_label("Egen kommun i Kolada").fill("0764")
        page.get_by_label("Första år att hämta").fill(str(year - 3))
        page.get_by_role("button", name="Spara inställningarna").click()
        page.get_by_text("Kolada-inställningarna sparades.").wait_for()
        # the comparison groups offered are those that include the own municipality, once saved
        page.get_by_label("Jämförelsegrupp").select_option("G148310")
        page.get_by_role("button", name="Spara inställningarna").click()
        page.get_by_text("Kolada-inställningarna sparades.").wait_for()
        assert_accessible(page)
        stored = KoladaSettings.objects.get(group=live_world.group)
        assert (stored.municipality, stored.comparison_group, stored.first_year) == ("0764", "G148310", year - 3)

        page.locator("#id_file").set_input_files({"name": "kolada.zip", "mimeType": "application/zip", "buffer": saved_answers()})
        page.get_by_role("button", name="Importera").click()
        page.get_by_text(re.compile(r"kolada.zip lästes in: \d+ värden")).wait_for()
        assert page.locator("#kolada-last-result").is_visible()  # the result stays on the page, no script needed
        assert KoladaKpi.objects.count() == 3
        assert_accessible(page)

        # without JavaScript the page is whole: the result, the sync's state and the plain forms
        plain = page.context.browser.new_context(locale="sv-SE", java_script_enabled=False)
        plain.add_cookies(page.context.cookies())
        bare = plain.new_page()
        bare.goto(f"{base}/kolada/")  # (axe needs script: the same page was checked above)
        assert "uppföljningsvärden från Kolada" in bare.locator("#kolada-last-result").inner_text()
        assert bare.locator("#kolada-progress").is_visible()
        assert bare.get_by_role("button", name="Importera").is_enabled() and bare.get_by_role("button", name="Starta en synkronisering").is_enabled()
        plain.close()
    assert kolada.calls.call_count == 0
