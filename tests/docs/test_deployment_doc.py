"""docs/DEPLOYMENT.md and docs/ARCHITECTURE.md cannot silently fall behind the code.

Every environment variable the settings read must have a row in the deployment
guide's variable table and a mention in .env.example; every variable gunicorn.conf.py
reads must have a row too. Every relative link in both pages must lead to a file
that exists and, for a link into a Markdown page, to a heading that exists.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
SETTINGS = ROOT / "dreamcanvas" / "settings.py"
GUNICORN_CONF = ROOT / "gunicorn.conf.py"
ENV_EXAMPLE = ROOT / ".env.example"
DEPLOYMENT = DOCS / "DEPLOYMENT.md"
ARCHITECTURE = DOCS / "ARCHITECTURE.md"
CHECKED_PAGES = (DEPLOYMENT, ARCHITECTURE, DOCS / "CREATORS.md", DOCS / "SANDBOX.md")

# The settings read the environment through these two helpers (plus os.environ.get for
# the switch that decides whether .env is read at all).
SETTINGS_READ = re.compile(
    r"""\b(?:_value|_number|os\.environ\.get)\(\s*["']([A-Z][A-Z0-9_]*)["']"""
)
GUNICORN_READ = re.compile(r"""\bos\.environ\.get\(\s*["']([A-Z][A-Z0-9_]*)["']""")
# Variables the scan must find: if a refactor renames the helpers, the scan would
# find nothing and every other check here would pass vacuously.
KNOWN_SETTINGS_VARIABLES = {"SECRET_KEY", "DATABASE_URL", "PRINTORA_WEBHOOK_SECRET", "DEBUG"}
KNOWN_GUNICORN_VARIABLES = {"WEB_CONCURRENCY", "GUNICORN_THREADS"}

FENCED_BLOCK = re.compile(r"^```.*?^```[^\n]*$", re.DOTALL | re.MULTILINE)
INLINE_CODE = re.compile(r"`[^`\n]*`")
# [text](target) or [text](target "title"); images too.
MARKDOWN_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)
EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)  # http:, https:, mailto:


def read(path: Path) -> str:
    if not path.is_file():
        pytest.fail(f"{path.relative_to(ROOT)} does not exist")
    return path.read_text(encoding="utf-8")


def variables_read_by(path: Path, pattern: re.Pattern[str]) -> set[str]:
    return set(pattern.findall(read(path)))


def mentions(text: str, name: str) -> bool:
    """``name`` as a whole word: APP_URL is not found inside NEXT_PUBLIC_APP_URL."""
    return re.search(rf"(?<![A-Za-z0-9_]){re.escape(name)}(?![A-Za-z0-9_])", text) is not None


def cells(row: str) -> list[str]:
    return [cell.strip() for cell in row.strip().strip("|").split("|")]


def tables(markdown: str) -> list[list[list[str]]]:
    """Every table of the page (outside code blocks), as rows of cells, header first."""
    found: list[list[list[str]]] = []
    current: list[list[str]] = []
    for line in [*FENCED_BLOCK.sub("", markdown).splitlines(), ""]:
        if line.startswith("|"):
            current.append(cells(line))
        elif current:
            found.append(current)
            current = []
    return found


def variable_table_names(markdown: str) -> set[str]:
    """The variables with a row of their own in a table headed "| name | ... | default |".

    Only the variable tables count: a name mentioned in some other table (the list
    of start-up checks, say) does not document its default and meaning.
    """
    names = set()
    for table in tables(markdown):
        header = [cell.lower() for cell in table[0]]
        if header[0] != "name" or "default" not in header:
            continue
        for row in table[2:]:  # after the header and its --- separator
            match = re.fullmatch(r"`([A-Z][A-Z0-9_]*)`", row[0])
            if match:
                names.add(match.group(1))
    return names


def without_code(markdown: str) -> str:
    """The page with code blocks and inline code removed: links are not looked for there."""
    return INLINE_CODE.sub("", FENCED_BLOCK.sub("", markdown))


def relative_links(markdown: str) -> list[str]:
    return [
        target
        for target in MARKDOWN_LINK.findall(without_code(markdown))
        if not EXTERNAL.match(target)
    ]


