"""requirements.txt (`make lock`) is the runtime lock of pyproject.toml, with hashes."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]


def locked() -> dict[str, tuple[str, list[str], str]]:
    """name -> (version, hashes, the "via" comment block) for each pin in requirements.txt."""
    text = (ROOT / "requirements.txt").read_text()
    pins: dict[str, tuple[str, list[str], str]] = {}
    for block in re.split(r"\n(?=[A-Za-z0-9])", text):
        match = re.match(r"([A-Za-z0-9_.\-]+)==(\S+)", block)
        if match:
            name, version = match.groups()
            pins[canonicalize_name(name)] = (
                version,
                re.findall(r"--hash=sha256:([0-9a-f]{64})", block),
                block,
            )
    return pins


def declared() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pins: dict[str, str] = {}
    for line in project["dependencies"]:
        requirement = Requirement(line)
        (spec,) = requirement.specifier
        assert spec.operator == "==", f"{line}: runtime dependencies are pinned exactly"
        pins[canonicalize_name(requirement.name)] = spec.version
    return pins


def test_every_runtime_dependency_is_locked_at_its_pinned_version():
    pins = locked()
    for name, version in declared().items():
        assert name in pins, f"{name} is missing from requirements.txt: run make lock"
        assert pins[name][0] == version, f"{name}: run make lock"


def test_everything_else_in_the_lock_is_needed_by_a_runtime_dependency():
    runtime = declared()
    for name, (_version, _hashes, block) in locked().items():
        if name not in runtime:
            assert "# via" in block, f"{name} is locked but nothing needs it: run make lock"
            assert "dreamcanvas (pyproject.toml)" not in block or name in runtime


def test_every_pin_has_a_hash_so_pip_checks_what_it_installs():
    for name, (_version, hashes, _block) in locked().items():
        assert hashes, f"{name} has no --hash"


def test_the_lock_holds_no_development_tools():
    pins = locked()
    for tool in ("pytest", "ruff", "playwright", "pip-tools"):
        assert tool not in pins
