"""Deployment checks (``manage.py check --deploy``): what is public by configuration.

Silent for a correct production set-up; each warning names the setting that opens
something to everyone, so a misconfiguration shows up before real customers do.
"""

from __future__ import annotations

from django.conf import settings
from django.core import checks

W001 = "dreamcanvas.W001"
W002 = "dreamcanvas.W002"
W003 = "dreamcanvas.W003"
W004 = "dreamcanvas.W004"


@checks.register(checks.Tags.security, deploy=True)
def check_what_is_public(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    from dreamcanvas.settings import DEV_SECRET_KEY

    warnings: list[checks.CheckMessage] = []
    if settings.DASHBOARD_PUBLIC:
        warnings.append(
            checks.Warning(
                "The orders dashboard is public: anyone can read customers' names, e-mails, "
                "phone numbers and addresses.",
                hint="Unset DASHBOARD_PUBLIC (staff sign-in) unless this is a demo "
                "without real customers.",
                id=W001,
            )
        )
    if settings.PRINTORA_SANDBOX:
        warnings.append(
            checks.Warning(
                "The Printora sandbox is on: this site is a public demo with a no-login "
                "operator panel at /sandbox/, and it talks to no real Printora.",
                hint="For a real shop set PRINTORA_API_KEY and PRINTORA_WEBHOOK_SECRET and "
                "unset PRINTORA_SANDBOX.",
                id=W002,
            )
        )
    if settings.SECRET_KEY == DEV_SECRET_KEY:
        warnings.append(
            checks.Warning(
                "SECRET_KEY is the public development key from this repository.",
                hint="Set SECRET_KEY to a random value of at least 50 characters.",
                id=W003,
            )
        )
    if settings.CREATE_SESSION_PUBLIC and not settings.PRINTORA_SANDBOX:
        warnings.append(
            checks.Warning(
                "/create-session/ is open to everyone: anyone can start Printora sessions "
                "with any image URL on your API key.",
                hint="Unset CREATE_SESSION_PUBLIC (staff only).",
                id=W004,
            )
        )
    return warnings
