"""One registry of event types: no other project module spells an event type out."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from orders.models import STATUS_RANK, OrderStatus
from orders.services import EVENT_STATUS, EVENT_TIME_FIELD, LISTED_STATUS_EVENT
from printora_client import events
from printora_client.models import KNOWN_EVENTS, WebhookEvent

ROOT = Path(__file__).resolve().parents[2]
# A string that names an event type: "order.paid", or one written inside a longer
# text ("event":"order.paid"...).
EVENT_NAME = re.compile(
    r"\border\.(?:" + "|".join(n.split(".")[1] for n in events.EVENT_NAMES) + r")\b"
)
SANDBOX = "printora_sandbox"


def project_modules() -> list[Path]:
    skipped = {"tests", ".venv", "migrations", "node_modules", "staticfiles", "test-artifacts"}
    return sorted(
        path
        for path in ROOT.rglob("*.py")
        if not skipped & set(path.relative_to(ROOT).parts)
        and path != ROOT / "printora_client" / "events.py"
    )


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of docstring nodes: prose may mention an event type."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def event_names_in(path: Path, *, root: Path = ROOT) -> list[str]:
    """Each string literal of ``path`` (docstrings aside) that names an event type."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    docstrings = _docstrings(tree)
    return [
        f"{path.relative_to(root)}:{node.lineno}: {node.value[:60]!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and EVENT_NAME.search(node.value)
    ]


def test_the_scan_finds_an_event_type_spelled_out_but_not_in_prose(tmp_path):
    module = tmp_path / "module.py"
    module.write_text('"""order.paid in prose is fine."""\nKIND = "order.paid"\n')
    assert event_names_in(module, root=tmp_path) == ["module.py:2: 'order.paid'"]


def test_no_module_outside_the_sandbox_names_an_event_type_outside_the_registry():
    modules = [p for p in project_modules() if p.relative_to(ROOT).parts[0] != SANDBOX]
    assert len(modules) > 50  # the scan sees the project, not an empty folder
    offenders = [hit for path in modules for hit in event_names_in(path)]
    assert offenders == []


def test_the_sandbox_names_no_event_type_outside_the_registry():
    modules = [p for p in project_modules() if p.relative_to(ROOT).parts[0] == SANDBOX]
    assert modules
    offenders = [hit for path in modules for hit in event_names_in(path)]
    assert offenders == []


def test_every_table_of_the_order_book_is_read_from_the_registry():
    assert set(EVENT_STATUS) == set(events.EVENT_NAMES) == set(KNOWN_EVENTS)
    for event in events.EVENT_TYPES:
        assert EVENT_STATUS[event.name] == event.status
        assert STATUS_RANK[OrderStatus(event.status)] == event.rank
        for word in event.printora_statuses:
            assert LISTED_STATUS_EVENT[word] == event.name
    assert EVENT_TIME_FIELD["order.shipped"] == "shipped_at"
    assert "order.created" not in EVENT_TIME_FIELD  # the order has no column of its own


def test_every_order_status_has_a_rank():
    assert set(STATUS_RANK) == set(OrderStatus)


def test_the_envelope_knows_exactly_the_registered_types():
    envelope = {"sessionId": "s", "timestamp": "2026-03-01T10:00:00Z", "data": {"orderId": "o"}}
    for name in events.EVENT_NAMES:
        assert WebhookEvent.model_validate({**envelope, "event": name}).is_known
    assert not WebhookEvent.model_validate({**envelope, "event": "order.refunded"}).is_known
