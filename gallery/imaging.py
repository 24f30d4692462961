"""Thumbnails for uploaded artworks (the seeded ones ship theirs, see gallery.artgen)."""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.core.files.base import ContentFile
from PIL import Image, ImageOps

THUMB_WIDTH = 480
THUMB_QUALITY = 82


@dataclass(frozen=True)
class Thumbnail:
    content: ContentFile
    width: int  # of the original, as displayed (EXIF rotation applied)
    height: int


def make_thumbnail(file) -> Thumbnail:
    """Read an uploaded image file; return a JPEG thumbnail and the original's dimensions.

    The file is rewound afterwards so Django can still store the original.
    """
    file.seek(0)
    with Image.open(file) as opened:
        # Phones store portrait photos sideways plus an EXIF flag; browsers honour
        # the flag, so width/height must describe the rotated image.
        image = ImageOps.exif_transpose(opened)
        width, height = image.size
        if image.mode not in ("RGB", "L"):
            rgba = image.convert("RGBA")
            image = Image.new("RGB", rgba.size, (255, 255, 255))
            image.paste(rgba, mask=rgba.getchannel("A"))
        elif image.mode == "L":
            image = image.convert("RGB")
        if width > THUMB_WIDTH:
            image = image.resize(
                (THUMB_WIDTH, max(1, round(height * THUMB_WIDTH / width))),
                Image.Resampling.LANCZOS,
            )
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=THUMB_QUALITY, optimize=True, progressive=True)
    file.seek(0)
    return Thumbnail(ContentFile(buffer.getvalue()), width, height)
