"""A merch design sits on the product drawings where the creator placed it."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

from printora_sandbox import mockups

from .conftest import editor_path
from .test_editor_page import dom

MOCKUPS = Path(settings.BASE_DIR) / "templates" / "printora_sandbox" / "_mockups.html"


def test_the_print_areas_are_those_of_the_drawings():
    text = MOCKUPS.read_text()
    drawn = {}
    for block in re.split(r'data-mockup="', text)[1:]:
        name = block.split('"', 1)[0]
        rect = re.search(
            r'class="pe-printarea" x="(\d+)" y="(\d+)" width="(\d+)" height="(\d+)"', block
        )
        assert rect is not None, name
        drawn[name] = tuple(int(n) for n in rect.groups())
    assert drawn == mockups.PRINT_AREAS


def test_a_placement_becomes_a_square_box_on_the_print_area():
    # The t-shirt's area is 128 wide at x=136: half its width, centred, top quarter.
    box = mockups.placed_box("t-shirt", {"x": 50, "y": 25, "scale": 0.5})
    assert box == {"x": 168.0, "y": 107.0, "size": 64.0}
    assert mockups.placed_box("t-shirt", None) is None


def test_unreadable_metadata_is_no_placement():
    for metadata in (None, {}, {"design": "x"}, {"design": {"x": 500, "y": 1, "scale": 1}}):
        assert mockups.placement(metadata) is None
    assert mockups.placement({"design": {"x": 10, "y": 20, "scale": 0.3}}) == {
        "x": 10.0,
        "y": 20.0,
        "scale": 0.3,
    }


def placed_art(html):
    return [node for node in html.iter() if node.has("data-placed")]


def test_the_storefront_and_product_page_show_the_saved_placement(
    client, open_session, creator, merch
):
    session = open_session(creatorId=creator["id"])
    assert placed_art(dom(client.get(editor_path(session)))) == []
    url = "/" + merch["editSession"]["editorUrl"].split("://", 1)[1].partition("/")[2]
    client.post(url, {"x": "50", "y": "25", "scale": "50", "action": "save"})
    for path in (editor_path(session), editor_path(open_session(merchId=merch["id"]))):
        art = placed_art(dom(client.get(path)))
        assert [(a["x"], a["y"], a["width"]) for a in art] == [("168.0", "107.0", "64.0")]


def test_no_template_comment_leaks_into_the_pages(client, open_session, creator, merch):
    url = "/" + merch["editSession"]["editorUrl"].split("://", 1)[1].partition("/")[2]
    for path in (
        editor_path(open_session(creatorId=creator["id"])),
        editor_path(open_session(merchId=merch["id"])),
        url,
    ):
        text = client.get(path).content.decode()
        assert "{#" not in text and "{%" not in text, path
