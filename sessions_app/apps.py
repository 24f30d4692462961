from __future__ import annotations

from django.apps import AppConfig


class SessionsAppConfig(AppConfig):
    name = "sessions_app"
    verbose_name = "Printora sessions"

    def ready(self) -> None:
        from sessions_app import dashboard, studio  # need the models: imported once apps are ready

        dashboard.register()
        studio.register()
