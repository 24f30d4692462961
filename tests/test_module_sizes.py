"""Modules of readable size: app modules <= 400 lines, bench modules <= 800."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
APPS = ("dreamcanvas", "printora_client", "gallery", "orders", "webhooks", "sessions_app")
APP_LIMIT = 400
BENCH_LIMIT = 800
WAIVED: set[str] = set()


def lines_of(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def oversized(paths: list[Path], limit: int, *, root: Path = ROOT) -> list[str]:
    return [
        f"{path.relative_to(root)}: {lines_of(path)} lines"
        for path in paths
        if lines_of(path) > limit and str(path.relative_to(root)) not in WAIVED
    ]


def test_the_check_names_a_module_one_line_too_long(tmp_path):
    (tmp_path / "long.py").write_text("x = 1\n" * (APP_LIMIT + 1))
    (tmp_path / "fine.py").write_text("x = 1\n" * APP_LIMIT)
    found = oversized(sorted(tmp_path.glob("*.py")), APP_LIMIT, root=tmp_path)
    assert found == [f"long.py: {APP_LIMIT + 1} lines"]


@pytest.mark.parametrize("app", [*APPS, "printora_sandbox"])
def test_app_modules_stay_under_400_lines(app):
    modules = [p for p in (ROOT / app).rglob("*.py") if "migrations" not in p.parts]
    assert modules
    assert oversized(modules, APP_LIMIT) == []


def test_bench_modules_stay_under_800_lines():
    modules = list((ROOT / "bench").glob("*.py"))
    assert len(modules) >= 5
    assert oversized(modules, BENCH_LIMIT) == []
