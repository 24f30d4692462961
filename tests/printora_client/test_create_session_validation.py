"""create_session rejects bad arguments itself, before any HTTP request is made."""

from __future__ import annotations

import pytest
import responses

from printora_client import CreateSessionRequest, InvalidRequestError, PrintoraClient
from tests.printora_client.support import (
    CREATOR_ID,
    FAILED_URL,
    IMAGE_URL,
    MERCH_ID,
    SUCCESS_URL,
    VARIANT_ID,
    image_session_kwargs,
)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        pytest.param(
            {"success_url": SUCCESS_URL, "failed_url": FAILED_URL}, None, id="no mode at all"
        ),
        pytest.param(
            image_session_kwargs(creator_id=CREATOR_ID), None, id="image and creator together"
        ),
        pytest.param(
            {
                "creator_id": CREATOR_ID,
                "merch_id": MERCH_ID,
                "success_url": SUCCESS_URL,
                "failed_url": FAILED_URL,
            },
            None,
            id="creator and merch together",
        ),
        pytest.param(
            {
                "creator_id": CREATOR_ID,
                "variant_id": VARIANT_ID,
                "success_url": SUCCESS_URL,
                "failed_url": FAILED_URL,
            },
            None,
            id="variant without merch",
        ),
        pytest.param(image_session_kwargs(quantity=0), "quantity", id="quantity 0"),
        pytest.param(image_session_kwargs(quantity=101), "quantity", id="quantity 101"),
        pytest.param(image_session_kwargs(quantity=True), "quantity", id="quantity True"),
        pytest.param(image_session_kwargs(success_url=None), "success_url", id="missing success"),
        pytest.param(image_session_kwargs(failed_url=None), "failed_url", id="missing failed"),
        pytest.param(image_session_kwargs(success_url=""), "success_url", id="empty success"),
        pytest.param(
            image_session_kwargs(failed_url="/callback/failed/"),
            "failed_url",
            id="relative failed url",
        ),
        pytest.param(
            image_session_kwargs(success_url="javascript:alert(1)"),
            "success_url",
            id="javascript success url",
        ),
        pytest.param(
            image_session_kwargs(image_url="ftp://cdn.example/d.png"), "image_url", id="ftp image"
        ),
        pytest.param(
            image_session_kwargs(image_url="https://"), "image_url", id="image url without host"
        ),
        pytest.param(
            {"creator_id": "not-a-uuid", "success_url": SUCCESS_URL, "failed_url": FAILED_URL},
            "creator_id",
            id="creator id not a uuid",
        ),
        pytest.param(image_session_kwargs(user_email="not an email"), "user_email", id="email"),
        pytest.param(
            image_session_kwargs(idempotency_key="has spaces in it"),
            "idempotency_key",
            id="idempotency key with spaces",
        ),
    ],
)
def test_it_rejects_invalid_arguments_before_any_http(
    client: PrintoraClient, mocked: responses.RequestsMock, kwargs: dict, field: str | None
) -> None:
    with pytest.raises(InvalidRequestError) as raised:
        client.create_session(**kwargs)

    assert len(mocked.calls) == 0
    assert raised.value.status is None
    assert raised.value.details
    assert field in [detail["field"] for detail in raised.value.details]
    assert str(raised.value).startswith("Invalid request to Printora, not sent:")


def test_the_one_of_rule_is_explained_in_the_error(client: PrintoraClient) -> None:
    with pytest.raises(
        InvalidRequestError, match="exactly one of image_url, creator_id or merch_id"
    ):
        client.create_session(success_url=SUCCESS_URL, failed_url=FAILED_URL)


def test_the_variant_rule_is_explained_in_the_error(client: PrintoraClient) -> None:
    with pytest.raises(InvalidRequestError, match="variant_id can only be given together with"):
        client.create_session(
            creator_id=CREATOR_ID,
            variant_id=VARIANT_ID,
            success_url=SUCCESS_URL,
            failed_url=FAILED_URL,
        )


def test_blank_user_fields_are_left_out_rather_than_sent_empty() -> None:
    request = CreateSessionRequest(
        image_url=IMAGE_URL,
        user_data={"email": "  ", "name": ""},  # type: ignore[arg-type]  # validated into UserData
        success_url=SUCCESS_URL,
        failed_url=FAILED_URL,
    )
    assert request.to_payload() == {
        "imageUrl": IMAGE_URL,
        "successUrl": SUCCESS_URL,
        "failedUrl": FAILED_URL,
    }


def test_the_request_model_accepts_camel_case_and_refuses_unknown_fields() -> None:
    camel = CreateSessionRequest.model_validate(
        {"merchId": MERCH_ID, "successUrl": SUCCESS_URL, "failedUrl": FAILED_URL, "quantity": 100}
    )
    assert camel.to_payload()["quantity"] == 100
    with pytest.raises(ValueError, match="surprise"):
        CreateSessionRequest.model_validate({**image_session_kwargs(), "surprise": 1})
