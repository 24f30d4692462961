"""/dashboard/orders/<id>/: one order, its timeline, and what other apps know of it."""

from __future__ import annotations

from collections.abc import Mapping

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from orders import pages, selectors
from orders.decorators import dashboard_access
from orders.models import Order


@dashboard_access
@require_safe
def order(request: HttpRequest, order_id: str) -> HttpResponse:
    if "\x00" in order_id:  # PostgreSQL refuses NUL in text: no such order
        raise Http404("No such order.")
    found = get_object_or_404(Order, printora_order_id=order_id)
    context = pages.context(
        request,
        "orders",
        order=found,
        detail=selectors.order_detail(found),
        address=address_lines(found.shipping_address),
    )
    return render(request, "orders/order_detail.html", context)


def address_lines(address: object) -> list[str]:
    """A shipping address (Printora's camelCase or snake_case) as lines of a label."""
    if not isinstance(address, Mapping):
        return []

    def part(*keys: str) -> str:
        for key in keys:
            value = address.get(key)
            if value not in (None, ""):
                return str(value)
        return ""

    name = " ".join(
        p for p in (part("firstName", "first_name"), part("lastName", "last_name")) if p
    )
    street = ", ".join(p for p in (part("street"), part("apartment")) if p)
    region = " ".join(p for p in (part("state"), part("zipCode", "zip_code")) if p)
    city = ", ".join(p for p in (part("city"), region) if p)
    return [line for line in (name, street, city, part("country")) if line]
