"""Flows B and C in the shopper's editor: storefront, product page, stock and webhooks."""

from __future__ import annotations

import json

from printora_sandbox import services
from printora_sandbox.models import SandboxMerch, SandboxOrder, SandboxWebhookLog

from .conftest import CHECKOUT, editor_path
from .test_editor_page import dom

# A White t-shirt: the merch fixture offers White XS, S, M and L.
MERCH_CHECKOUT = {**CHECKOUT, "product": "t-shirt", "colour": "White", "size": "M", "quantity": "1"}


def page(response):
    return dom(response)


def by_class(root, name: str) -> list:
    return [node for node in root.iter() if name in (node.get("class") or "").split()]


def one(root, name: str):
    found = by_class(root, name)
    assert found, name
    return found[0]


def h1(root) -> str:
    return root.find("h1").text


def test_the_creator_link_opens_a_storefront_of_the_active_merch(
    client, open_session, creator, make_merch, api
):
    shown = make_merch(title="Night Fox Tee")
    mug = make_merch(
        title="Fox Mug",
        productId=api.get("catalog/products", search="mug").json()["data"]["products"][0]["id"],
        variantIds=[
            v["id"]
            for v in api.get("catalog/products", search="mug").json()["data"]["products"][0][
                "variants"
            ]
        ],
    )
    hidden = make_merch(title="Old Design")
    api.put(f"creators/{creator['id']}/merch/{hidden['id']}", {"status": "archived"})
    response = client.get(editor_path(open_session(creatorId=creator["id"])))
    assert response.status_code == 200
    html = page(response)
    titles = [h.text for h in by_class(html, "sx-store__title")]
    assert sorted(titles) == ["Fox Mug", "Night Fox Tee"]
    assert "Lena Ortiz" in h1(html)
    # Each card draws its product's mockup with the merch's design on it.
    cards = by_class(html, "sx-store__card")
    mockups = {one(c, "sx-store__title").text: by_class(c, "pe-mockup") for c in cards}
    assert [m["data-mockup"] for m in mockups["Fox Mug"]] == ["mug"]
    assert [m["data-mockup"] for m in mockups["Night Fox Tee"]] == ["t-shirt"]
    arts = by_class(html, "pe-art")
    assert {a["href"] for a in arts} == {shown["designImageUrl"], mug["designImageUrl"]}


def test_picking_an_item_opens_its_product_page_and_paying_sends_the_creator(
    client, open_session, creator, merch, deliver, transport
):
    path = editor_path(open_session(creatorId=creator["id"]))
    storefront = page(client.get(path))
    link = one(one(storefront, "sx-store__card"), "button")["href"]
    product_page = page(client.get(link))
    assert h1(product_page) == "Night Fox Tee"
    assert product_page.find("input", name="merch")["value"] == merch["id"]
    response = client.post(path + "/checkout", {**MERCH_CHECKOUT, "merch": merch["id"]})
    assert response.status_code == 303
    order = SandboxOrder.objects.get()
    assert (str(order.merch_id), str(order.creator_id)) == (merch["id"], creator["id"])
    deliver()
    bodies = [json.loads(body) for _, body, _ in transport.sent]
    assert [b["event"] for b in bodies] == ["order.created", "order.paid"]
    for body in bodies:
        assert body["data"]["creator"] == {
            "id": creator["id"],
            "name": "Lena Ortiz",
            "slug": "lena-ortiz",
        }
        item = body["data"]["items"][0]
        assert item["merchId"] == merch["id"] and item["imageUrl"] == merch["designImageUrl"]


def test_the_merch_link_preselects_the_variant_and_the_quantity(client, open_session, merch):
    chosen = merch["variants"][2]  # White M
    data = open_session(merchId=merch["id"], variantId=chosen["id"], quantity=3)
    html = page(client.get(editor_path(data)))
    checked = {i["name"]: i["value"] for i in html.find_all("input") if i.has("checked")}
    assert (checked["colour"], checked["size"]) == (chosen["color"], chosen["size"])
    assert html.find("input", name="quantity")["value"] == "3"
    # Only the merch's product, colours and sizes can be chosen.
    assert [i["value"] for i in html.find_all("input", name="product")] == ["t-shirt"]
    assert {i["value"] for i in html.find_all("input", name="colour")} == {"White"}
    assert [i["value"] for i in html.find_all("input", name="size")] == ["XS", "S", "M", "L"]


