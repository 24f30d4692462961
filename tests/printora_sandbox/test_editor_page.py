"""The sandbox editor page: what the shopper sees and posts, with or without JavaScript."""

from __future__ import annotations

import itertools
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings

from printora_sandbox import catalog
from printora_sandbox.models import SandboxSession
from tests.printora_sandbox.conftest import CHECKOUT

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)
TEMPLATES = sorted((ROOT / "templates" / "printora_sandbox").glob("*.html"))
CONTRACT_FIELDS = [
    "product",
    "colour",
    "size",
    "quantity",
    "first_name",
    "last_name",
    "email",
    "phone",
    "street",
    "apartment",
    "city",
    "state",
    "zip_code",
    "country",
]


# --- A small DOM, enough to ask "which inputs are inside which form or fieldset" ---

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class Node:
    def __init__(self, tag: str, attrs: list[tuple[str, str | None]], parent: Node | None):
        self.tag = tag
        self.attrs = dict(attrs)
        self.parent = parent
        self.children: list[Node | str] = []

    def __getitem__(self, name: str) -> str:
        value = self.attrs[name]
        assert value is not None, f"<{self.tag} {name}> has no value"
        return value

    def get(self, name: str, default: str | None = None) -> str | None:
        value = self.attrs.get(name)
        return default if value is None else value

    def has(self, name: str) -> bool:
        return name in self.attrs

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag: str | None = None, **attrs: str) -> list[Node]:
        wanted = {name.rstrip("_").replace("_", "-"): value for name, value in attrs.items()}
        return [
            node
            for node in self.iter()
            if node is not self
            and (tag is None or node.tag == tag)
            and all(node.get(name) == value for name, value in wanted.items())
        ]

    def find(self, tag: str | None = None, **attrs: str) -> Node:
        found = self.find_all(tag, **attrs)
        assert found, f"no <{tag}> with {attrs}"
        return found[0]

    def enclosing(self, tag: str) -> Node:
        node = self.closest(tag)
        assert node is not None, f"<{self.tag}> is not inside a <{tag}>"
        return node

    def closest(self, tag: str) -> Node | None:
        node = self.parent
        while node is not None and node.tag != tag:
            node = node.parent
        return node

    @property
    def text(self) -> str:
        parts = [c if isinstance(c, str) else c.text for c in self.children]
        return re.sub(r"\s+", " ", "".join(parts)).strip()


class TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = self.current = Node("#document", [], None)

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, attrs, self.current))

    def handle_endtag(self, tag):
        node: Node | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def dom(response) -> Node:
    builder = TreeBuilder()
    builder.feed(response.content.decode())
    return builder.root


def editor_url(session, action: str = "") -> str:
    return f"/sandbox/en/print/{session.token}" + (f"/{action}" if action else "")


def checkout_form(page: Node) -> Node:
    return page.find("form", action=editor_url_from(page, "checkout"))


def editor_url_from(page: Node, action: str) -> str:
    forms = [f["action"] for f in page.find_all("form") if (f.get("action") or "").endswith(action)]
    assert len(forms) == 1, forms
    return forms[0]


def radios(page: Node, name: str) -> list[Node]:
    return page.find_all("input", type="radio", name=name)


def checked(page: Node, name: str) -> list[Node]:
    return [r for r in page.find_all("input", name=name) if r.has("checked")]


@pytest.fixture
def editor(client, sandbox_session) -> Node:
    """The editor page as first opened (named so as not to shadow pytest-playwright's page)."""
    response = client.get(editor_url(sandbox_session))
    assert response.status_code == 200
    return dom(response)


# --- Step 1: design ---


def test_the_page_offers_all_five_products_as_radio_buttons_with_their_prices(editor):
    offered = {r["value"]: r for r in radios(editor, "product")}
    assert list(offered) == [p.slug for p in catalog.PRODUCTS]
    for product in catalog.PRODUCTS:
        label = editor.find("label", for_=offered[product.slug]["id"])
        assert product.name in label.text
        assert f"${product.price}" in label.text
    assert [r["value"] for r in checked(editor, "product")] == ["t-shirt"]


