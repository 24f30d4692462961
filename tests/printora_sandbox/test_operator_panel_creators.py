"""The operator panel shows creators, their merch with stock, and the second partner's key."""

from __future__ import annotations

from printora_sandbox import partners
from printora_sandbox.models import SandboxMerch


def test_the_panel_lists_creators_and_merch_with_their_stock(client, creator, make_merch):
    limited = make_merch(title="Fox Print", stockLimit=5)
    make_merch(title="Fox Tee")
    SandboxMerch.objects.filter(pk=limited["id"]).update(stock_sold=2)
    text = client.get("/sandbox/").content.decode()
    assert "Lena Ortiz" in text and "lena-ortiz" in text
    assert "2 of 5 sold · 3 left" in text
    assert "0 sold · unlimited" in text


def test_a_sold_out_item_is_marked_sold_out(client, make_merch):
    merch = make_merch(stockLimit=1)
    SandboxMerch.objects.filter(pk=merch["id"]).update(stock_sold=1)
    assert "sold out</strong> (1/1)" in client.get("/sandbox/").content.decode()


def test_the_panel_shows_the_second_partners_key_and_never_ours(client, db, settings):
    text = client.get("/sandbox/").content.decode()
    assert partners.second_key() in text
    assert settings.PRINTORA_API_KEY not in text
    assert partners.second_key() != settings.PRINTORA_API_KEY


def test_the_second_key_is_a_partner_of_its_own(settings):
    assert partners.partner_for(settings.PRINTORA_API_KEY) == partners.PRIMARY
    assert partners.partner_for(partners.second_key()) == partners.SECOND
    assert partners.partner_for("pk_test_wrong") is None
