"""The shopper's side: Printora's editor and checkout, played by the sandbox."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django import forms
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from printora_sandbox import catalog, services
from printora_sandbox.models import SandboxSession

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

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, token in AUTOCOMPLETE.items():
            self.fields[name].widget.attrs["autocomplete"] = token
        self.fields["phone"].widget.input_type = "tel"

    def clean(self) -> dict:
        data = super().clean()
        product = catalog.product(data.get("product", ""))
        if product is None:
            return data
        if data.get("colour") and product.colour(data["colour"]) is None:
            self.add_error("colour", f"{product.name} does not come in {data['colour']}.")
        if data.get("size") and data["size"] not in product.sizes:
            self.add_error("size", f"{product.name} does not come in size {data['size']}.")
        data["product"] = product
        return data


def with_query(url: str, **params: str) -> str:
    """``url`` with ``params`` added to its query string (existing ones kept)."""
    parts = urlsplit(url)
    query = [*parse_qsl(parts.query, keep_blank_values=True), *params.items()]
    return urlunsplit(parts._replace(query=urlencode(query)))


def initial_for(session: SandboxSession) -> dict[str, str]:
    first, _, last = session.user_name.partition(" ")
    return {
        "product": catalog.PRODUCTS[0].slug,
        "colour": catalog.PRODUCTS[0].colours[0].name,
        "size": catalog.PRODUCTS[0].sizes[2],
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
    form = CheckoutForm(initial=initial_for(session))
    return render(request, "printora_sandbox/editor.html", _context(session, form))


@require_POST
def checkout(request: HttpRequest, token: str) -> HttpResponse:
    session = services.open_session(get_object_or_404(SandboxSession, token=token))
    if session.status != SandboxSession.Status.ACTIVE:
        return _closed_page(request, session)
    form = CheckoutForm(request.POST)
    if not form.is_valid():
        return render(request, "printora_sandbox/editor.html", _context(session, form), status=400)
    data = form.cleaned_data
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
        )
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
        return product.slug
    lowered = size.lower()
    return next((key for key in ("canvas", "tote") if key in lowered), "pillow")


def _selection(form: CheckoutForm) -> dict:
    """What the shopper has chosen so far (initial or posted, valid or not), for display.

    ``colour_in`` / ``size_in`` name the product whose option shows the choice as
    checked: the chosen product when it offers it, else the first product that does,
    so a rejected combination is still shown as the shopper picked it.
    """
    product = catalog.product(str(form["product"].value() or "")) or catalog.PRODUCTS[0]
    colour = str(form["colour"].value() or "")
    size = str(form["size"].value() or "")
    try:
        quantity = min(max(int(form["quantity"].value()), 1), 100)
    except (TypeError, ValueError):
        quantity = 1

    def shown_in(offers) -> str:
        if offers(product):
            return product.slug
        return next((p.slug for p in catalog.PRODUCTS if offers(p)), "")

    subtotal = product.price * quantity
    return {
        "product": product,
        "colour": colour,
        "colour_in": shown_in(lambda p: p.colour(colour) is not None),
        "hex": next(
            (c.hex for p in (product, *catalog.PRODUCTS) if (c := p.colour(colour))),
            product.colours[0].hex,
        ),
        "size": size,
        "size_in": shown_in(lambda p: size in p.sizes),
        "mockup": mockup_for(product, size),
        "quantity": quantity,
        "subtotal": subtotal,
        "total": subtotal + catalog.SHIPPING,
    }


def _context(session: SandboxSession, form: CheckoutForm) -> dict:
    return {
        "session": session,
        "form": form,
        "products": catalog.PRODUCTS,
        "shipping": catalog.SHIPPING,
        "currency": catalog.CURRENCY,
        # Each product with the mockup each of its sizes is drawn on.
        "choices": [
            {"product": p, "sizes": [(size, mockup_for(p, size)) for size in p.sizes]}
            for p in catalog.PRODUCTS
        ],
        "selection": _selection(form),
        "link_expired": session.redirect_expires_at <= timezone.now(),
    }
