"""The JSON body of POST /api/sessions/, validated with pydantic."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints


def _printable(value: str) -> str:
    # A NUL byte would reach the database (PostgreSQL refuses it: a 500); no slug has one.
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
        raise ValueError("must not contain control characters")
    return value


Slug = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=100),
    AfterValidator(_printable),
]


class StartSessionInput(BaseModel):
    model_config = ConfigDict(extra="ignore")

    artwork: Slug
