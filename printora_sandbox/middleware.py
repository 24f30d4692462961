from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from printora_sandbox import dispatcher


def start_webhook_dispatcher(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Make sure this process sends pending sandbox webhooks, also after a restart.

    Installed only in sandbox mode. After the first request it costs a pid check.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        dispatcher.ensure_running()
        return get_response(request)

    return middleware