def test_each_products_colours_and_sizes_are_form_fields_grouped_under_that_product(editor):
    for product in catalog.PRODUCTS:
        colours = editor.find("fieldset", data_pe_variant="colour", data_product=product.slug)
        sizes = editor.find("fieldset", data_pe_variant="size", data_product=product.slug)
        assert product.name in colours.find("legend").text
        assert [(r["value"], r["data-hex"]) for r in radios(colours, "colour")] == [
            (c.name, c.hex) for c in product.colours
        ]
        assert [r["value"] for r in radios(sizes, "size")] == list(product.sizes)


def test_colour_swatches_show_the_hex_colour_and_are_named_by_a_label(editor):
    for radio in radios(editor, "colour"):
        label = editor.find("label", for_=radio["id"])
        assert label.text == radio["value"]
        assert label.find("circle")["fill"] == radio["data-hex"]


def test_the_initial_choice_is_checked_once_per_picker(editor):
    assert [r["value"] for r in checked(editor, "colour")] == ["White"]
    assert [r["value"] for r in checked(editor, "size")] == ["M"]
    (colour,) = checked(editor, "colour")
    assert colour.enclosing("fieldset")["data-product"] == "t-shirt"


def test_the_partner_image_is_placed_on_an_svg_mockup_of_every_product(editor, sandbox_session):
    stage = editor.find("figure", class_="pe-stage")
    mockups = {m["data-mockup"]: m for m in stage.find_all("div", class_="pe-mockup")}
    assert set(mockups) == {"t-shirt", "hoodie", "mug", "poster", "pillow", "canvas", "tote"}
    for key, mockup in mockups.items():
        svg = mockup.find("svg")
        (image,) = svg.find_all("image")
        assert image["href"] == sandbox_session.image_url
        assert image["clip-path"] == f"url(#pe-clip-{key})"
        assert stage.find("clippath", id=f"pe-clip-{key}")
    shown = [key for key, mockup in mockups.items() if not mockup.has("hidden")]
    assert shown == ["t-shirt"]


def test_the_mockup_is_drawn_in_the_chosen_colour(editor):
    shown = next(m for m in editor.find_all("div", class_="pe-mockup") if not m.has("hidden"))
    fills = {node["fill"] for node in shown.iter() if "pe-garment" in (node.get("class") or "")}
    assert fills == {catalog.WHITE.hex}


def test_the_page_references_no_asset_but_the_partner_image_and_its_own_files(editor):
    urls = [
        node.get(name)
        for node in editor.iter()
        for name in ("src", "href")
        if node.get(name) and node.tag in {"img", "image", "script", "link", "use"}
    ]
    external = [u for u in urls if re.match(r"^(https?:)?//", u)]
    assert set(external) == {"https://cdn.example.com/art/nebula.jpg"}


def test_the_quantity_is_a_number_field_from_1_to_100_with_the_sessions_quantity(
    client, sandbox_session
):
    sandbox_session.quantity = 3
    sandbox_session.save()
    page = dom(client.get(editor_url(sandbox_session)))
    quantity = page.find("input", name="quantity")
    assert (quantity["type"], quantity["min"], quantity["max"], quantity["value"]) == (
        "number",
        "1",
        "100",
        "3",
    )
    assert page.find("label", for_=quantity["id"]).text == "Quantity"
    assert "$76.99" in page.find("div", class_="pe-summary").text  # 3 x 24.00 + 4.99


# --- Step 2: checkout ---


def test_the_checkout_form_is_prefilled_with_the_sessions_name_email_and_an_address(editor):
    form = checkout_form(editor)
    values = {
        name: form.find("input", name=name).get("value")
        for name in ("first_name", "last_name", "email", "street", "city", "zip_code", "country")
    }
    assert values == {
        "first_name": "Maya",
        "last_name": "Chen",
        "email": "maya@example.com",
        "street": "500 Market Street",
        "city": "San Francisco",
        "zip_code": "94105",
        "country": "United States",
    }


def test_every_posted_field_is_in_the_one_checkout_form_under_its_contract_name(editor):
    form = checkout_form(editor)
    assert form["method"] == "post"
    names = {node["name"] for node in form.find_all("input") if node.get("name")}
    assert names == {*CONTRACT_FIELDS, "csrfmiddlewaretoken"}
    assert form.find("button", type="submit").text.startswith("Pay")


