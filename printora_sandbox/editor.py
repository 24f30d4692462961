"""The shopper's side: Printora's editor and checkout, played by the sandbox.

Flow A (an image) opens the editor with the five products. Flow B (a creator)
opens the creator's storefront; picking an item opens it like flow C (one merch
item): its product only, in the merch's colours and sizes, with its design.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django import forms
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from printora_sandbox import catalog, mockups, services, validation
from printora_sandbox.models import SandboxCreator, SandboxMerch, SandboxSession

# What browsers may fill in for the shopper (HTML autofill tokens).
AUTOCOMPLETE = {
    "first_name": "given-name",
    "last_name": "family-name",
    "email": "email",
    "phone": "tel",
    "street": "address-line1",
    "apartment": "address-line2",
    "city": "address-level2",
    "state": "address-level1",
    "zip_code": "postal-code",
    "country": "country-name",
}


class CheckoutForm(forms.Form):
    product = forms.ChoiceField(choices=[(p.slug, p.name) for p in catalog.PRODUCTS])
    merch = forms.CharField(required=False, widget=forms.HiddenInput)
    colour = forms.CharField(max_length=40)
    size = forms.CharField(max_length=40)
    quantity = forms.IntegerField(min_value=1, max_value=100, initial=1)
    first_name = forms.CharField(max_length=100)
    last_name = forms.CharField(max_length=100, required=False)
    email = forms.EmailField()
    phone = forms.CharField(max_length=40, required=False)
    street = forms.CharField(max_length=200)
    apartment = forms.CharField(max_length=100, required=False)
    city = forms.CharField(max_length=100)
    state = forms.CharField(max_length=100, required=False)
    zip_code = forms.CharField(max_length=20, label="ZIP / postcode")
    country = forms.CharField(max_length=100, initial="United States")

    def __init__(self, *args: Any, offer: Offer | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer = offer
        self.products = (offer.product,) if offer else catalog.PRODUCTS
        # Declared above as a ChoiceField; the offer narrows its choices.
        cast(forms.ChoiceField, self.fields["product"]).choices = [
            (p.slug, p.name) for p in self.products
        ]
        for name, token in AUTOCOMPLETE.items():
            self.fields[name].widget.attrs["autocomplete"] = token
        self.fields["phone"].widget.input_type = "tel"

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        product = next((p for p in self.products if p.slug == data.get("product")), None)
        if product is None:
            return data
        if data.get("colour") and product.colour(data["colour"]) is None:
            self.add_error("colour", f"{product.name} does not come in {data['colour']}.")
        if data.get("size") and data["size"] not in product.sizes:
            self.add_error("size", f"{product.name} does not come in size {data['size']}.")
        data["product"] = product
        if self.offer and not self.errors:
            data["variant"] = self.offer.variant(data["colour"], data["size"])
            if data["variant"] is None:
                self.add_error(
                    "size", f"This item is not offered in {data['colour']}, size {data['size']}."
                )
        return data


class Offer:
    """One merch item as the shopper sees it: its product in the merch's variants only."""

    def __init__(self, merch: SandboxMerch, item: catalog.CatalogProduct) -> None:
        self.merch = merch
        self.item = item  # the catalog product of merch.product_id
        self.product = catalog.merch_product(self.item, merch.variant_ids)

    def variant(self, colour: str, size: str) -> catalog.Variant | None:
        found = catalog.find_variant(self.item, colour, size)
        return found if found and found.id in self.merch.variant_ids else None

    def first_variant(self, preferred: str = "") -> catalog.Variant:
        chosen = [catalog.VARIANTS[v] for v in self.merch.variant_ids if v in catalog.VARIANTS]
        return next((v for v in chosen if v.id == preferred), chosen[0])


