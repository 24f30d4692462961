"""Webhook signatures: HMAC-SHA256 over the raw bytes, tolerant of spelling, never raising."""

from __future__ import annotations

import hashlib
import hmac
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from printora_client import sign, verify
from tests.printora_client.support import WEBHOOK_FIXTURES

SECRET = "whsec_test_0123456789abcdef"
BODY = (WEBHOOK_FIXTURES / "order.paid.json").read_bytes()


def test_sign_is_the_prefixed_lowercase_hex_hmac_of_the_raw_body() -> None:
    expected = hmac.new(SECRET.encode(), BODY, hashlib.sha256).hexdigest()

    assert sign(BODY, SECRET) == f"sha256={expected}"


def test_a_signed_body_verifies() -> None:
    assert verify(BODY, sign(BODY, SECRET), SECRET) is True


def test_the_prefix_is_optional_and_case_insensitive() -> None:
    digest = sign(BODY, SECRET).removeprefix("sha256=")

    assert verify(BODY, digest, SECRET)
    assert verify(BODY, f"SHA256={digest}", SECRET)


def test_uppercase_hex_and_surrounding_whitespace_are_accepted() -> None:
    assert verify(
        BODY, "  " + sign(BODY, SECRET).upper().replace("SHA256=", "sha256=") + "\n", SECRET
    )


def test_the_comparison_is_constant_time(monkeypatch: pytest.MonkeyPatch) -> None:
    compared: list[tuple[str, str]] = []
    real_compare = hmac.compare_digest

    def spy(a: str, b: str) -> bool:
        compared.append((a, b))
        return real_compare(a, b)

    monkeypatch.setattr(hmac, "compare_digest", spy)

    assert verify(BODY, sign(BODY, SECRET).upper(), SECRET)
    assert compared == [(sign(BODY, SECRET).removeprefix("sha256="),) * 2]


def test_a_signature_made_with_another_secret_is_rejected() -> None:
    assert verify(BODY, sign(BODY, "whsec_other"), SECRET) is False


def test_a_re_serialised_body_no_longer_verifies() -> None:
    header = sign(BODY, SECRET)
    reserialised = json.dumps(json.loads(BODY)).encode()

    assert reserialised != BODY
    assert verify(reserialised, header, SECRET) is False


def test_a_tampered_body_is_rejected() -> None:
    header = sign(BODY, SECRET)

    assert verify(BODY.replace(b"20.11", b"0.01"), header, SECRET) is False


@pytest.mark.parametrize(
    "header",
    [
        None,
        "",
        "   ",
        "sha256=",
        "garbage",
        "sha256=" + "g" * 64,
        "sha256=" + "a" * 63,
        "sha256=" + "a" * 65,
        "sha256=" + "\uff41" * 64,
        "sha256=" + "\u0661" * 64,
        "sha256=é" + "a" * 63,
        "sha1=" + "a" * 40,
        "sha256=sha256=" + "a" * 64,
        b"\xff\xfe",
        12345,
    ],
    ids=[
        "none",
        "empty",
        "blank",
        "prefix only",
        "garbage",
        "non-hex",
        "too short",
        "too long",
        "fullwidth letters",
        "arabic digits",
        "non-ascii",
        "other algorithm",
        "double prefix",
        "undecodable bytes",
        "not a string",
    ],
)
def test_a_malformed_header_is_rejected_without_raising(header: object) -> None:
    assert verify(BODY, header, SECRET) is False  # type: ignore[arg-type]


def test_during_rotation_either_comma_separated_secret_is_accepted() -> None:
    old_new = "whsec_old, whsec_new"

    assert verify(BODY, sign(BODY, "whsec_old"), old_new)
    assert verify(BODY, sign(BODY, "whsec_new"), old_new)
    assert not verify(BODY, sign(BODY, "whsec_other"), old_new)


def test_secrets_may_be_given_as_an_iterable() -> None:
    assert verify(BODY, sign(BODY, "whsec_b"), ["whsec_a", "whsec_b"])
    assert verify(BODY, sign(BODY, "whsec_b"), (s for s in ["whsec_a", "whsec_b"]))


@pytest.mark.parametrize("secret", ["", " ", ",", [], [""], None])
def test_an_empty_secret_validates_nothing(secret: object) -> None:
    empty_key_signature = "sha256=" + hmac.new(b"", BODY, hashlib.sha256).hexdigest()

    assert verify(BODY, empty_key_signature, secret) is False  # type: ignore[arg-type]


@pytest.mark.parametrize("secret", ["", "  ", "whsec_a,whsec_b"])
def test_sign_needs_exactly_one_secret(secret: str) -> None:
    with pytest.raises(ValueError, match="one non-empty secret"):
        sign(BODY, secret)


def test_a_decoded_str_body_is_a_programming_error() -> None:
    with pytest.raises(TypeError, match="raw body bytes"):
        verify(BODY.decode(), sign(BODY, SECRET), SECRET)  # type: ignore[arg-type]


@settings(database=None)  # no example database written into the repo
@given(body=st.binary(), secret=st.text(min_size=1).filter(lambda s: s.strip() and "," not in s))
def test_any_body_signed_with_any_secret_round_trips(body: bytes, secret: str) -> None:
    assert verify(body, sign(body, secret), secret)
    assert not verify(body + b"!", sign(body, secret), secret)


@settings(database=None)
@given(header=st.one_of(st.none(), st.text(), st.binary()))
def test_verify_never_raises_whatever_the_header(header: str | bytes | None) -> None:
    assert verify(BODY, header, SECRET) in (True, False)  # type: ignore[arg-type]
