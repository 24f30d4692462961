"""``manage.py seed_demo``: register the demo creators at Printora and make their merch.

Everything goes through ``gallery.services`` (so through ``printora_client``, over
HTTP); the mirror is filled from Printora's replies. It is idempotent: creators are
found by slug, merch by title, and only what is missing is created.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import requests
from django.conf import settings
from django.urls import reverse

from dreamcanvas.printora import get_client
from gallery import services
from gallery.demo import DEMO_USER_EMAIL, DEMO_USER_NAME
from gallery.demo_merch import DEMO_MERCH, DemoMerch, title_for
from gallery.models import Artwork, Creator, Merch
from printora_client import PrintoraError
from printora_client.models import Product

Say = Callable[[str], None]


@dataclass
class SeedReport:
    registered: list[str] = field(default_factory=list)
    created: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    sold_out: list[str] = field(default_factory=list)


def plan() -> list[str]:
    """What a first run creates, in words (said before touching a real Printora)."""
    lines = []
    artworks = {a.slug: a for a in Artwork.objects.select_related("creator")}
    for handle in dict.fromkeys(artworks[d.artwork].creator.handle for d in _known(artworks)):
        creator = Creator.objects.get(handle=handle)
        lines.append(f"creator {creator.name} (slug {creator.slug}), if not registered yet")
    for demo in _known(artworks):
        art = artworks[demo.artwork]
        stock = f"limited to {demo.stock_limit}" if demo.stock_limit else "unlimited"
        lines.append(
            f"merch “{title_for(art.title, demo.product)}” for {art.creator.name}, {stock}"
        )
    return lines


def _known(artworks: dict[str, Artwork]) -> list[DemoMerch]:
    return [demo for demo in DEMO_MERCH if demo.artwork in artworks]


def seed(*, say: Say, sell_out: bool) -> SeedReport:
    report = SeedReport()
    refreshed: set[int] = set()
    artworks = {a.slug: a for a in Artwork.objects.select_related("creator")}
    try:
        products = {p.name: p for p in get_client().catalog.iter_products()}
    except PrintoraError as exc:
        raise services.explain(exc) from exc
    creators: dict[int, Creator] = {}
    for demo in _known(artworks):
        artwork = artworks[demo.artwork]
        creator = creators.setdefault(artwork.creator_id, artwork.creator)
        if not creator.printora_creator_id:
            services.register_creator(creator=creator)
            report.registered.append(creator.name)
            say(f"Registered {creator.name} at Printora ({creator.printora_creator_id}).")
        title = title_for(artwork.title, demo.product)
        merch = _existing(creator, title, refreshed)
        if merch is None:
            product = products.get(demo.product)
            if product is None:
                say(f"Skipped “{title}”: Printora's catalog has no {demo.product}.")
                continue
            merch = services.create_merch(
                creator=creator,
                title=title,
                product_id=product.id,
                variant_ids=_variant_ids(product, demo.colours),
                design_image_url=artwork.absolute_image_url,
                description=f"{artwork.title} by {creator.name}, on a {demo.product.lower()}.",
                stock_limit=demo.stock_limit,
                artwork=artwork,
            ).merch
            report.created.append(title)
            say(f"Created “{title}” ({merch.stock_label}).")
        else:
            report.kept.append(title)
        if demo.sell_out and sell_out and not merch.sold_out:
            _buy_out(merch)
            merch = services.refresh_one(merch=merch)
            say(f"Bought out “{title}” in the sandbox: {merch.stock_label}.")
        if merch.sold_out:
            report.sold_out.append(title)
    return report


def _existing(creator: Creator, title: str, refreshed: set[int]) -> Merch | None:
    # Printora is the truth: read the creator's merch back once per run before deciding.
    if creator.pk not in refreshed:
        services.refresh_merch(creator=creator)
        refreshed.add(creator.pk)
    return creator.merch.filter(title=title).exclude(status=Merch.Status.ARCHIVED).first()


def _variant_ids(product: Product, colours: tuple[str, ...] | None) -> list[str]:
    return [v.id for v in product.variants if colours is None or v.color in colours]


def _buy_out(merch: Merch) -> None:
    """Sandbox only: a demo shopper buys every unit left, through the shopper's checkout
    (the editor page behind a flow C session), as a browser would."""
    left = merch.stock_remaining or 0
    if left < 1:
        return
    base = settings.APP_URL
    session = get_client().create_session(
        merch_id=merch.printora_merch_id,
        quantity=left,
        user_email=DEMO_USER_EMAIL,
        user_name=DEMO_USER_NAME,
        success_url=base + reverse("sessions_app:callback-success"),
        failed_url=base + reverse("sessions_app:callback-failed"),
    )
    # The editor is on the sandbox's own site, which may be the private server of
    # seed_demo (make run seeds before runserver starts).
    editor = str(session.redirect_url).replace(
        settings.APP_URL, settings.PRINTORA_API_URL.removesuffix("/sandbox"), 1
    )
    browser = requests.Session()
    page = browser.get(editor, timeout=10)
    page.raise_for_status()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    product = re.search(r'name="product" value="([^"]+)"[^>]*checked', page.text)
    variant = merch.variants[0]
    form = {
        "csrfmiddlewaretoken": token.group(1) if token else "",
        "product": product.group(1) if product else "",
        "colour": variant["color"],
        "size": variant["size"],
        "quantity": str(left),
        "first_name": "Demo",
        "last_name": "Collector",
        "email": DEMO_USER_EMAIL,
        "street": "1 Demo Street",
        "city": "Lisbon",
        "zip_code": "1100-001",
        "country": "Portugal",
    }
    reply = browser.post(
        editor + "/checkout", data=form, headers={"Referer": editor}, allow_redirects=False
    )
    if reply.status_code != 303:
        raise services.PrintoraWriteError(
            f"The sandbox checkout for “{merch.title}” answered {reply.status_code}."
        )
