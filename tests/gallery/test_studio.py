"""/studio/: a creator's merch made and changed at Printora (the sandbox, over HTTP);
the page shows Printora's answer and the mirror follows it."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from dreamcanvas.printora import get_client
from gallery import services
from gallery.models import Creator, Merch

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def sandbox(sandbox_live, settings):
    settings.DASHBOARD_PUBLIC = True
    settings.PRINTORA_MAX_RETRIES = 0
    return sandbox_live


@pytest.fixture
def aiko(sandbox) -> Creator:
    return services.register_creator(creator=Creator.objects.get(handle="aiko.dreams"))


def product_id(client: Client, name: str) -> str:
    html = client.get("/studio/aiko-dreams/new/").content.decode()
    match = re.search(rf'href="\?product=([0-9a-f-]+)"[^>]*>{name}</a>', html)
    assert match, f"{name} is not offered"
    return match.group(1)


def create(client: Client, **fields) -> Any:
    pid = product_id(client, "Mug")
    data = {"product": pid, "title": "Corona Mug", "colours": ["White"], "artwork": "corona-hour"}
    return client.post(f"/studio/aiko-dreams/new/?product={pid}", {**data, **fields})


def test_it_registers_a_creator_at_printora(client, sandbox):
    response = client.post("/studio/nia-horizons/register/", follow=True)
    assert "Printora registered Nia Okafor." in response.content.decode()
    creator = Creator.objects.get(handle="nia.horizons")
    assert creator.printora_creator_id
    assert get_client().creators.get(creator.printora_creator_id).slug == "nia-horizons"


def test_creating_a_limited_item_gives_the_design_editor_link(client, aiko):
    response = create(client, stock_limit="1")
    html = response.content.decode()
    assert response.status_code == 201
    assert "Printora created “Corona Mug”" in html
    link = re.search(r'<a class="button button--primary" href="([^"]+)" target="_blank"', html)
    assert link and "/sandbox/en/merch/" in link.group(1)
    merch = Merch.objects.get(title="Corona Mug")
    assert (merch.stock_label, merch.artwork and merch.artwork.slug, merch.sizes) == (
        "1/1 left",
        "corona-hour",
        ["11 oz", "15 oz"],
    )
    remote = get_client().merch.get(aiko.printora_creator_id, merch.printora_merch_id)
    assert remote.stock_limit == 1 and str(remote.design_image_url).endswith("/corona-hour.jpg")
    # The studio lists it as Printora has it.
    page = client.get("/studio/aiko-dreams/").content.decode()
    assert "Corona Mug" in page and "1/1 left" in page and "Design not placed" in page


def test_chosen_sizes_narrow_the_variants(client, aiko):
    create(client, colours=["White", "Black"], sizes=["15 oz"])
    merch = Merch.objects.get(title="Corona Mug")
    assert [(c["name"], [s["size"] for s in c["sizes"]]) for c in merch.colours] == [
        ("White", ["15 oz"]),
        ("Black", ["15 oz"]),
    ]


def test_a_design_must_be_chosen(client, aiko):
    response = create(client, artwork="")
    assert response.status_code == 400
    assert (
        "Choose one of the creator&#x27;s artworks or give an image URL."
        in response.content.decode()
    )
    assert Merch.objects.count() == 0


def test_edit_and_status_changes_are_made_at_printora(client, aiko):
    create(client)
    merch = Merch.objects.get(title="Corona Mug")
    base = f"/studio/aiko-dreams/merch/{merch.printora_merch_id}"
    response = client.post(
        f"{base}/edit/", {"title": "Corona Mug XL", "stock_limit": "20"}, follow=True
    )
    assert "Printora saved “Corona Mug XL”." in response.content.decode()
    remote = get_client().merch.get(aiko.printora_creator_id, merch.printora_merch_id)
    assert (remote.title, remote.stock_limit) == ("Corona Mug XL", 20)
    for status in ("inactive", "active", "archived"):
        page = client.post(f"{base}/status/", {"status": status}, follow=True).content.decode()
        assert f"Printora set “Corona Mug XL” to {status}." in page
        assert (
            get_client().merch.get(aiko.printora_creator_id, merch.printora_merch_id).status
            == status
        )
    merch.refresh_from_db()
    assert merch.status == "archived"


def test_a_new_editor_link_can_be_asked_for_later(client, aiko):
    create(client)
    merch = Merch.objects.get(title="Corona Mug")
    html = client.post(
        f"/studio/aiko-dreams/merch/{merch.printora_merch_id}/editor/"
    ).content.decode()
    assert "A new design editor link" in html and "Open design editor" in html


def test_a_refusal_is_said_and_changes_nothing(client, aiko):
    create(client)
    merch = Merch.objects.get(title="Corona Mug")
    base = f"/studio/aiko-dreams/merch/{merch.printora_merch_id}"
    response = client.post(f"{base}/status/", {"status": "gone"}, follow=True)
    assert "Choose active, inactive or archived." in response.content.decode()
    response = client.post(f"{base}/edit/", {"title": "", "stock_limit": "0"})
    assert response.status_code == 400
    merch.refresh_from_db()
    assert merch.title == "Corona Mug"


def test_stats_show_printora_and_our_order_book(client, aiko):
    html = client.get("/studio/aiko-dreams/").content.decode()
    assert "Orders at Printora" in html and "Orders in our order book" in html


def test_the_public_studio_says_so_and_a_private_one_asks_staff_to_sign_in(
    client, sandbox, settings
):
    assert "Public studio: anyone can change creators" in client.get("/studio/").content.decode()
    settings.DASHBOARD_PUBLIC = False
    response = client.get("/studio/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.post("/studio/aiko-dreams/register/").status_code == 302
