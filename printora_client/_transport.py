"""The HTTP machinery every resource shares: one place for headers, retries, logs and parsing.

One ``requests.Session`` (connection pooling), explicit connect/read timeouts,
bounded retries that reuse the same ``Idempotency-Key``, and errors that say
what to fix. The API key lives in one attribute and is put into headers in one
method; it is never logged, repr'd or echoed in an error.

Which methods are retried: GET, PUT and DELETE are idempotent (RFC 9110), so a
repeat after a lost answer leaves the same state; a POST is retried only
because it always carries an ``Idempotency-Key``, chosen once before the first
attempt, that lets Printora recognise the repeat.
"""

from __future__ import annotations

import json
import logging
import random
import time
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import requests
from pydantic import BaseModel, ValidationError

from printora_client._arguments import details_from_validation, masked_api_key
from printora_client.errors import (
    APIConnectionError,
    APITimeoutError,
    PrintoraError,
    UnexpectedResponseError,
    error_from_response,
)
from printora_client.rate_limit import RateLimit, header, parse_rate_limit

logger = logging.getLogger("printora_client")

RETRYABLE_STATUSES = frozenset({408, 429, 500, 502, 503, 504})

# Worth another attempt; anything else (bad URL, invalid header...) is a configuration bug.
_TRANSIENT_EXCEPTIONS = (
    requests.ConnectionError,
    requests.Timeout,
    requests.exceptions.ChunkedEncodingError,
)
_Model = TypeVar("_Model", bound=BaseModel)


class Transport:
    """Sends requests to Printora for the client and every resource of it."""

    def __init__(
        self,
        *,
        api_key: str,
        base_url: str,
        timeout: float | tuple[float, float],
        max_retries: int,
        max_retry_wait: float,
        backoff_base: float,
        backoff_max: float,
        session: requests.Session | None,
        sleep: Callable[[float], object],
        clock: Callable[[], float],
        user_agent: str,
    ) -> None:
        self._api_key = api_key
        self.base_url = base_url
        self._timeout = timeout
        self._max_retries = max_retries
        self._max_retry_wait = float(max_retry_wait)
        self._backoff_base = float(backoff_base)
        self._backoff_max = float(backoff_max)
        self._owns_session = session is None
        self._session = session if session is not None else requests.Session()
        self._sleep = sleep
        self._clock = clock
        self._user_agent = user_agent
        self.rate_limit: RateLimit | None = None

    @property
    def masked_api_key(self) -> str:
        """The key's prefix only (``pk_test_…``): all of it that may be shown."""
        return masked_api_key(self._api_key)

    def __repr__(self) -> str:
        return f"Transport(base_url={self.base_url!r}, api_key={self.masked_api_key!r})"

    def close(self) -> None:
        if self._owns_session:
            self._session.close()

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

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        body: Mapping[str, Any] | None = None,
        idempotency_key: str | None = None,
        log_path: str | None = None,
        gone_is_done: bool = False,
    ) -> requests.Response:
        """Send with retries; return a 2xx response or raise a ``PrintoraError``.

        ``gone_is_done`` (DELETE): a 404 on a *retry* means the attempt whose
        answer was lost did delete the resource, so the 404 response is returned
        as success. A 404 on the first attempt is still a ``NotFoundError``.
        """
        data = None if body is None else json.dumps(body, separators=(",", ":")).encode()
        # Built once: every retry sends the very same Idempotency-Key.
        headers = self._headers(idempotency_key=idempotency_key, has_body=data is not None)
        shown_path = log_path or path
        retries_done = 0
        while True:
            outcome = self._attempt(
                method, path, shown_path, params, data, headers, retries_done + 1, idempotency_key
            )
            if isinstance(outcome, requests.Response):
                if outcome.status_code == 404 and not (gone_is_done and retries_done > 0):
                    raise self._error(outcome, idempotency_key)
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
        """One HTTP exchange: a 2xx or 404 response, or a retryable error; raises the others."""
        started = time.perf_counter()
        try:
            response = self._session.request(
                method,
                self.base_url + path,
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
            connection_error = error_class(
                f"{type(exc).__name__} on {method} {shown_path}",
                base_url=self.base_url,
                idempotency_key=idempotency_key,
            )
            connection_error.__cause__ = exc
            if isinstance(exc, _TRANSIENT_EXCEPTIONS):
                return connection_error
            raise connection_error from exc

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
        self.rate_limit = parse_rate_limit(response.headers, self._clock()) or self.rate_limit
        if 200 <= response.status_code <= 299 or response.status_code == 404:
            return response
        error = self._error(response, idempotency_key)
        if response.status_code in RETRYABLE_STATUSES:
            return error
        raise error

    def _error(self, response: requests.Response, idempotency_key: str | None) -> PrintoraError:
        return error_from_response(
            response.status_code,
            response.content,
            response.headers,
            reason=response.reason,
            redact=(self._api_key,),
            now=self._clock(),
            idempotency_key=idempotency_key,
        )

    def _wait_before_retry(self, error: PrintoraError, retries_done: int) -> float | None:
        """Seconds to sleep before the next attempt; None to give up at once."""
        if error.retry_after is not None:
            return error.retry_after if error.retry_after <= self._max_retry_wait else None
        ceiling = min(self._backoff_max, self._backoff_base * 2**retries_done)
        # Full jitter spreads out clients that failed together; not security-relevant.
        return min(random.uniform(0, ceiling), self._max_retry_wait)  # noqa: S311

    # --- Reading replies ----------------------------------------------------------------

    def unexpected(
        self, response: requests.Response, message: str, idempotency_key: str | None, **extra: Any
    ) -> UnexpectedResponseError:
        return UnexpectedResponseError(
            message,
            status=response.status_code,
            request_id=header(response.headers, "X-Request-Id"),
            rate_limit=self.rate_limit,
            idempotency_key=idempotency_key,
            **extra,
        )

    def json_payload(self, response: requests.Response, idempotency_key: str | None) -> Any:
        """The decoded JSON of a 2xx reply; ``{"success": false}`` is raised as the error it is."""
        if not response.content.strip():
            raise self.unexpected(response, "the response body is empty", idempotency_key)
        try:
            payload = json.loads(response.content)
        except ValueError:
            raise self.unexpected(
                response, "the response body is not JSON", idempotency_key
            ) from None
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

    def parse(
        self,
        response: requests.Response,
        model: type[_Model],
        idempotency_key: str | None = None,
    ) -> _Model:
        payload = self.json_payload(response, idempotency_key)
        try:
            return model.model_validate(payload)
        except ValidationError as exc:
            raise self.unexpected(
                response,
                f"the response is not a valid {model.__name__}",
                idempotency_key,
                details=details_from_validation(exc),
            ) from None

    def json_object(
        self, response: requests.Response, idempotency_key: str | None
    ) -> dict[str, Any]:
        """A reply with no model of its own, unwrapped; an empty body is ``{}``."""
        if not response.content.strip():
            return {}
        payload = self.json_payload(response, idempotency_key)
        if isinstance(payload, dict) and payload.get("success") is True:
            payload = payload.get("data", {})
        return payload if isinstance(payload, dict) else {"data": payload}
