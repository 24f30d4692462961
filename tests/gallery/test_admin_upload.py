from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

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


def test_uploading_an_image_in_the_admin_creates_the_artwork_with_a_thumbnail(
    admin_client, media_in_tmp
):
    response = admin_client.post(ADD_URL, form_data(image=png_upload()))
    assert response.status_code == 302, response.content.decode()[:2000]
    artwork = Artwork.objects.get(slug="uploaded-dream")
    assert (artwork.width, artwork.height) == (900, 600)
    assert artwork.tags == ["test", "upload"]
    assert (artwork.image.name or "").startswith("gallery/originals/")
    assert (artwork.thumbnail.name or "").startswith("gallery/thumbs/")
    assert (media_in_tmp / artwork.image.name).is_file()
    with Image.open(media_in_tmp / artwork.thumbnail.name) as thumb:
        assert thumb.format == "JPEG"
        assert thumb.size == (480, 320)
    assert artwork.image_url.startswith("/media/gallery/originals/")
    assert artwork.thumbnail_url.startswith("/media/gallery/thumbs/")
    assert artwork.absolute_image_url == "https://dreamcanvas.example.com" + artwork.image_url


def test_an_uploaded_artwork_appears_in_the_gallery(admin_client, client):
    admin_client.post(ADD_URL, form_data(image=png_upload()))
    html = client.get("/ai-image-app/", {"q": "Uploaded Dream"}).content.decode()
    assert 'data-artwork="uploaded-dream"' in html
    assert 'width="480" height="320"' in html


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


def test_the_admin_lists_and_searches_artworks_and_creators(admin_client):
    assert admin_client.get("/admin/gallery/artwork/", {"q": "nebula"}).status_code == 200
    assert (
        admin_client.get("/admin/gallery/artwork/", {"category__exact": "retro"}).status_code == 200
    )
    assert admin_client.get("/admin/gallery/creator/", {"q": "aiko"}).status_code == 200
