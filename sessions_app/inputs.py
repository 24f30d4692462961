"""The JSON body of POST /api/sessions/, validated with pydantic."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

Slug = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


class StartSessionInput(BaseModel):
    model_config = ConfigDict(extra="ignore")

    artwork: Slug
