"""The exception reporter filter: tracebacks never show secrets, whatever DEBUG says.

Django's own ``SafeExceptionReporterFilter`` hides ``sensitive_variables`` only when
``DEBUG`` is off, which is exactly when nobody sees its technical 500 page. With
``DEBUG=true`` a failing webhook would print the webhook secrets, the API key and
``DATABASE_URL`` (its password) in the page. This filter is always active, and it also
hides any frame variable or request META entry whose name looks secret, so code that
forgot ``@sensitive_variables`` is covered too.
"""

from __future__ import annotations

import re
from collections.abc import ItemsView
from types import FrameType
from typing import Any

from django.http import HttpRequest
from django.views.debug import SafeExceptionReporterFilter


class SecretsFilter(SafeExceptionReporterFilter):
    hidden_settings = re.compile(
        "API|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE|AUTHORIZATION|DATABASE_URL|DSN",
        flags=re.IGNORECASE,
    )

    def is_active(self, request: HttpRequest | None) -> bool:
        return True

    def get_traceback_frame_variables(
        self, request: HttpRequest | None, tb_frame: FrameType
    ) -> ItemsView[str, Any]:
        variables = super().get_traceback_frame_variables(request, tb_frame)
        # A frame's variables: any value at all, each cleansed by its name.
        return {name: self.cleanse_setting(name, value) for name, value in variables}.items()
