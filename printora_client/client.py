"""HTTP client for the Printora Partner API.

One ``requests.Session`` (connection pooling), explicit connect/read timeouts,
bounded retries that reuse the same ``Idempotency-Key``, and errors that say
what to fix. The API key lives in one attribute and is put into headers in one
method; it is never logged, repr'd or echoed in an error.

A client can be shared by the threads of one process. ``rate_limit`` is simply
the last value any of them saw.
"""

from __future__ import annotations

import json
import logging
import random
import time
from collections.abc import Callable, Iterator, Mapping
from typing import Any, TypeVar
from urllib.parse import quote
from uuid import UUID

import requests
from pydantic import BaseModel, ValidationError

from printora_client._arguments import (
    clean_api_key,
    clean_base_url,
    details_from_validation,
    masked_api_key,
    new_idempotency_key,
    require_idempotency_key,
    require_int,
    require_text,
)
from printora_client._version import __version__
from printora_client.errors import (
    APIConnectionError,
    APITimeoutError,
    InvalidRequestError,
    PrintoraError,
    UnexpectedResponseError,
    error_from_response,
)
from printora_client.models import (
    CreateSessionRequest,
    OrderPage,
    PartnerOrder,
    PartnerSession,
    WebhookLogPage,
)
from printora_client.rate_limit import RateLimit, header, parse_rate_limit

logger = logging.getLogger("printora_client")

RETRYABLE_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
DEFAULT_USER_AGENT = f"dreamcanvas-printora-client/{__version__} (+python-requests)"
MAX_PAGE_SIZE = 100

# Worth another attempt; anything else (bad URL, invalid header...) is a configuration bug.
_TRANSIENT_EXCEPTIONS = (
    requests.ConnectionError,
    requests.Timeout,
    requests.exceptions.ChunkedEncodingError,
)
_Model = TypeVar("_Model", bound=BaseModel)