def heading_anchor(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to dashes."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link keeps its text
    text = text.replace("`", "").strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors_of(markdown: str) -> set[str]:
    anchors: set[str] = set()
    seen: dict[str, int] = {}
    for heading in HEADING.findall(FENCED_BLOCK.sub("", markdown)):
        anchor = heading_anchor(heading)
        # GitHub numbers repeated headings: setup, setup-1, setup-2...
        count = seen.get(anchor, 0)
        seen[anchor] = count + 1
        anchors.add(anchor if count == 0 else f"{anchor}-{count}")
    return anchors


@pytest.fixture(scope="module")
def settings_variables() -> set[str]:
    return variables_read_by(SETTINGS, SETTINGS_READ)


@pytest.fixture(scope="module")
def gunicorn_variables() -> set[str]:
    return variables_read_by(GUNICORN_CONF, GUNICORN_READ)


def test_the_scan_of_the_settings_finds_the_variables_they_are_known_to_read(
    settings_variables,
):
    missed = KNOWN_SETTINGS_VARIABLES - settings_variables
    assert not missed, (
        f'scanning {SETTINGS.relative_to(ROOT)} for _value("NAME") / _number("NAME") '
        f"calls did not find {sorted(missed)}: the settings read the environment in a new "
        "way, so update SETTINGS_READ in this test"
    )


def test_the_scan_of_gunicorn_conf_finds_the_variables_it_is_known_to_read(gunicorn_variables):
    missed = KNOWN_GUNICORN_VARIABLES - gunicorn_variables
    assert not missed, (
        f'scanning {GUNICORN_CONF.name} for os.environ.get("NAME") did not find '
        f"{sorted(missed)}: update GUNICORN_READ in this test"
    )


def test_every_variable_the_settings_read_has_a_row_in_the_deployment_table(
    settings_variables,
):
    documented = variable_table_names(read(DEPLOYMENT))
    missing = sorted(settings_variables - documented)
    assert not missing, (
        f"{SETTINGS.relative_to(ROOT)} reads {missing}, but the environment variable table "
        f"in {DEPLOYMENT.relative_to(ROOT)} has no row for them: add a row "
        "(name, required in production?, default, meaning)"
    )


def test_every_variable_the_settings_read_is_in_env_example(settings_variables):
    example = read(ENV_EXAMPLE)
    missing = sorted(name for name in settings_variables if not mentions(example, name))
    assert not missing, (
        f"{SETTINGS.relative_to(ROOT)} reads {missing}, but {ENV_EXAMPLE.name} does not "
        "mention them: add each with a comment giving its default and meaning"
    )


def test_every_variable_gunicorn_conf_reads_has_a_row_in_the_deployment_table(
    gunicorn_variables,
):
    documented = variable_table_names(read(DEPLOYMENT))
    missing = sorted(gunicorn_variables - documented)
    assert not missing, (
        f"{GUNICORN_CONF.name} reads {missing}, but {DEPLOYMENT.relative_to(ROOT)} "
        "has no table row for them"
    )


@pytest.mark.parametrize("page", CHECKED_PAGES, ids=lambda page: page.name)
def test_every_relative_link_points_to_a_file_that_exists(page):
    broken = []
    for target in relative_links(read(page)):
        path = target.split("#", 1)[0]
        if path and not (page.parent / path).exists():
            broken.append(target)
    assert not broken, f"{page.name} links to files that do not exist: {broken}"


@pytest.mark.parametrize("page", CHECKED_PAGES, ids=lambda page: page.name)
def test_every_link_to_a_heading_points_to_a_heading_that_exists(page):
    broken = []
    for target in relative_links(read(page)):
        path, _, anchor = target.partition("#")
        if not anchor:
            continue
        linked = page if not path else page.parent / path
        if linked.suffix != ".md" or not linked.is_file():
            continue  # a missing file is reported by the test above
        if anchor not in anchors_of(linked.read_text(encoding="utf-8")):
            broken.append(target)
    assert not broken, f"{page.name} links to headings that do not exist: {broken}"
