"""Flow 3: the create-session form, in the browser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_form_explains_a_bad_email_then_opens_the_editor(site, page, screenshot):
    image = f"{site.url}/static/img/gallery/paper-tide.jpg"
    page.goto(site.url + "/create-session/")
    page.get_by_label("Image URL").fill(image)
    expect(page.locator("[data-preview-image]")).to_be_visible()
    page.get_by_label(re.compile("Customer email")).fill("not-an-email")
    page.get_by_role("button", name="Create session").click()
    expect(page.locator(".field__error")).to_contain_text("valid email")
    screenshot("flow3-invalid-email")

    page.get_by_label(re.compile("Customer email")).fill("ana@example.com")
    page.get_by_label(re.compile("Customer name")).fill("Ana Lima")
    page.get_by_role("button", name="Create session").click()
    link = page.locator("#redirect-url")
    expect(link).to_contain_text("/sandbox/en/print/")
    screenshot("flow3-session-created")
    with page.context.expect_page() as opened:
        page.get_by_role("link", name="Open editor").click()
    editor = opened.value
    editor.wait_for_load_state()
    expect(editor.locator("h1")).to_contain_text("Design your product")