def offer_for(session: SandboxSession, merch_id: str | None) -> Offer | None:
    """The merch the session sells: its own (flow C) or one of its creator's (flow B)."""
    if session.mode == "merch":
        merch_id = session.merch_id
    elif session.mode != "creator" or not validation.is_uuid(merch_id):
        return None
    merch = (
        SandboxMerch.objects.select_related("creator")
        .filter(pk=merch_id, creator__pk=session.creator_id)
        .first()
    )
    item = catalog.catalog_product(merch.product_id) if merch else None
    if merch is None or item is None:
        return None
    if session.mode == "creator" and merch.status != SandboxMerch.Status.ACTIVE:
        return None
    return Offer(merch, item)


def with_query(url: str, **params: str) -> str:
    """``url`` with ``params`` added to its query string (existing ones kept)."""
    parts = urlsplit(url)
    query = [*parse_qsl(parts.query, keep_blank_values=True), *params.items()]
    return urlunsplit(parts._replace(query=urlencode(query)))


def initial_for(session: SandboxSession, offer: Offer | None = None) -> dict[str, str | int]:
    first, _, last = session.user_name.partition(" ")
    product, colour, size = catalog.PRODUCTS[0], catalog.PRODUCTS[0].colours[0].name, "M"
    if offer:
        variant = offer.first_variant(session.variant_id)
        product, colour, size = offer.product, variant.colour.name, variant.size
    return {
        "product": product.slug,
        "colour": colour,
        "size": size,
        "quantity": session.quantity,
        "first_name": first,
        "last_name": last,
        "email": session.user_email,
        "street": "500 Market Street",
        "city": "San Francisco",
        "state": "CA",
        "zip_code": "94105",
        "country": "United States",
    }


def _closed_page(request: HttpRequest, session: SandboxSession) -> HttpResponse:
    status = 410 if session.status == SandboxSession.Status.EXPIRED else 409
    return render(request, "printora_sandbox/closed.html", {"session": session}, status=status)


@require_http_methods(["GET", "HEAD"])
def editor(request: HttpRequest, token: str) -> HttpResponse:
    session = services.open_session(get_object_or_404(SandboxSession, token=token))
    if session.status != SandboxSession.Status.ACTIVE:
        return _closed_page(request, session)
    offer = offer_for(session, request.GET.get("merch"))
    if session.mode == "creator" and offer is None:
        return storefront(request, session)
    if session.mode == "merch" and offer is None:
        return _gone(request, session)
    form = CheckoutForm(initial=initial_for(session, offer), offer=offer)
    return render(request, "printora_sandbox/editor.html", _context(session, form))


def _gone(request: HttpRequest, session: SandboxSession) -> HttpResponse:
    context = {"session": session, "gone": True}
    return render(request, "printora_sandbox/closed.html", context, status=404)


def storefront(request: HttpRequest, session: SandboxSession) -> HttpResponse:
    """Flow B: every active merch item of the creator, each on its product's mockup."""
    items = SandboxMerch.objects.filter(
        creator__pk=session.creator_id, status=SandboxMerch.Status.ACTIVE
    ).select_related("creator")
    cards = []
    for merch in items:
        item = catalog.catalog_product(merch.product_id)
        if item is None:
            continue
        offer = Offer(merch, item)
        first = offer.first_variant()
        cards.append(
            {
                "merch": merch,
                "product": offer.item,
                "sel": {"hex": first.colour.hex, "mockup": offer.item.mockup},
                "placed": mockups.placed_box(
                    offer.item.mockup, mockups.placement(merch.konva_metadata)
                ),
                "colours": offer.product.colours,
            }
        )
    creator = SandboxCreator.objects.filter(pk=session.creator_id).first()
    context = {"session": session, "cards": cards, "creator": creator}
    return render(request, "printora_sandbox/storefront.html", context)


