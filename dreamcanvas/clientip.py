"""The client's address, as rate limits and sign-in throttling count it.

Behind a reverse proxy ``REMOTE_ADDR`` is the proxy, so every shopper would share one
budget. ``settings.TRUSTED_PROXIES`` lists the proxies in front of the site: when the
request comes from one of them, the client is the right-most ``X-Forwarded-For``
entry that is not itself a trusted proxy (each proxy appends the address it saw, so
entries to the left of that one were written by the client and prove nothing). From
anyone else, forwarding headers change nothing.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(p, strict=False) for p in proxies)


def _is_trusted(address: str, networks: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return any(ip in network for network in networks)


def client_ip(request: HttpRequest) -> str:
    remote = request.META.get("REMOTE_ADDR", "") or ""
    networks = _networks(tuple(settings.TRUSTED_PROXIES))
    if not networks or not _is_trusted(remote, networks):
        return remote
    # Several X-Forwarded-For headers arrive joined with commas, in order.
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [hop for hop in hops if hop]
    for hop in reversed(hops):
        if not _is_trusted(hop, networks):
            # Written by a trusted proxy; bounded, since it becomes a counter key.
            return hop[:100]
    # Every hop is one of our proxies: the left-most is the closest we know.
    return hops[0][:100] if hops else remote
