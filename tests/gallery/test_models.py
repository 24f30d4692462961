from __future__ import annotations

import pytest

from gallery import demo, selectors
from gallery.models import Artwork, Creator

pytestmark = pytest.mark.django_db


def artwork() -> Artwork:
    return Artwork.objects.get(slug="corona-hour")


def test_a_seeded_artwork_serves_its_images_from_static():
    a = artwork()
    assert a.image_url == "/static/img/gallery/corona-hour.jpg"
    assert a.thumbnail_url == "/static/img/gallery/corona-hour-560.webp"
    assert a.srcset == ", ".join(
        f"/static/img/gallery/corona-hour-{w}.webp {w}w" for w in (360, 560, 800, 1600)
    )
    assert a.large_url == "/static/img/gallery/corona-hour-800.webp"


def test_an_artwork_whose_thumbnail_is_no_variant_has_no_srcset():
    a = Artwork(width=1600, height=900, static_image="img/x.jpg", static_thumbnail="img/x-t.jpg")
    assert a.srcset == ""
    assert a.thumbnail_url == "/static/img/x-t.jpg"
    assert a.large_url == "/static/img/x.jpg"


def test_the_absolute_image_url_is_built_from_app_url(settings):
    settings.APP_URL = "https://dreamcanvas.example.com"
    assert artwork().absolute_image_url == (
        "https://dreamcanvas.example.com/static/img/gallery/corona-hour.jpg"
    )


def test_a_trailing_slash_on_app_url_does_not_double_the_slash(settings):
    settings.APP_URL = "https://dreamcanvas.example.com/"
    assert artwork().absolute_image_url.startswith("https://dreamcanvas.example.com/static/")


def test_an_image_url_that_is_already_absolute_is_kept(settings):
    settings.STATIC_URL = "https://cdn.example.net/static/"
    settings.APP_URL = "https://dreamcanvas.example.com"
    assert (
        artwork().absolute_image_url == "https://cdn.example.net/static/img/gallery/corona-hour.jpg"
    )


def test_initials_come_from_the_first_and_last_names():
    assert Creator(name="Aiko Tanaka", handle="a").initials == "AT"
    assert Creator(name="Mary Ann Lee", handle="m").initials == "ML"
    assert Creator(name="Prince", handle="p").initials == "P"
    assert Creator(name="", handle="zed").initials == "ZE"


def test_thumbnail_dimensions_follow_the_image_aspect_ratio():
    a = Artwork(width=1600, height=900)
    assert (a.thumb_width, a.thumb_height) == (560, 315)
    assert a.orientation == "landscape"
    assert Artwork(width=300, height=400).thumb_width == 300
    assert Artwork(width=400, height=400).thumb_width == 400  # variants 360 and 400


def test_filters_are_normalised():
    assert selectors.parse_filters(" Cosmic ", "  nebula   dust ") == selectors.GalleryFilters(
        "cosmic", "nebula dust"
    )
    assert selectors.parse_filters("all", None) == selectors.GalleryFilters()
    unknown = selectors.parse_filters("whales", "")
    assert unknown.category == "" and unknown.unknown_category == "whales"
    assert len(selectors.parse_filters(None, "x" * 500).query) == selectors.MAX_QUERY_LENGTH


def test_the_demo_shopper_is_importable_for_the_session_service():
    assert demo.DEMO_USER_NAME == "Maya Chen"
    assert demo.DEMO_USER_EMAIL == "maya@dreamcanvas.example"
