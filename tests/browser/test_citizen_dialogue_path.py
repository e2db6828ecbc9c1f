"""A citizen's comment on the public page, moderated and answered by the committee's official, and
shown publicly with the answer (issue 15 §2, DIAL-002…DIAL-004). axe finds nothing serious on any
page visited, each reflows at 320 px, and the pages go to the Nu HTML checker."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from styr.domain.citizen_dialogue import MIN_FORM_SECONDS
from styr.planning.models import CitizenComment
from tests.browser.conftest import assert_accessible
from tests.browser.test_walking_skeleton import log_in
from tests.conftest import World
from tests.planning.citizen_dialogue_setup import MODERATOR, open_dialogue

pytestmark = pytest.mark.browser


def test_a_citizens_comment_is_moderated_answered_and_shown_on_the_public_page(live_server: Any, live_world: World, page: Any, browser: Any) -> None:
    dialogue = open_dialogue(live_world)
    base = live_server.url
    slug = live_world.group.slug
    citizen = browser.new_context(locale="sv-SE", reduced_motion="reduce")
    public = citizen.new_page()
    try:
        public.goto(f"{base}/offentlig/{slug}/?ar={dialogue.goal.start_year}")  # type: ignore[union-attr]
        public.get_by_role("link", name="Tyck till: Vad gör skolan trivsam?").click()
        public.wait_for_url(f"{base}/offentlig/{slug}/dialog/{dialogue.pk}/")
        expect(public.get_by_role("heading", level=1)).to_have_text("Vad gör skolan trivsam?")
        assert_accessible(public)
        public.get_by_label("Din kommentar").fill("Fler vuxna ute på rasterna.")
        public.get_by_label("Namn (frivilligt)").fill("Kim")
        public.wait_for_timeout((MIN_FORM_SECONDS + 1) * 1000)  # a person takes longer than the time trap
        public.get_by_role("button", name="Skicka kommentaren").click()
        expect(public.get_by_role("heading", level=1)).to_have_text("Tack för din kommentar")
        receipt = public.locator(".citizen-receipt").inner_text()
        assert receipt == CitizenComment.objects.get().receipt_code
        assert_accessible(public)
        public.goto(f"{base}/offentlig/{slug}/dialog/{dialogue.pk}/")
        expect(public.get_by_text("Inga kommentarer visas än.")).to_be_visible()  # waiting for moderation

        log_in(page, base, live_world.users[MODERATOR].username)
        page.get_by_role("link", name="Medborgardialog").first.click()
        page.wait_for_url(f"{base}/medborgardialog/")
        assert_accessible(page)
        page.get_by_role("link", name="Vad gör skolan trivsam?").click()
        page.wait_for_url(f"{base}/medborgardialog/{dialogue.pk}/")
        assert_accessible(page)
        page.get_by_role("button", name="Visa offentligt").click()
        expect(page.get_by_text("Kommentaren visas på den offentliga sidan.")).to_be_visible()
        page.get_by_label("Offentligt svar").fill("Vi ser över rastvakterna till hösten.")
        page.get_by_role("button", name="Publicera svaret").click()
        expect(page.get_by_text("Svaret visas på den offentliga sidan.")).to_be_visible()
        assert_accessible(page)

        public.goto(f"{base}/offentlig/{slug}/dialog/{dialogue.pk}/")
        comment = public.locator("article.citizen-comment")
        expect(comment).to_contain_text("Kim")
        expect(comment).to_contain_text("Fler vuxna ute på rasterna.")
        expect(comment.locator(".citizen-answer")).to_contain_text("Vi ser över rastvakterna till hösten.")
        assert_accessible(public)
        public.get_by_role("navigation", name="Offentliga sidor").get_by_role("link", name="Dialog").click()
        public.wait_for_url(f"{base}/offentlig/{slug}/dialog/")
        assert_accessible(public)
    finally:
        citizen.close()
