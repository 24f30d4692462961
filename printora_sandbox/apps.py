from __future__ import annotations

from django.apps import AppConfig


class PrintoraSandboxConfig(AppConfig):
    name = "printora_sandbox"
    verbose_name = "Printora sandbox"
