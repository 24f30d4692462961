from __future__ import annotations

import re

import pytest

from dreamcanvas import context_processors
from gallery import masonry
from gallery.templatetags import gallery_tags
from tests.helpers import matched

pytestmark = pytest.mark.django_db

URL = "/ai-image-app/"


def slugs_in(html: str) -> list[str]:
    return re.findall(r'data-artwork="([^"]+)"', html)


def img_tags(html: str) -> list[str]:
    return re.findall(r"<img\b[^>]*>", html)


def test_the_gallery_lists_every_artwork_as_a_link_to_its_page(client):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert len(slugs_in(html)) == 20
    assert 'href="/ai-image-app/neon-horizon-1986/"' in html


def test_thumbnails_are_responsive_webp_with_dimensions(client):
    html = client.get(URL).content.decode()
    tags = [t for t in img_tags(html) if "gl-card__img" in t]
    assert len(tags) == 20
    for tag in tags:
        assert re.search(r'\swidth="\d+"', tag) and re.search(r'\sheight="\d+"', tag), tag
        assert re.search(r'\ssrc="/static/img/gallery/[a-z0-9-]+-560\.webp"', tag), tag
        srcset = matched(r'\ssrcset="([^"]+)"', tag, 1)
        assert [c.split()[1] for c in srcset.split(", ")][:3] == ["360w", "560w", "800w"]
        assert re.search(r'\ssizes="[^"]*\(min-width: 1240px\) 277px[^"]*50vw - 26px\)"', tag)


def test_only_the_cards_opening_a_column_load_eagerly_and_first(client):
    html = client.get(URL).content.decode()
    tags = [t for t in img_tags(html) if "gl-card__img" in t]
    ratios = [
        int(matched(r'height="(\d+)"', t, 1)) / int(matched(r'width="(\d+)"', t, 1)) for t in tags
    ]
    top = masonry.first_row(ratios)
    assert 0 in top and 4 <= len(top) <= 6
    for i, tag in enumerate(tags):
        if i in top:
            assert 'loading="eager" fetchpriority="high"' in tag, (i, tag)
        else:
            assert 'loading="lazy" decoding="async"' in tag and "fetchpriority" not in tag, (i, tag)


def test_the_newest_artwork_comes_first(client):
    assert slugs_in(client.get(URL).content.decode())[0] == "neon-horizon-1986"


def test_the_category_filter_shows_only_that_category(client):
    html = client.get(URL, {"category": "cosmic"}).content.decode()
    assert sorted(slugs_in(html)) == ["corona-hour", "nebula-of-quiet-fire", "saturnine-dawn"]
    assert 'aria-current="page">Cosmic' in html
    assert "3 artworks in Cosmic" in html


def test_the_category_is_case_insensitive(client):
    html = client.get(URL, {"category": "Botanical"}).content.decode()
    assert len(slugs_in(html)) == 3


def test_search_matches_titles_prompts_tags_and_creators(client):
    assert slugs_in(client.get(URL, {"q": "nebula"}).content.decode()) == ["nebula-of-quiet-fire"]
    assert slugs_in(client.get(URL, {"q": "synthwave"}).content.decode()) == ["neon-horizon-1986"]
    by_creator = slugs_in(client.get(URL, {"q": "sofia"}).content.decode())
    assert sorted(by_creator) == ["greenhouse-canopy", "moonlit-ferns"]
    by_handle = slugs_in(client.get(URL, {"q": "@synthrafa"}).content.decode())
    assert len(by_handle) == 3


def test_every_search_word_must_match(client):
    html = client.get(URL, {"q": "palm halftone"}).content.decode()
    assert slugs_in(html) == ["riso-palm-sunset"]


def test_category_and_search_combine(client):
    html = client.get(URL, {"category": "cosmic", "q": "nebula"}).content.decode()
    assert slugs_in(html) == ["nebula-of-quiet-fire"]
    assert (
        client.get(URL, {"category": "retro", "q": "nebula"})
        .content.decode()
        .count("data-artwork=")
        == 0
    )


def test_no_match_shows_an_empty_state_with_a_way_back(client):
    html = client.get(URL, {"q": "zzzqqq"}).content.decode()
    assert slugs_in(html) == []
    assert "Nothing matches “zzzqqq”" in html
    assert 'href="/ai-image-app/"' in html


def test_an_unknown_category_shows_everything_with_a_clear_message(client):
    response = client.get(URL, {"category": "space-whales"})
    assert response.status_code == 200
    html = response.content.decode()
    assert len(slugs_in(html)) == 20
    assert "There is no “space-whales” category" in html


def test_the_search_text_is_escaped_when_shown_back(client):
    html = client.get(URL, {"q": '<script>alert("x")</script>'}).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html


def test_the_results_fragment_is_the_results_region_only(client):
    html = client.get(URL, {"q": "nebula", "fragment": "results"}).content.decode()
    assert "<html" not in html
    assert slugs_in(html) == ["nebula-of-quiet-fire"]
    assert "data-results-summary" in html


def test_a_bad_page_number_does_not_fail(client):
    assert client.get(URL, {"page": "x"}).status_code == 200
    assert client.get(URL, {"page": "999"}).status_code == 200


def test_the_page_shows_the_partner_demo_banner_and_the_demo_shopper(client):
    html = client.get(URL).content.decode()
    assert "Partner demo — click any image → <strong>Print on Product</strong>" in html
    assert "Maya Chen" in html
    assert "maya@dreamcanvas.example" in html


def test_the_header_links_only_to_pages_that_exist(client, monkeypatch):
    monkeypatch.setattr(
        context_processors,
        "NAV",
        [("gallery:index", "Gallery"), ("admin:index", "Admin"), ("nowhere:page", "Missing")],
    )
    html = client.get(URL).content.decode()
    assert '<a href="/ai-image-app/" aria-current="page">Gallery</a>' in html
    assert '<a href="/admin/">Admin</a>' in html
    assert "Missing" not in html


def test_the_page_loads_its_script_deferred_and_sets_the_csrf_cookie(client):
    response = client.get(URL)
    assert '<script src="/static/js/gallery.js" defer></script>' in response.content.decode()
    assert "csrftoken" in response.cookies


def test_the_gallery_script_is_small(client):
    response = client.get("/static/js/gallery.js")
    assert response.status_code == 200
    assert len(b"".join(response.streaming_content)) <= 15_000


def test_the_gallery_only_answers_get(client):
    assert client.post(URL).status_code == 405


def test_compact_numbers_read_like_a_social_app():
    assert gallery_tags.compact(999) == "999"
    assert gallery_tags.compact(4812) == "4.8k"
    assert gallery_tags.compact(10_000) == "10k"
    assert gallery_tags.compact(96_240) == "96k"
    assert gallery_tags.compact(1_260_000) == "1.3M"
    assert gallery_tags.compact(None) == "0"
