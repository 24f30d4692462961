"""Point the seeded artworks' thumbnails at their WebP variants.

``gallery.artgen`` no longer writes ``<slug>-thumb.jpg``; it writes
``<slug>-<width>.webp`` (``gallery.imaging``), of which ``-560.webp`` is the card's
plain ``src``. Only rows still holding the old seeded path are changed, so an
artwork whose thumbnail an editor changed keeps it.
"""

from django.db import migrations

OLD, NEW = "img/gallery/{slug}-thumb.jpg", "img/gallery/{slug}-560.webp"


def _move(apps, old: str, new: str) -> None:
    Artwork = apps.get_model("gallery", "Artwork")
    for artwork in Artwork.objects.filter(static_thumbnail__startswith="img/gallery/"):
        if artwork.static_thumbnail == old.format(slug=artwork.slug):
            artwork.static_thumbnail = new.format(slug=artwork.slug)
            artwork.save(update_fields=["static_thumbnail"])


def forwards(apps, schema_editor):
    _move(apps, OLD, NEW)


def backwards(apps, schema_editor):
    _move(apps, NEW, OLD)


class Migration(migrations.Migration):
    dependencies = [("gallery", "0002_seed_gallery")]

    operations = [migrations.RunPython(forwards, backwards)]