class PrintoraClient:
    """Synchronous client for ``https://api.printora.ai`` (or the sandbox standing in for it)."""

    def __init__(
        self,
        api_key: str,
        base_url: str,
        *,
        timeout: float | tuple[float, float] = (3.05, 10.0),
        max_retries: int = 2,
        max_retry_wait: float = 10.0,
        backoff_base: float = 0.5,
        backoff_max: float = 8.0,
        session: requests.Session | None = None,
        sleep: Callable[[float], object] = time.sleep,
        clock: Callable[[], float] = time.time,
        user_agent: str | None = None,
    ) -> None:
        if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:
            raise ValueError("max_retries must be a whole number >= 0")
        if min(max_retry_wait, backoff_base, backoff_max) < 0:
            raise ValueError("max_retry_wait, backoff_base and backoff_max must be >= 0")
        self._api_key = clean_api_key(api_key)
        self._base_url = clean_base_url(base_url)
        self._timeout = timeout
        self._max_retries = max_retries
        self._max_retry_wait = float(max_retry_wait)
        self._backoff_base = float(backoff_base)
        self._backoff_max = float(backoff_max)
        self._owns_session = session is None
        self._session = session if session is not None else requests.Session()
        self._sleep = sleep
        self._clock = clock
        self._user_agent = user_agent or DEFAULT_USER_AGENT
        self._rate_limit: RateLimit | None = None

    def __repr__(self) -> str:
        masked = masked_api_key(self._api_key)
        return f"PrintoraClient(base_url={self._base_url!r}, api_key={masked!r})"

    __str__ = __repr__

    @property
    def base_url(self) -> str:
        return self._base_url

    @property
    def rate_limit(self) -> RateLimit | None:
        """Rate-limit headers of the last response that had them; None before that."""
        return self._rate_limit

    def close(self) -> None:
        """Close the connection pool, if this client created it."""
        if self._owns_session:
            self._session.close()

    def __enter__(self) -> PrintoraClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- Partner sessions -------------------------------------------------------------

    def create_session(
        self,
        *,
        image_url: str | None = None,
        creator_id: str | UUID | None = None,
        merch_id: str | UUID | None = None,
        variant_id: str | UUID | None = None,
        quantity: int | None = None,
        user_email: str | None = None,
        user_name: str | None = None,
        success_url: str,
        failed_url: str,
        idempotency_key: str | None = None,
    ) -> PartnerSession:
        """Create a partner session; the key sent is on the result as ``idempotency_key``.

        Pass ``idempotency_key`` (stored before calling) so that a later retry of
        the same logical request, even from another process, reuses it.
        Arguments are validated before any HTTP: ``InvalidRequestError`` with
        ``status=None`` and per-field ``details``.
        """
        user_data = None
        if user_email is not None or user_name is not None:
            user_data = {"email": user_email, "name": user_name}
        try:
            request = CreateSessionRequest(
                image_url=image_url,
                creator_id=creator_id,
                merch_id=merch_id,
                variant_id=variant_id,
                quantity=quantity,
                user_data=user_data,
                success_url=success_url,
                failed_url=failed_url,
            )
        except ValidationError as exc:
            raise InvalidRequestError(
                "create_session arguments are invalid", details=details_from_validation(exc)
            ) from None
        if idempotency_key is None:
            idempotency_key = new_idempotency_key()
        else:
            idempotency_key = require_idempotency_key(idempotency_key)
        response = self._request(
            "POST",
            "/api/v1/partner-session",
            body=request.to_payload(),
            idempotency_key=idempotency_key,
        )
        session = self._parse(response, PartnerSession, idempotency_key)
        if not session.redirect_url:
            raise UnexpectedResponseError(
                "the created session has no redirectUrl",
                status=response.status_code,
                request_id=header(response.headers, "X-Request-Id"),
                idempotency_key=idempotency_key,
            )
        session._idempotency_key = idempotency_key
        return session

    def get_session(self, session_id: str) -> PartnerSession:
        """Read a session back (with its order, once there is one)."""
        session_id = require_text("session_id", session_id)
        response = self._request("GET", f"/api/v1/partner-session/{quote(session_id, safe='')}")
        return self._parse(response, PartnerSession)

    def get_session_by_token(self, token: str) -> PartnerSession:
        """Read a session by its editor token (the last segment of the redirect URL)."""
        token = require_text("token", token)
        response = self._request(
            "GET",
            f"/api/v1/partner-session/by-token/{quote(token, safe='')}",
            # The token opens the shopper's editor session: keep it out of logs.
            log_path="/api/v1/partner-session/by-token/<token>",
        )
        return self._parse(response, PartnerSession)

    # --- Orders -----------------------------------------------------------------------

    def list_orders(
        self, *, limit: int = 20, offset: int = 0, status: str | None = None
    ) -> OrderPage:
        """One page of this partner's orders."""
        params: dict[str, Any] = {
            "limit": require_int("limit", limit, 1, MAX_PAGE_SIZE),
            "offset": require_int("offset", offset, 0),
        }
        if status:
            params["status"] = status
        response = self._request("GET", "/api/v1/partners/orders", params=params)
        return self._parse(response, OrderPage)

    def iter_orders(
        self, *, status: str | None = None, page_size: int = MAX_PAGE_SIZE
    ) -> Iterator[PartnerOrder]:
        """Every order, page by page, until an empty page or ``total`` is reached."""
        page_size = require_int("page_size", page_size, 1, MAX_PAGE_SIZE)

        def pages() -> Iterator[PartnerOrder]:
            offset = 0
            while True:
                page = self.list_orders(limit=page_size, offset=offset, status=status)
                if not page.orders:
                    return
                yield from page.orders
                # Advance by what came back: the server may cap the page size.
                offset += len(page.orders)
                if page.total is not None and offset >= page.total:
                    return

        return pages()

    # --- Webhook management -----------------------------------------------------------

    def list_webhook_logs(
        self,
        *,
        limit: int = 20,
        offset: int = 0,
        status: str | None = None,
        event_type: str | None = None,
    ) -> WebhookLogPage:
        """Printora's log of webhook deliveries to this partner."""
        params: dict[str, Any] = {
            "limit": require_int("limit", limit, 1, MAX_PAGE_SIZE),
            "offset": require_int("offset", offset, 0),
        }
        if status:
            params["status"] = status
        if event_type:
            params["event_type"] = event_type
        response = self._request("GET", "/api/v1/partners/webhook-logs", params=params)
        return self._parse(response, WebhookLogPage)

    def retry_webhook_log(self, log_id: str) -> dict[str, Any]:
        """Ask Printora to deliver a logged webhook again; returns the (unwrapped) JSON reply."""
        log_id = require_text("log_id", str(log_id))
        key = new_idempotency_key()
        response = self._request(
            "POST",
            f"/api/v1/partners/webhook-logs/{quote(log_id, safe='')}/retry",
            idempotency_key=key,
        )
        return self._json_object(response, key)

    def resend_webhook(
        self, *, event_type: str, order_id: str | None = None, session_id: str | None = None
    ) -> dict[str, Any]:
        """Ask Printora to send an event again for one order or one session."""
        event_type = require_text("event_type", event_type)
        if (order_id is None) == (session_id is None):
            raise InvalidRequestError(
                "give exactly one of order_id or session_id",
                details=[{"field": None, "message": "exactly one of order_id or session_id"}],
            )
        body: dict[str, Any] = {"eventType": event_type}
        if order_id is not None:
            body["orderId"] = require_text("order_id", order_id)
        else:
            body["sessionId"] = require_text("session_id", session_id)
        key = new_idempotency_key()
        response = self._request(
            "POST", "/api/v1/partners/webhooks/resend", body=body, idempotency_key=key
        )
        return self._json_object(response, key)

    # --- HTTP machinery ---------------------------------------------------------------

    def _headers(self, *, idempotency_key: str | None, has_body: bool) -> dict[str, str]:
        # The only place the key is read: keep it that way.
        headers = {
            "Authorization": f"Bearer {self._api_key}",
            "Accept": "application/json",
            "User-Agent": self._user_agent,
        }
        if has_body:
            headers["Content-Type"] = "application/json"
        if idempotency_key is not None:
            headers["Idempotency-Key"] = idempotency_key
        return headers

    def _request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        body: Mapping[str, Any] | None = None,
        idempotency_key: str | None = None,
        log_path: str | None = None,
    ) -> requests.Response:
        """Send with retries; return a 2xx response or raise a ``PrintoraError``."""
        data = None if body is None else json.dumps(body, separators=(",", ":")).encode()
        headers = self._headers(idempotency_key=idempotency_key, has_body=data is not None)
        shown_path = log_path or path
        retries_done = 0
        while True:
            outcome = self._attempt(
                method, path, shown_path, params, data, headers, retries_done + 1, idempotency_key
            )
            if isinstance(outcome, requests.Response):
                return outcome
            error = outcome
            if retries_done >= self._max_retries:
                raise error
            wait = self._wait_before_retry(error, retries_done)
            if wait is None:
                # The server wants a longer pause than a web request can afford.
                raise error
            logger.warning(
                "Printora %s %s will be retried in %.2f s after %s (retry %d of %d, "
                "idempotency key %s)",
                method,
                shown_path,
                wait,
                error.status or type(error).__name__,
                retries_done + 1,
                self._max_retries,
                idempotency_key or "-",
            )
            self._sleep(wait)
            retries_done += 1

    def _attempt(
        self,
        method: str,
        path: str,
        shown_path: str,
        params: Mapping[str, Any] | None,
        data: bytes | None,
        headers: dict[str, str],
        attempt: int,
        idempotency_key: str | None,
    ) -> requests.Response | PrintoraError:
        """One HTTP exchange: the 2xx response, or a retryable error; raises the others."""
        started = time.perf_counter()
        try:
            response = self._session.request(
                method,
                self._base_url + path,
                params=params,
                data=data,
                headers=headers,
                timeout=self._timeout,
                # A redirect would turn a POST into a GET; report it instead.
                allow_redirects=False,
            )
        except requests.RequestException as exc:
            elapsed_ms = (time.perf_counter() - started) * 1000
            logger.info(
                "Printora %s %s failed with %s after %.0f ms (attempt %d, idempotency key %s)",
                method,
                shown_path,
                type(exc).__name__,
                elapsed_ms,
                attempt,
                idempotency_key or "-",
            )
            error_class = (
                APITimeoutError if isinstance(exc, requests.Timeout) else APIConnectionError
            )
            error = error_class(
                f"{type(exc).__name__} on {method} {shown_path}",
                base_url=self._base_url,
                idempotency_key=idempotency_key,
            )
            error.__cause__ = exc
            if isinstance(exc, _TRANSIENT_EXCEPTIONS):
                return error
            raise error from exc

        elapsed_ms = (time.perf_counter() - started) * 1000
        logger.info(
            "Printora %s %s -> %s in %.0f ms (attempt %d, idempotency key %s)",
            method,
            shown_path,
            response.status_code,
            elapsed_ms,
            attempt,
            idempotency_key or "-",
        )
        now = self._clock()
        self._rate_limit = parse_rate_limit(response.headers, now) or self._rate_limit
        if 200 <= response.status_code <= 299:
            return response
        error = error_from_response(
            response.status_code,
            response.content,
            response.headers,
            reason=response.reason,
            redact=(self._api_key,),
            now=now,
            idempotency_key=idempotency_key,
        )
        if response.status_code in RETRYABLE_STATUSES:
            return error
        raise error

    def _wait_before_retry(self, error: PrintoraError, retries_done: int) -> float | None:
        """Seconds to sleep before the next attempt; None to give up at once."""
        if error.retry_after is not None:
            return error.retry_after if error.retry_after <= self._max_retry_wait else None
        ceiling = min(self._backoff_max, self._backoff_base * 2**retries_done)
        # Full jitter spreads out clients that failed together; not security-relevant.
        return min(random.uniform(0, ceiling), self._max_retry_wait)  # noqa: S311

    def _json_payload(self, response: requests.Response, idempotency_key: str | None) -> Any:
        def unexpected(message: str) -> UnexpectedResponseError:
            return UnexpectedResponseError(
                message,
                status=response.status_code,
                request_id=header(response.headers, "X-Request-Id"),
                rate_limit=self._rate_limit,
                idempotency_key=idempotency_key,
            )

        if not response.content.strip():
            raise unexpected("the response body is empty")
        try:
            payload = json.loads(response.content)
        except ValueError:
            raise unexpected("the response body is not JSON") from None
        if isinstance(payload, dict) and payload.get("success") is False:
            raise error_from_response(
                response.status_code,
                response.content,
                response.headers,
                redact=(self._api_key,),
                now=self._clock(),
                idempotency_key=idempotency_key,
            )
        return payload

    def _parse(
        self,
        response: requests.Response,
        model: type[_Model],
        idempotency_key: str | None = None,
    ) -> _Model:
        payload = self._json_payload(response, idempotency_key)
        try:
            return model.model_validate(payload)
        except ValidationError as exc:
            raise UnexpectedResponseError(
                f"the response is not a valid {model.__name__}",
                status=response.status_code,
                details=details_from_validation(exc),
                request_id=header(response.headers, "X-Request-Id"),
                rate_limit=self._rate_limit,
                idempotency_key=idempotency_key,
            ) from None

    def _json_object(self, response: requests.Response, idempotency_key: str) -> dict[str, Any]:
        if not response.content.strip():
            return {}
        payload = self._json_payload(response, idempotency_key)
        if isinstance(payload, dict) and payload.get("success") is True:
            payload = payload.get("data", {})
        return payload if isinstance(payload, dict) else {"data": payload}