def test_cancel_is_a_separate_post_form_to_the_cancel_url(editor, sandbox_session):
    action = editor_url_from(editor, "cancel")
    assert action == editor_url(sandbox_session, "cancel")
    cancel = editor.find("form", action=action)
    assert cancel["method"] == "post"
    assert cancel.closest("form") is None
    assert [n["name"] for n in cancel.find_all("input")] == ["csrfmiddlewaretoken"]
    assert "Cancel" in cancel.find("button", type="submit").text


def test_every_field_has_a_label_and_the_pickers_have_legends(editor):
    form = checkout_form(editor)
    labelled = {label.get("for") for label in form.find_all("label")}
    for node in form.find_all("input"):
        if node.get("type") != "hidden":
            assert node["id"] in labelled, node.attrs
    legends = [f.find("legend").text for f in form.find_all("fieldset", class_="pe-field")]
    assert [legend.split(":")[0] for legend in legends] == ["Product", "Colour", "Size"]
    assert [g.find("legend").text for g in form.find_all("fieldset", class_="pe-group")] == [
        "Contact",
        "Shipping address",
    ]


def test_headings_go_from_one_level_to_the_next(editor):
    levels = [int(n.tag[1]) for n in editor.iter() if re.fullmatch(r"h[1-6]", n.tag)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), levels


def test_the_order_summary_shows_product_price_shipping_and_total_in_usd(editor):
    summary = editor.find("div", class_="pe-summary")
    outputs = {dd.get("data-pe-out"): dd.text for dd in summary.find_all("dd")}
    assert outputs["product"] == "T-Shirt"
    assert outputs["colour"] == "White"
    assert outputs["size"] == "M"
    assert outputs["quantity"] == "1"
    assert outputs["shipping"] == "$4.99"
    assert "$24.00 × 1 = $24.00" in summary.text
    total = summary.find("div", class_="pe-summary__total")
    assert (total.find("dt").text, total.find("dd").text) == ("Total", "$28.99 USD")


def test_the_link_expiry_time_is_shown_in_words(editor, sandbox_session):
    expiry = editor.find("p", class_="pe-expiry")
    expires = sandbox_session.redirect_expires_at
    assert re.search(r"Link expires in 1[45] minutes", expiry.text)
    assert f"{expires:%H:%M} UTC" in expiry.text
    assert expiry.find("time")["datetime"] == expires.isoformat()


# --- A rejected submission ---


def test_a_rejected_submission_rerenders_with_each_error_next_to_its_field(client, sandbox_session):
    client.get(editor_url(sandbox_session))
    posted = {**CHECKOUT, "colour": "Navy", "size": "XL", "email": "nope"}
    response = client.post(editor_url(sandbox_session, "checkout"), posted)
    assert response.status_code == 400
    page = dom(response)

    colour = page.find("fieldset", id="pe-field-colour")
    assert "Mug does not come in Navy." in colour.find("ul", class_="errorlist").text
    assert colour["aria-describedby"] == colour.find("ul", class_="errorlist")["id"]
    size = page.find("fieldset", id="pe-field-size")
    assert "Mug does not come in size XL." in size.find("ul", class_="errorlist").text
    email = page.find("div", id="pe-field-email")
    assert "valid email" in email.find("ul", class_="errorlist").text
    assert email.find("input")["aria-invalid"] == "true"
    summary = page.find("div", class_="pe-alert")
    assert summary["role"] == "alert"
    assert {a["href"] for a in summary.find_all("a")} == {
        "#pe-field-colour",
        "#pe-field-size",
        "#pe-field-email",
    }