def test_a_variant_outside_the_merch_is_refused_at_checkout(client, open_session, merch):
    path = editor_path(open_session(merchId=merch["id"]))
    client.get(path)
    response = client.post(path + "/checkout", {**MERCH_CHECKOUT, "colour": "Black"})
    assert response.status_code == 400
    assert SandboxOrder.objects.count() == 0


def test_paying_a_limited_edition_counts_stock_and_it_sells_out(
    client, open_session, make_merch, api, creator
):
    merch = make_merch(stockLimit=2)
    path = editor_path(open_session(merchId=merch["id"], quantity=2))
    client.get(path)
    assert client.post(path + "/checkout", {**MERCH_CHECKOUT, "quantity": "2"}).status_code == 303
    read = api.get(f"creators/{creator['id']}/merch/{merch['id']}").json()["data"]
    assert (read["stockSold"], read["stockRemaining"]) == (2, 0)
    again = api.post(
        "partner-session",
        {
            "merchId": merch["id"],
            "successUrl": "https://s.example/",
            "failedUrl": "https://f.example/",
        },
    )
    assert (again.status_code, again.json()["error"]["message"]) == (400, "Merch item is sold out")
    storefront = page(client.get(editor_path(open_session(creatorId=creator["id"]))))
    assert one(storefront, "sx-store__soldout").text == "Sold out"


def test_a_checkout_asking_more_than_remain_is_refused_and_keeps_nothing(
    client, open_session, make_merch
):
    merch = make_merch(stockLimit=3)
    path = editor_path(open_session(merchId=merch["id"]))
    client.get(path)
    SandboxMerch.objects.filter(pk=merch["id"]).update(stock_sold=2)
    response = client.post(path + "/checkout", {**MERCH_CHECKOUT, "quantity": "2"})
    assert response.status_code == 409
    assert "Only 1 units remaining for this merch item" in response.content.decode()
    assert SandboxOrder.objects.count() == 0 and SandboxWebhookLog.objects.count() == 0
    assert SandboxMerch.objects.get(pk=merch["id"]).stock_sold == 2


def test_the_last_unit_can_be_taken_only_once(make_merch):
    merch = SandboxMerch.objects.get(pk=make_merch(stockLimit=1)["id"])
    stale = SandboxMerch.objects.get(pk=merch.pk)  # a second checkout read it too
    services.take_stock(merch=merch, quantity=1)
    try:
        services.take_stock(merch=stale, quantity=1)
    except services.SoldOut as sold_out:
        assert sold_out.message == "Merch item is sold out"
    else:
        raise AssertionError("the second checkout took a unit that was gone")
    assert SandboxMerch.objects.get(pk=merch.pk).stock_sold == 1


def test_an_image_order_still_carries_no_creator(client, sandbox_session, deliver, transport):
    client.get(f"/sandbox/en/print/{sandbox_session.token}")
    client.post(f"/sandbox/en/print/{sandbox_session.token}/checkout", CHECKOUT)
    deliver()
    body = json.loads(transport.sent[0][1])
    assert body["data"]["creator"] is None and "merchId" not in body["data"]["items"][0]


def test_a_deleted_merch_item_says_it_is_no_longer_available(
    client, open_session, api, creator, merch
):
    path = editor_path(open_session(merchId=merch["id"]))
    api.delete(f"creators/{creator['id']}/merch/{merch['id']}")
    response = client.get(path)
    assert response.status_code == 404
    assert "This item is no longer available" in response.content.decode()
    assert client.post(path + "/checkout", MERCH_CHECKOUT).status_code == 404
    assert SandboxOrder.objects.count() == 0


def test_a_storefront_link_to_another_creators_merch_shows_the_storefront(
    client, open_session, api, creator, merch
):
    other = api.post("creators", {"name": "Other"}).json()["creator"]
    path = editor_path(open_session(creatorId=other["id"]))
    response = client.get(path, {"merch": merch["id"]})
    assert response.status_code == 200
    assert "Other's merch" in response.content.decode().replace("&#x27;", "'")
    refused = client.post(path + "/checkout", {**MERCH_CHECKOUT, "merch": merch["id"]})
    assert refused.status_code == 404 and SandboxOrder.objects.count() == 0
