"""Code blocks of a Markdown page, by name, so that tests can run what the docs show.

A page marks each block it shows::

    <!-- snippet: NAME -->
    ```python
    ...
    ```
    <!-- /snippet -->

Blocks inside list items are indented; they come out dedented. ``fenced_blocks``
finds every fenced block, so a test can check that none escapes a snippet.
"""

from __future__ import annotations

import os
import re
import subprocess
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy", "no_proxy")

SNIPPET = re.compile(
    r"<!--\s*snippet:\s*(?P<name>[\w-]+)\s*-->(?P<body>.*?)<!--\s*/snippet\s*-->", re.DOTALL
)
FENCE = re.compile(
    r"^(?P<indent>[ \t]*)```(?P<lang>\w*)\n(?P<code>.*?)^[ \t]*```", re.DOTALL | re.M
)


@dataclass(frozen=True)
class Snippet:
    name: str
    lang: str
    code: str


def snippets(path: Path) -> dict[str, Snippet]:
    """Every named snippet of the page, in page order."""
    if not path.is_file():
        pytest.fail(f"{path.relative_to(ROOT)} does not exist")
    found: dict[str, Snippet] = {}
    for marked in SNIPPET.finditer(path.read_text(encoding="utf-8")):
        name = marked.group("name")
        blocks = list(FENCE.finditer(marked.group("body")))
        if len(blocks) != 1:
            pytest.fail(f"snippet {name!r} of {path.name} holds {len(blocks)} code blocks, not 1")
        if name in found:
            pytest.fail(f"{path.name} has two snippets named {name!r}")
        block = blocks[0]
        found[name] = Snippet(name, block.group("lang"), textwrap.dedent(block.group("code")))
    return found


def fenced_blocks(path: Path) -> int:
    return len(FENCE.findall(path.read_text(encoding="utf-8")))


def run_python(snippet: Snippet, namespace: dict) -> None:
    """Run a Python snippet in ``namespace``, which the page's snippets share."""
    assert snippet.lang == "python", snippet
    exec(compile(snippet.code, f"<snippet {snippet.name}>", "exec"), namespace)  # noqa: S102


def run_sh(snippet: Snippet, *, env: dict[str, str], cwd: Path = ROOT) -> str:
    """Run a shell snippet with bash (strict mode) and return what it printed."""
    assert snippet.lang == "sh", snippet
    environment = {
        name: value for name, value in os.environ.items() if name.lower() not in PROXY_VARIABLES
    }
    environment.update(env)
    finished = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", snippet.code],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert finished.returncode == 0, (
        f"snippet {snippet.name!r} exited with {finished.returncode}\n"
        f"stdout:\n{finished.stdout}\nstderr:\n{finished.stderr}"
    )
    return finished.stdout
