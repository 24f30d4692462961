"""A shopper's checkout in the sandbox over plain HTTP, shared by the browser tests."""

from __future__ import annotations

import re
import time

import requests

from dreamcanvas.printora import get_client
from orders.models import Order


def pay_in_the_sandbox(base_url: str, email: str = "maya@example.com") -> str:
    """A shopper's whole checkout over HTTP: create a session, open the editor, pay.
    Returns the session id; the sandbox then sends order.created and order.paid."""
    session = get_client().create_session(
        image_url="https://cdn.example.com/art/nebula.jpg",
        user_email=email,
        user_name="Maya Chen",
        success_url=f"{base_url}/callback/success/",
        failed_url=f"{base_url}/callback/failed/",
    )
    assert session.redirect_url
    with requests.Session() as browser:
        editor = browser.get(session.redirect_url, timeout=10)
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', editor.text)
        assert found, "the editor page has no CSRF token"
        token = found.group(1)
        reply = browser.post(
            session.redirect_url + "/checkout",
            data={
                "csrfmiddlewaretoken": token,
                "product": "mug",
                "colour": "Black",
                "size": "15 oz",
                "quantity": "2",
                "first_name": "Maya",
                "last_name": "Chen",
                "email": email,
                "street": "1 Main St",
                "city": "Springfield",
                "zip_code": "12345",
                "country": "United States",
            },
            headers={"Referer": session.redirect_url},
            allow_redirects=False,
            timeout=10,
        )
    assert reply.status_code == 303, reply.text[:500]
    return session.session_id


def wait_for_order(session_id: str, status: str, timeout: float = 15.0) -> Order:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        order = Order.objects.filter(session_id=session_id).first()
        if order and order.status == status:
            return order
        time.sleep(0.1)
    raise AssertionError(f"no {status} order for session {session_id}")
