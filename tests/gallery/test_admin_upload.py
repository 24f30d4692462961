from __future__ import annotations

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from gallery import imaging
from gallery.models import Artwork, Creator

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/gallery/artwork/add/"


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.MEDIA_URL = "/media/"
    settings.APP_URL = "https://dreamcanvas.example.com"
    return tmp_path


def png_upload(size=(900, 600), mode="RGBA") -> SimpleUploadedFile:
    image = Image.new(mode, size, (40, 90, 200, 255) if mode == "RGBA" else (40, 90, 200))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return SimpleUploadedFile("my upload.png", buffer.getvalue(), content_type="image/png")


def form_data(**overrides) -> dict:
    data = {
        "title": "Uploaded Dream",
        "slug": "uploaded-dream",
        "creator": Creator.objects.get(handle="aiko.dreams").pk,
        "category": "abstract",
        "model_name": "Flux-Dev",
        "prompt": "A test prompt with enough words to be a prompt.",
        "tags": "Test, upload,  test ",
        "static_image": "",
        "static_thumbnail": "",
        "likes": "0",
        "views": "0",
    }
    data.update(overrides)
    return data


def test_uploading_an_image_in_the_admin_creates_the_artwork_with_webp_variants(
    admin_client, media_in_tmp
):
    upload = png_upload()
    digest = imaging.content_digest(upload.read())
    upload.seek(0)
    response = admin_client.post(ADD_URL, form_data(image=upload))
    assert response.status_code == 302, response.content.decode()[:2000]
    artwork = Artwork.objects.get(slug="uploaded-dream")
    assert (artwork.width, artwork.height) == (900, 600)
    assert artwork.tags == ["test", "upload"]
    assert artwork.image.name is not None and artwork.thumbnail.name is not None
    # Content-hashed names: a file under a name never changes, so it can be cached for ever.
    assert re.fullmatch(
        rf"gallery/originals/\d{{4}}/\d\d/uploaded-dream\.{digest}\.png", artwork.image.name
    )
    folder = artwork.thumbnail.name.rsplit("/", 1)[0]
    assert re.fullmatch(r"gallery/thumbs/\d{4}/\d\d", folder)
    assert artwork.thumbnail.name == f"{folder}/uploaded-dream.{digest}-560.webp"
    assert (media_in_tmp / artwork.image.name).is_file()
    for width in (360, 560, 800, 900):
        with Image.open(media_in_tmp / folder / f"uploaded-dream.{digest}-{width}.webp") as variant:
            assert variant.format == "WEBP"
            assert variant.size == (width, round(width * 600 / 900))
    assert artwork.image_url.startswith("/media/gallery/originals/")
    assert artwork.thumbnail_url == f"/media/{folder}/uploaded-dream.{digest}-560.webp"
    assert artwork.srcset == ", ".join(
        f"/media/{folder}/uploaded-dream.{digest}-{w}.webp {w}w" for w in (360, 560, 800, 900)
    )
    assert artwork.absolute_image_url == "https://dreamcanvas.example.com" + artwork.image_url


def test_a_small_upload_gets_no_variant_wider_than_itself(admin_client, media_in_tmp):
    admin_client.post(ADD_URL, form_data(image=png_upload(size=(400, 500), mode="RGB")))
    artwork = Artwork.objects.get(slug="uploaded-dream")
    assert [c.split()[1] for c in artwork.srcset.split(", ")] == ["360w", "400w"]
    assert artwork.thumbnail.name is not None
    assert artwork.thumbnail.name.endswith("-400.webp")
    assert (artwork.thumb_width, artwork.thumb_height) == (400, 500)


def test_saving_an_artwork_again_keeps_its_files(admin_client, media_in_tmp):
    admin_client.post(ADD_URL, form_data(image=png_upload()))
    artwork = Artwork.objects.get(slug="uploaded-dream")
    names = (artwork.image.name, artwork.thumbnail.name)
    artwork.title = "Renamed"
    artwork.save()
    artwork.refresh_from_db()
    assert (artwork.image.name, artwork.thumbnail.name) == names


def test_an_uploaded_artwork_appears_in_the_gallery(admin_client, client):
    admin_client.post(ADD_URL, form_data(image=png_upload()))
    html = client.get("/ai-image-app/", {"q": "Uploaded Dream"}).content.decode()
    assert 'data-artwork="uploaded-dream"' in html
    assert 'width="560" height="373"' in html


def test_the_admin_refuses_an_artwork_without_any_image(admin_client):
    response = admin_client.post(ADD_URL, form_data())
    assert response.status_code == 200
    assert "Upload an image" in response.content.decode()
    assert not Artwork.objects.filter(slug="uploaded-dream").exists()


def test_the_admin_refuses_a_file_that_is_not_an_image(admin_client):
    bogus = SimpleUploadedFile("x.png", b"not an image", content_type="image/png")
    response = admin_client.post(ADD_URL, form_data(image=bogus))
    assert response.status_code == 200
    assert not Artwork.objects.filter(slug="uploaded-dream").exists()


def test_editing_a_seeded_artwork_keeps_its_static_image_and_size(admin_client):
    artwork = Artwork.objects.get(slug="corona-hour")
    url = f"/admin/gallery/artwork/{artwork.pk}/change/"
    assert admin_client.get(url).status_code == 200
    data = form_data(
        title="Corona Hour (edited)",
        slug="corona-hour",
        category="cosmic",
        prompt=artwork.prompt,
        static_image=artwork.static_image,
        static_thumbnail=artwork.static_thumbnail,
        likes=str(artwork.likes),
        views=str(artwork.views),
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    artwork.refresh_from_db()
    assert artwork.title == "Corona Hour (edited)"
    assert (artwork.width, artwork.height) == (1600, 1600)
    assert artwork.image_url == "/static/img/gallery/corona-hour.jpg"
    assert artwork.thumbnail_url == "/static/img/gallery/corona-hour-560.webp"


def test_the_admin_lists_and_searches_artworks_and_creators(admin_client):
    assert admin_client.get("/admin/gallery/artwork/", {"q": "nebula"}).status_code == 200
    assert (
        admin_client.get("/admin/gallery/artwork/", {"category__exact": "retro"}).status_code == 200
    )
    assert admin_client.get("/admin/gallery/creator/", {"q": "aiko"}).status_code == 200
