"""Issue 8, point 5: at 320 CSS px the menu folds behind a button and nothing scrolls sideways;
the focus ring on menu links, selects and buttons stands out at least 3:1 from what is behind it."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import PHONE_WIDTH, assert_accessible
from tests.browser.test_walking_skeleton import log_in
from tests.conftest import YEAR, World

pytestmark = pytest.mark.browser

#: The focused element's ring and the colour behind it, as [r, g, b, a] lists: the outline when
#: there is one, else the first box-shadow (how Bootstrap draws its focus ring).
_RING = """(el) => {
  const parse = (text) => { const m = text.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const style = getComputedStyle(el);
  let ring = null, width = 0;
  if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) {
    ring = parse(style.outlineColor);
    width = parseFloat(style.outlineWidth);
  }
  else if (style.boxShadow && style.boxShadow !== 'none') {
    ring = parse(style.boxShadow);
    const px = style.boxShadow.match(/(\\d+(\\.\\d+)?)px/g) || [];
    width = px.length ? parseFloat(px[px.length - 1]) : 0;
  }
  let node = el.parentElement, behind = [255, 255, 255, 1];
  for (; node; node = node.parentElement) {
    const bg = parse(getComputedStyle(node).backgroundColor);
    if (bg && bg[3] > 0) { behind = bg; break; }
  }
  return {ring, behind, width};
}"""


def _luminance(rgb: tuple[float, float, float]) -> float:
    """WCAG 2.1 relative luminance."""

    def channel(value: float) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else float(((c + 0.055) / 1.055) ** 2.4)

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_contrast_helper_follows_wcag() -> None:
    assert round(contrast((0, 0, 0), (255, 255, 255)), 1) == 21.0
    assert round(contrast((13 * 0.25 + 255 * 0.75, 110 * 0.25 + 255 * 0.75, 255), (255, 255, 255)), 1) == 1.4  # Bootstrap's ring


def focus_ring_contrast(page: Any) -> float:
    """The contrast of the focused element's ring against the background behind it."""
    found = page.evaluate(f"({_RING})(document.activeElement)")
    assert found["ring"] is not None and found["width"] >= 2, f"no visible focus ring: {found}"
    r, g, b, alpha = found["ring"]
    behind = found["behind"][:3]
    seen = tuple(alpha * c + (1 - alpha) * d for c, d in zip((r, g, b), behind, strict=True))  # a translucent ring over its background
    return contrast(seen, tuple(behind))  # type: ignore[arg-type]


def tab_to(page: Any, selector: str) -> None:
    """Move the focus with the keyboard (so :focus-visible applies) until it reaches the element."""
    target = page.locator(selector)
    for _ in range(80):
        page.keyboard.press("Tab")
        if target.evaluate("(el) => el === document.activeElement"):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_the_focus_ring_on_menu_links_selects_and_buttons_has_3_to_1_contrast(live_server: Any, live_world: World, page: Any) -> None:
    base = live_server.url
    log_in(page, base, "ks_controller")
    page.goto(f"{base}/enheter/{live_world.unit('Utbildningsnämnden').pk}/")
    for selector in (
        "header .nav-link >> nth=0",
        "#language-select",
        "header .language-form button",
        "header .user-form button",
        "#main input#id_title",
        "#main button[type=submit] >> nth=0",
    ):
        tab_to(page, selector)
        ratio = focus_ring_contrast(page)
        assert ratio >= 3, f"{selector}: focus ring {ratio:.2f}:1"
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 640})
    page.goto(f"{base}/enheter/")
    tab_to(page, ".menu-toggle")
    assert focus_ring_contrast(page) >= 3


def test_the_menu_folds_at_phone_width_and_opens_with_its_button(live_server: Any, live_world: World, page: Any) -> None:
    base = live_server.url
    log_in(page, base, "ks_controller")
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 640})
    page.goto(f"{base}/enheter/")
    menu = page.get_by_role("navigation", name="Huvudmeny")
    toggle = menu.get_by_role("button", name="Meny")
    assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    assert not menu.get_by_role("link", name="Organisation").is_visible()
    assert not menu.get_by_role("button", name="Logga ut").is_visible()

    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    log_out = menu.get_by_role("button", name="Logga ut")
    assert log_out.is_visible()
    box = log_out.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE_WIDTH
    select = page.locator("#language-select")
    select_box = select.bounding_box()
    assert select_box is not None and select_box["width"] >= 90 and select_box["x"] + select_box["width"] <= PHONE_WIDTH  # the language shows, not a blank box
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH

    menu.get_by_role("link", name="Organisation").focus()
    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert toggle.evaluate("(el) => el === document.activeElement")
    assert not log_out.is_visible()

    page.set_viewport_size({"width": 1280, "height": 720})  # on a wide screen the whole menu shows, without the button
    assert not toggle.is_visible() and log_out.is_visible()
    assert_accessible(page)


def test_without_javascript_the_menu_shows_whole_and_still_reflows(live_server: Any, live_world: World, browser: Any) -> None:
    context = browser.new_context(locale="sv-SE", java_script_enabled=False, viewport={"width": PHONE_WIDTH, "height": 640})
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/offentlig/{live_world.group.slug}/")
        assert not page.locator(".menu-toggle").is_visible()
        assert page.get_by_role("link", name="Logga in").is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH
    finally:
        context.close()


def test_the_plans_risk_table_scrolls_in_its_own_box_at_phone_width(live_server: Any, live_world: World, page: Any) -> None:
    from styr.planning import services

    unit = live_world.unit("Utbildningsnämnden")
    mission = services.core_mission_set(actor=None, org_unit=unit, serves="Barn och elever", purpose="Utbildning", governed_by="Skollagen")
    services.risk_create(actor=None, core_mission=mission, description="Brist på behöriga lärare i matematik och naturkunskap", likelihood=3, consequence=4)
    base = live_server.url
    log_in(page, base, "ks_controller")
    page.goto(f"{base}/enheter/{unit.pk}/plan/{YEAR}/?flik=grunduppdrag")
    assert_accessible(page)  # axe, then no sideways scrolling at 320 px
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 640})
    box = page.get_by_role("region", name="Risker i grunduppdraget")
    assert box.locator("#risk-table").count() == 1
    assert box.get_attribute("tabindex") == "0"
    assert box.evaluate("(el) => el.scrollWidth > el.clientWidth")  # the table is wider than the phone: it scrolls inside its box
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH
    box.focus()
    page.keyboard.press("ArrowRight")  # the keyboard scrolls it
    page.wait_for_function("(el) => el.scrollLeft > 0", arg=box.element_handle(), timeout=3000)
