"""The JSON body of POST /api/sessions/, validated with pydantic."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError

Slug = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


class StartSessionInput(BaseModel):
    model_config = ConfigDict(extra="ignore")

    artwork: Slug


def first_error(exc: ValidationError) -> tuple[str, str]:
    """(field, message) of the first problem, for a one-line 400."""
    error = exc.errors(include_url=False, include_input=False)[0]
    field = ".".join(str(part) for part in error["loc"]) or "body"
    if error["type"] == "missing":
        return field, f"{field} is required"
    return field, f"{field}: {error['msg']}"
