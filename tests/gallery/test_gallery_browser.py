"""The gallery's JavaScript in a real Chromium: modal, history, focus, copy, search, and
"Print on Product" against a stubbed /api/sessions/ (the real endpoint has its own tests).

Under CI=true a missing Chromium fails the run; elsewhere these tests skip.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Request

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("require_chromium"),
]


@pytest.fixture
def gallery(page, live_server):
    page.set_default_timeout(8000)
    page.goto(live_server.url + "/ai-image-app/")
    return page


def open_artwork(page, slug: str = "corona-hour"):
    page.click(f'a[data-artwork="{slug}"]')
    page.wait_for_selector("#artwork-dialog [data-artwork-title]")


def stub_sessions(page, status: int, body, headers=None, calls=None):
    def handle(route):
        if calls is not None:
            calls.append(route.request)
        payload = body if isinstance(body, str) else json.dumps(body)
        content_type = "application/json" if not isinstance(body, str) else "text/html"
        route.fulfill(status=status, body=payload, content_type=content_type, headers=headers or {})

    page.route("**/api/sessions/", handle)


def test_the_modal_opens_with_focus_inside_and_the_url_of_the_artwork(gallery, live_server):
    open_artwork(gallery)
    assert gallery.url == live_server.url + "/ai-image-app/corona-hour/"
    assert gallery.evaluate("document.getElementById('artwork-dialog').open")
    assert gallery.evaluate("document.activeElement.id") == "artwork-title"
    assert "Total solar eclipse" in gallery.inner_text("#artwork-dialog")
    assert "Aiko Tanaka" in gallery.inner_text("#artwork-dialog")


def test_tab_stays_inside_the_modal(gallery):
    open_artwork(gallery)
    for _ in range(25):
        gallery.keyboard.press("Tab")
        assert gallery.evaluate(
            "document.getElementById('artwork-dialog').contains(document.activeElement)"
        )
    for _ in range(5):
        gallery.keyboard.press("Shift+Tab")
        assert gallery.evaluate(
            "document.getElementById('artwork-dialog').contains(document.activeElement)"
        )


def test_escape_closes_the_modal_restores_the_url_and_returns_focus(gallery, live_server):
    open_artwork(gallery)
    gallery.keyboard.press("Escape")
    gallery.wait_for_function("() => !document.getElementById('artwork-dialog').open")
    gallery.wait_for_url(live_server.url + "/ai-image-app/")
    assert gallery.evaluate("document.activeElement.dataset.artwork") == "corona-hour"


def test_the_close_button_and_the_back_button_close_the_modal(gallery, live_server):
    open_artwork(gallery)
    gallery.click("[data-dialog-close]")
    gallery.wait_for_function("() => !document.getElementById('artwork-dialog').open")
    open_artwork(gallery, "moonlit-ferns")
    gallery.go_back()
    gallery.wait_for_function("() => !document.getElementById('artwork-dialog').open")
    assert gallery.url == live_server.url + "/ai-image-app/"
    gallery.go_forward()
    gallery.wait_for_selector("#artwork-dialog [data-artwork-title]")
    assert "Moonlit Ferns" in gallery.inner_text("#artwork-title")


def test_the_copy_button_copies_the_prompt(gallery, live_server):
    gallery.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    open_artwork(gallery)
    gallery.click("[data-copy-target]")
    gallery.wait_for_selector("[data-copy-target].is-copied")
    assert gallery.evaluate("navigator.clipboard.readText()").startswith("Total solar eclipse")


def test_typing_a_search_updates_the_results_and_the_url(gallery):
    gallery.fill("#gallery-q", "nebula")
    gallery.wait_for_function("() => document.querySelectorAll('a[data-artwork]').length === 1")
    assert gallery.url.endswith("/ai-image-app/?q=nebula")
    assert "1 artwork" in gallery.inner_text("#gallery-status")


def test_print_on_product_opens_one_tab_and_sends_it_to_the_editor(gallery, live_server):
    calls: list[Request] = []
    editor = live_server.url + "/static/css/site.css?editor=1"
    stub_sessions(gallery, 201, {"sessionId": "ps_1", "redirectUrl": editor}, calls=calls)
    open_artwork(gallery)
    with gallery.context.expect_page() as new_tab:
        gallery.dblclick("[data-print-button]")
    tab = new_tab.value
    tab.wait_for_url(editor)
    gallery.wait_for_selector("[data-print-status]:has-text('new tab')")
    assert len(calls) == 1  # the double click made one session
    request = calls[0]
    assert request.method == "POST"
    assert json.loads(request.post_data or "") == {"artwork": "corona-hour"}
    assert request.headers["content-type"] == "application/json"
    assert request.headers["x-csrftoken"]
    assert len(gallery.context.pages) == 2


def test_the_servers_own_wait_sentence_is_not_repeated(gallery):
    stub_sessions(
        gallery, 429, {"error": "Too many tries. Please try again in 57 s.", "retryAfter": 57}
    )
    open_artwork(gallery)
    gallery.click("[data-print-button]")
    gallery.wait_for_selector("[data-print-error]:has-text('57 s')")
    assert (
        gallery.inner_text("[role=alert][data-print-error]")
        == "Too many tries. Please try again in 57 s."
    )


def test_a_rate_limited_print_says_when_to_try_again_and_closes_the_tab(gallery):
    stub_sessions(gallery, 429, {"error": "Too many requests.", "retryAfter": 12})
    open_artwork(gallery)
    gallery.click("[data-print-button]")
    gallery.wait_for_selector("[data-print-error]:has-text('Try again in 12 s')")
    assert (
        gallery.inner_text("[role=alert][data-print-error]")
        == "Too many requests. Try again in 12 s."
    )
    gallery.wait_for_function(
        "() => document.querySelector('[data-print-button]').disabled === false"
    )
    assert len(gallery.context.pages) == 1


def test_an_upstream_failure_shows_the_servers_sentence(gallery):
    sentence = "Printora is unavailable right now. Please try again in a few minutes."
    stub_sessions(gallery, 503, {"error": sentence})
    open_artwork(gallery)
    gallery.click("[data-print-button]")
    gallery.wait_for_selector(f"[data-print-error]:has-text('{sentence}')")
    assert len(gallery.context.pages) == 1


def test_a_non_json_error_page_becomes_a_shopper_sentence(gallery):
    stub_sessions(gallery, 403, "<h1>CSRF verification failed</h1>")
    open_artwork(gallery)
    gallery.click("[data-print-button]")
    gallery.wait_for_selector("[data-print-error]:has-text('Reload the page')")
    assert "CSRF" not in gallery.inner_text("[data-print-error]")


def test_a_network_failure_asks_the_shopper_to_check_the_connection(gallery):
    gallery.route("**/api/sessions/", lambda route: route.abort())
    open_artwork(gallery)
    gallery.click("[data-print-button]")
    gallery.wait_for_selector("[data-print-error]:has-text('Could not reach the server')")
    assert len(gallery.context.pages) == 1


def test_an_unsafe_redirect_url_is_refused(gallery):
    stub_sessions(gallery, 201, {"sessionId": "ps_1", "redirectUrl": "javascript:alert(1)"})
    open_artwork(gallery)
    gallery.click("[data-print-button]")
    gallery.wait_for_selector("[data-print-error]:has-text('unexpected reply')")
    assert len(gallery.context.pages) == 1


def test_without_javascript_a_thumbnail_is_a_link_to_the_detail_page(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/ai-image-app/?category=botanical")
    page.click('a[data-artwork="moonlit-ferns"]')
    page.wait_for_url(live_server.url + "/ai-image-app/moonlit-ferns/")
    assert page.is_visible("form[data-print-form] [data-print-button]")
    assert page.is_hidden("[data-copy-target]")
    context.close()


@pytest.mark.parametrize("width", [375, 1440])
def test_the_gallery_and_the_modal_fit_the_screen(browser, live_server, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(live_server.url + "/ai-image-app/")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    open_artwork(page)
    box = page.locator("#artwork-dialog").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    assert page.locator("[data-print-button]").is_visible()
    context.close()
