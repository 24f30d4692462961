"""The gallery's image variants: a few WebP widths of every artwork, for ``srcset``.

One rule for both kinds of artwork: the shipped ones (``gallery.artgen`` writes their
variants under ``static/img/gallery/``) and admin uploads (``Artwork.save`` writes
theirs to MEDIA). A variant is named ``<base>-<width>.webp``; the widths an artwork
has follow from its own width (``variant_widths``), so the names never need storing.
The original (a print-ready JPEG or the uploaded file) is kept as is: Printora
downloads that one, not a variant.

Every evergreen browser reads WebP (Safari since 14), so there is no JPEG fallback.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass

from PIL import Image, ImageFilter, ImageOps

# Chromium takes the smallest file at least as wide as the slot times the pixel ratio.
# 360: a card at 1440 px (277 CSS px, 1x) or on a 375 px phone (162 CSS px, 2x); 560:
# the same at 2x/3x, and the card's plain ``src``; 800 and 1600: the artwork page
# (580 CSS px at 1440, 1x and 2x). Full width is the cap: never upscaled.
VARIANT_WIDTHS = (360, 560, 800, 1600)
THUMB_WIDTH = 560
WEBP_QUALITY = 75
# Fine texture (halftone dots, film grain) shrinks into costly noise: above this many
# bytes per pixel a card-sized variant is re-made from a slightly softened source (the
# artwork page's variants keep every dot).
MAX_BYTES_PER_PIXEL = 0.15
DIGEST_LENGTH = 12

_VARIANT_NAME = re.compile(r"^(?P<base>.+)-(?P<width>\d+)\.webp$")


def variant_widths(width: int) -> list[int]:
    """The variant widths of an image ``width`` px wide (no upscaling: capped at its width)."""
    if width <= 0:
        return []
    return sorted({min(w, width) for w in VARIANT_WIDTHS})


def thumb_width(width: int) -> int:
    """The width of the card variant (the plain ``src``): the largest up to ``THUMB_WIDTH``."""
    return max((w for w in variant_widths(width) if w <= THUMB_WIDTH), default=THUMB_WIDTH)


def variant_name(base: str, width: int) -> str:
    return f"{base}-{width}.webp"


def variant_base(name: str) -> str | None:
    """``img/gallery/x-560.webp`` → ``img/gallery/x``; None for a name that is no variant."""
    match = _VARIANT_NAME.match(name or "")
    return match["base"] if match else None


def content_digest(data: bytes) -> str:
    """The short content hash put in uploaded file names, so they can be cached for ever."""
    return hashlib.sha256(data).hexdigest()[:DIGEST_LENGTH]


def webp_bytes(image: Image.Image, quality: int = WEBP_QUALITY) -> bytes:
    # method=6: the slowest, smallest encoding; it is done once per image. libwebp is
    # deterministic, so the same pixels give the same bytes (and the same hashed name).
    buffer = io.BytesIO()
    image.save(buffer, "WEBP", quality=quality, method=6)
    return buffer.getvalue()


def resized(image: Image.Image, width: int) -> Image.Image:
    if width >= image.width:
        return image
    height = max(1, round(image.height * width / image.width))
    return image.resize((width, height), Image.Resampling.LANCZOS)


def encode_variants(image: Image.Image) -> dict[int, bytes]:
    """Every variant of an RGB image, as WebP bytes by width."""
    return {w: _variant(image, w) for w in variant_widths(image.width)}


def _variant(image: Image.Image, width: int) -> bytes:
    small = resized(image, width)
    limit = MAX_BYTES_PER_PIXEL * small.width * small.height
    data = webp_bytes(small)
    for radius in (0.6, 1.2, 2.4):
        if len(data) <= limit or width > THUMB_WIDTH:
            break
        scale = image.width / width  # soften in the variant's pixels, whatever the source
        data = webp_bytes(resized(image.filter(ImageFilter.GaussianBlur(radius * scale)), width))
    return data


@dataclass(frozen=True)
class Upload:
    width: int  # of the original, as displayed (EXIF rotation applied)
    height: int
    digest: str  # of the original file's bytes
    variants: dict[int, bytes]


def read_upload(file) -> Upload:
    """Read an uploaded image file: its displayed size, content hash and WebP variants.

    The file is rewound afterwards so Django can still store the original.
    """
    file.seek(0)
    digest = hashlib.sha256()
    for chunk in iter(lambda: file.read(1 << 20), b""):
        digest.update(chunk)
    file.seek(0)
    with Image.open(file) as opened:
        # Phones store portrait photos sideways plus an EXIF flag; browsers honour
        # the flag, so width/height must describe the rotated image.
        image = ImageOps.exif_transpose(opened)
        if image.mode not in ("RGB", "L"):
            rgba = image.convert("RGBA")
            image = Image.new("RGB", rgba.size, (255, 255, 255))
            image.paste(rgba, mask=rgba.getchannel("A"))
        elif image.mode == "L":
            image = image.convert("RGB")
        upload = Upload(
            image.width, image.height, digest.hexdigest()[:DIGEST_LENGTH], encode_variants(image)
        )
    file.seek(0)
    return upload
