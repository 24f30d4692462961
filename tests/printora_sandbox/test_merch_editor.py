"""The merch design editor: its page at the editorUrl and the public by-token endpoints."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from printora_sandbox.models import SandboxMerch, SandboxMerchEditSession

from .test_editor_page import dom


def art(html):
    return next(node for node in html.iter() if node.has("data-merch-art"))


def path_of(url: str) -> str:
    return "/" + url.split("://", 1)[1].partition("/")[2]


def test_the_by_token_read_answers_the_session_the_merch_and_its_product(client, merch):
    token = merch["editSession"]["token"]
    response = client.get(f"/sandbox/api/v1/merch-editor/by-token/{token}")
    assert response.status_code == 200
    data = response.json()["data"]
    assert data["token"] == token and data["merch"]["id"] == merch["id"]
    assert data["product"]["name"] == "T-Shirt"


def test_saving_stores_the_metadata_and_spends_the_token(client, merch):
    token = merch["editSession"]["token"]
    save = f"/sandbox/api/v1/merch-editor/by-token/{token}/save"
    placed = {"design": {"x": 40, "y": 30, "scale": 0.5}}
    response = client.post(save, {"konvaMetadata": placed}, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["data"]["hasDesign"] is True
    assert SandboxMerch.objects.get(pk=merch["id"]).konva_metadata == placed
    again = client.post(save, {"konvaMetadata": placed}, content_type="application/json")
    assert again.status_code == 410 and again.json()["error"]["code"] == "SESSION_USED"
    read = client.get(f"/sandbox/api/v1/merch-editor/by-token/{token}")
    assert read.status_code == 410


def test_save_needs_konva_metadata(client, merch):
    token = merch["editSession"]["token"]
    response = client.post(
        f"/sandbox/api/v1/merch-editor/by-token/{token}/save", {}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["details"][0]["field"] == "konvaMetadata"
    assert SandboxMerchEditSession.objects.get(token=token).used_at is None


def test_an_unknown_token_is_404_and_an_old_one_410(client, merch):
    unknown = client.get("/sandbox/api/v1/merch-editor/by-token/" + "0" * 64)
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "SESSION_NOT_FOUND"
    SandboxMerchEditSession.objects.update(created_at=timezone.now() - timedelta(hours=25))
    token = merch["editSession"]["token"]
    expired = client.get(f"/sandbox/api/v1/merch-editor/by-token/{token}")
    assert expired.status_code == 410 and expired.json()["error"]["code"] == "SESSION_EXPIRED"


def test_the_editor_page_places_the_design_with_a_form_and_saves_once(client, merch):
    url = path_of(merch["editSession"]["editorUrl"])
    html = dom(client.get(url))
    form = html.find("form")
    assert {i["name"] for i in form.find_all("input")} >= {"x", "y", "scale"}
    assert art(html)["href"] == merch["designImageUrl"]
    preview = client.post(url, {"x": "25", "y": "50", "scale": "40", "action": "preview"})
    placed = art(dom(preview))
    # 40 % of a 300-unit print area, centred at 25 % across: 120 wide, left edge at 15.
    assert (placed["width"], placed["x"]) == ("120.0", "15.0")
    assert SandboxMerch.objects.get(pk=merch["id"]).konva_metadata is None
    saved = client.post(url, {"x": "25", "y": "50", "scale": "40", "action": "save"})
    assert saved.status_code == 200 and "Design saved" in saved.content.decode()
    stored = SandboxMerch.objects.get(pk=merch["id"]).konva_metadata
    assert stored is not None
    assert stored["design"] == {"x": 25, "y": 50, "scale": 0.4, "rotation": 0}
    assert client.get(url).status_code == 410


def test_the_editor_page_refuses_bad_numbers_and_keeps_the_token(client, merch):
    url = path_of(merch["editSession"]["editorUrl"])
    response = client.post(url, {"x": "250", "y": "50", "scale": "40", "action": "save"})
    assert response.status_code == 400
    assert SandboxMerchEditSession.objects.get().used_at is None


def test_the_editor_page_of_a_wrong_product_is_404(client, merch):
    token = merch["editSession"]["token"]
    assert client.get(f"/sandbox/en/merch/not-the-product/{token}").status_code == 404