def test_a_rejected_submission_keeps_the_shoppers_choices(client, sandbox_session):
    client.get(editor_url(sandbox_session))
    posted = {**CHECKOUT, "colour": "Navy", "street": "", "phone": "+1 555 0100"}
    page = dom(client.post(editor_url(sandbox_session, "checkout"), posted))
    assert [r["value"] for r in checked(page, "product")] == ["mug"]
    assert [r["value"] for r in checked(page, "colour")] == ["Navy"]
    assert [
        (r["value"], r.enclosing("fieldset")["data-product"]) for r in checked(page, "size")
    ] == [("15 oz", "mug")]
    form = checkout_form(page)
    assert form.find("input", name="quantity")["value"] == "2"
    assert form.find("input", name="phone")["value"] == "+1 555 0100"
    assert form.find("input", name="city")["value"] == "Cupertino"
    shown = next(m for m in page.find_all("div", class_="pe-mockup") if not m.has("hidden"))
    assert shown["data-mockup"] == "mug"
    assert "$36.99" in page.find("div", class_="pe-summary").text  # 2 x 16.00 + 4.99


def test_a_valid_choice_made_on_the_page_checks_out(client, sandbox_session):
    client.get(editor_url(sandbox_session))
    page = dom(client.get(editor_url(sandbox_session)))
    home_decor = page.find("fieldset", data_pe_variant="size", data_product="home-decor")
    tote = next(r for r in radios(home_decor, "size") if "Tote" in r["value"])
    response = client.post(
        editor_url(sandbox_session, "checkout"),
        {**CHECKOUT, "product": "home-decor", "colour": "Sand", "size": tote["value"]},
    )
    assert response.status_code == 303
    sandbox_session.refresh_from_db()
    assert sandbox_session.status == SandboxSession.Status.COMPLETED


# --- Content-Security-Policy readiness ---


def scripts_and_handlers(html: str) -> list[str]:
    problems = []
    builder = TreeBuilder()
    builder.feed(html)
    for node in builder.root.iter():
        problems += [f"{node.tag} {name}=" for name in node.attrs if name.startswith("on")]
        if node.has("style"):
            problems.append(f"{node.tag} style=")
        if node.tag == "script" and (not node.get("src") or node.text):
            problems.append("inline <script>")
        if (node.get("href") or "").lower().startswith("javascript:"):
            problems.append("javascript: URL")
    return problems


def test_no_sandbox_template_contains_inline_script_handlers_or_styles():
    assert TEMPLATES
    for template in TEMPLATES:
        assert scripts_and_handlers(template.read_text()) == [], template.name


@pytest.mark.parametrize("status", ["active", "completed", "cancelled", "expired"])
def test_no_rendered_editor_page_contains_inline_script_handlers_or_styles(
    client, sandbox_session, status
):
    if status != "active":
        sandbox_session.status = status
        sandbox_session.save()
    response = client.get(editor_url(sandbox_session))
    assert scripts_and_handlers(response.content.decode()) == []


def test_the_editor_script_is_loaded_deferred_from_a_static_file(editor):
    (script,) = [s for s in editor.find_all("script") if "sandbox-editor" in s.get("src", "")]
    assert script.has("defer")
    assert script["src"] == settings.STATIC_URL + "js/sandbox-editor.js"
    assert (ROOT / "static" / "js" / "sandbox-editor.js").is_file()


# --- The closed pages ---


def test_a_completed_session_shows_its_order_instead_of_the_editor(client, sandbox_session):
    client.get(editor_url(sandbox_session))
    client.post(editor_url(sandbox_session, "checkout"), CHECKOUT)
    response = client.get(editor_url(sandbox_session))
    assert response.status_code == 409
    page = dom(response)
    assert page.find("h1").text == "This order is already placed"
    order = sandbox_session.orders.get()
    assert order.order_number in page.find("dl").text
    assert not page.find_all("form", action=editor_url(sandbox_session, "checkout"))


def test_a_cancelled_session_says_so_and_offers_no_checkout(client, sandbox_session):
    client.post(editor_url(sandbox_session, "cancel"))
    response = client.get(editor_url(sandbox_session))
    assert response.status_code == 409
    page = dom(response)
    assert page.find("h1").text == "This session was cancelled"
    assert not [
        f for f in page.find_all("form") if sandbox_session.token in (f.get("action") or "")
    ]


def test_an_expired_link_page_says_when_it_expired(client, expired_session):
    response = client.get(editor_url(expired_session))
    assert response.status_code == 410
    page = dom(response)
    assert page.find("h1").text == "This link has expired"
    times = [t["datetime"] for t in page.find_all("time")]
    assert expired_session.redirect_expires_at.isoformat() in times
