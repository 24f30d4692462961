"""The sandbox reads the one registry of event types and spells none of them itself."""

from __future__ import annotations

import ast
from pathlib import Path

from django.conf import settings

from printora_client import events as registry
from printora_sandbox import events

SANDBOX = Path(settings.BASE_DIR) / "printora_sandbox"


def literals(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(), filename=str(path))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and node.value in registry.EVENT_NAMES
    ]


def test_no_sandbox_module_spells_an_event_type_as_a_string():
    found = {
        str(path.relative_to(SANDBOX)): hits
        for path in sorted(SANDBOX.rglob("*.py"))
        if (hits := literals(path))
    }
    assert found == {}


def test_the_scan_would_find_a_literal(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('kind = "order.paid"\n')
    assert literals(sample) == [(1, "order.paid")]


def test_the_sandbox_sends_exactly_the_registrys_event_types():
    assert events.EVENT_TYPES == registry.EVENT_NAMES
