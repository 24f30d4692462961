"""The JSON body of POST /api/sessions/, validated with pydantic."""

from __future__ import annotations

from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)
from pydantic_core import PydanticCustomError


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


Blankable = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=100),
    AfterValidator(_printable),
]


class StartSessionInput(BaseModel):
    """Exactly one of ``artwork`` (flow A), ``creator`` (flow B, a creator's slug) or
    ``merch`` (flow C, Printora's merch id, with ``variant`` or ``colour`` + ``size``,
    and ``quantity``)."""

    model_config = ConfigDict(extra="ignore")

    artwork: Blankable = ""
    creator: Blankable = ""
    merch: Blankable = ""
    variant: Blankable = ""
    colour: Blankable = ""
    size: Blankable = ""
    quantity: Annotated[int, Field(ge=1, le=100)] = 1

    @model_validator(mode="after")
    def _one_target(self) -> StartSessionInput:
        named = [name for name in ("artwork", "creator", "merch") if getattr(self, name)]
        if len(named) != 1:
            raise PydanticCustomError("one_target", "artwork, creator or merch is required (one)")
        return self