@require_POST
def checkout(request: HttpRequest, token: str) -> HttpResponse:
    session = services.open_session(get_object_or_404(SandboxSession, token=token))
    if session.status != SandboxSession.Status.ACTIVE:
        return _closed_page(request, session)
    offer = offer_for(session, request.POST.get("merch"))
    if session.mode != "image" and offer is None:
        return _gone(request, session)
    form = CheckoutForm(request.POST, offer=offer)
    if not form.is_valid():
        return render(request, "printora_sandbox/editor.html", _context(session, form), status=400)
    data = form.cleaned_data
    variant = data.get("variant")
    try:
        order = services.checkout(
            session=session,
            product=data["product"],
            colour=data["colour"],
            size=data["size"],
            quantity=data["quantity"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            phone=data["phone"],
            address={
                "street": data["street"],
                "apartment": data["apartment"] or None,
                "city": data["city"],
                "state": data["state"] or None,
                "zipCode": data["zip_code"],
                "country": data["country"],
            },
            merch=offer.merch if offer else None,
            variant_id=variant.id if variant else "",
        )
    except services.SoldOut as sold_out:
        form.add_error(None, sold_out.message)
        if offer:  # only a merch item sells out
            offer.merch.refresh_from_db()
        return render(request, "printora_sandbox/editor.html", _context(session, form), status=409)
    except services.SessionClosed:
        session.refresh_from_db()
        return _closed_page(request, session)
    target = with_query(session.success_url, sessionId=str(session.id), orderId=str(order.id))
    return HttpResponseRedirect(target, status=303)


@require_POST
def cancel(request: HttpRequest, token: str) -> HttpResponse:
    session = get_object_or_404(SandboxSession, token=token)
    services.cancel_session(session)
    return HttpResponseRedirect(
        with_query(session.failed_url, sessionId=str(session.id)), status=303
    )


def mockup_for(product: catalog.Product, size: str) -> str:
    """Which product mockup the editor draws: Home Decor's sizes are different objects."""
    if product.slug != "home-decor":
        item = catalog.by_slug(product.slug)
        return item.mockup if item else product.slug
    lowered = size.lower()
    return next((key for key in ("canvas", "tote") if key in lowered), "pillow")


def _selection(form: CheckoutForm) -> dict[str, Any]:
    """What the shopper has chosen so far (initial or posted, valid or not), for display.

    ``colour_in`` / ``size_in`` name the product whose option shows the choice as
    checked: the chosen product when it offers it, else the first product that does,
    so a rejected combination is still shown as the shopper picked it.
    """
    slug = str(form["product"].value() or "")
    product = next((p for p in form.products if p.slug == slug), form.products[0])
    colour = str(form["colour"].value() or "")
    size = str(form["size"].value() or "")
    try:
        quantity = min(max(int(form["quantity"].value()), 1), 100)
    except (TypeError, ValueError):
        quantity = 1

    def shown_in(offers: Callable[[catalog.Product], bool]) -> str:
        if offers(product):
            return product.slug
        return next((p.slug for p in form.products if offers(p)), "")

    subtotal = product.price * quantity
    return {
        "product": product,
        "colour": colour,
        "colour_in": shown_in(lambda p: p.colour(colour) is not None),
        "hex": next(
            (c.hex for p in (product, *form.products) if (c := p.colour(colour))),
            product.colours[0].hex,
        ),
        "size": size,
        "size_in": shown_in(lambda p: size in p.sizes),
        "mockup": mockup_for(product, size),
        "quantity": quantity,
        "subtotal": subtotal,
        "total": subtotal + catalog.SHIPPING,
    }


def _context(session: SandboxSession, form: CheckoutForm) -> dict[str, Any]:
    offer = form.offer
    selection = _selection(form)
    return {
        "session": session,
        "form": form,
        "merch": offer.merch if offer else None,
        "art_url": offer.merch.design_image_url if offer else session.image_url,
        "products": form.products,
        "shipping": catalog.SHIPPING,
        "currency": catalog.CURRENCY,
        # Each product with the mockup each of its sizes is drawn on.
        "choices": [
            {"product": p, "sizes": [(size, mockup_for(p, size)) for size in p.sizes]}
            for p in form.products
        ],
        "selection": selection,
        # Merch: the design where its creator placed it (None: fill the print area).
        "placed": mockups.placed_box(
            selection["mockup"], mockups.placement(offer.merch.konva_metadata) if offer else None
        ),
        "link_expired": session.redirect_expires_at <= timezone.now(),
    }
