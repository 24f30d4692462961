"""A Content-Security-Policy without 'unsafe-inline' is coming: no inline JavaScript."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

TEMPLATES = Path(settings.BASE_DIR) / "templates" / "gallery"
SCRIPT_WITH_BODY = re.compile(r"<script\b[^>]*>(?P<body>.*?)</script>", re.S | re.I)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
JS_URL = re.compile(r"""(href|src|action)\s*=\s*["']\s*javascript:""", re.I)


def inline_js_problems(text: str) -> list[str]:
    problems = [m.group(0)[:80] for m in SCRIPT_WITH_BODY.finditer(text) if m["body"].strip()]
    problems += [m.group(0) for m in EVENT_HANDLER.finditer(text)]
    problems += [m.group(0) for m in JS_URL.finditer(text)]
    return problems


def gallery_templates() -> list[Path]:
    return sorted(p for p in TEMPLATES.rglob("*") if p.is_file())


def test_there_are_gallery_templates_to_check():
    assert len(gallery_templates()) >= 6


@pytest.mark.parametrize("path", gallery_templates(), ids=lambda p: p.name)
def test_no_gallery_template_contains_inline_javascript(path):
    assert inline_js_problems(path.read_text()) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/ai-image-app/", "/ai-image-app/?q=zzz", "/ai-image-app/corona-hour/"]
)
def test_the_rendered_gallery_pages_contain_no_inline_javascript(client, url):
    assert inline_js_problems(client.get(url).content.decode()) == []


def test_the_checker_would_catch_inline_javascript():
    assert inline_js_problems("<script>alert(1)</script>")
    assert inline_js_problems('<button onclick="x()">')
    assert inline_js_problems('<a href="javascript:void(0)">')
    assert not inline_js_problems('<script src="/static/js/gallery.js" defer></script>')
