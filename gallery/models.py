"""DreamCanvas content: the creators, their AI artworks and their merch.

Each creator may be a Printora creator (``printora_creator_id``); their merch lives
at Printora and ``Merch`` is only a mirror of it, refreshed from the API by
``gallery.services`` (never invented or edited locally).

Seeded artworks point at files shipped under ``static/img/gallery/`` (made by
``gallery.artgen``); artworks added in the admin upload an image to MEDIA and get
their WebP variants (``gallery.imaging``) on save. Templates and the session service
use only ``image_url`` / ``thumbnail_url`` / ``srcset`` / ``absolute_image_url``,
which hide the difference.

Uploaded files get a hash of the original's content in their names, so MEDIA_URL
can be served with a long-lived ``Cache-Control`` (docs/DEPLOYMENT.md).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import RegexValidator
from django.db import models
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from gallery import imaging

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class Category(models.TextChoices):
    ABSTRACT = "abstract", "Abstract"
    COSMIC = "cosmic", "Cosmic"
    LANDSCAPE = "landscape", "Landscape"
    PATTERNS = "patterns", "Patterns"
    BOTANICAL = "botanical", "Botanical"
    RETRO = "retro", "Retro"


class Creator(models.Model):
    name = models.CharField(max_length=100)
    handle = models.CharField(
        max_length=40,
        unique=True,
        help_text="Shown as @handle. Letters, digits, dots and underscores.",
        validators=[RegexValidator(r"^[A-Za-z0-9._]+$", "Use letters, digits, dots and _.")],
    )
    avatar_color = models.CharField(
        max_length=7,
        default="#6d4aff",
        help_text="Background of the initials avatar, as #rrggbb.",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", "Use a colour like #6d4aff.")],
    )
    bio = models.TextField(blank=True)
    # The creator page's address: /ai-image-app/creators/<slug>/ (and Printora's slug).
    slug = models.SlugField(max_length=60, unique=True, null=True, blank=True)
    printora_creator_id = models.CharField(
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        help_text="The creator's id at Printora, set when the creator is registered there.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} (@{self.handle})"

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = self._free_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("gallery:creator", args=[self.slug]) if self.slug else ""

    def _free_slug(self) -> str:
        base = slugify(self.handle.replace(".", "-").replace("_", "-"))[:50] or "creator"
        slug, n = base, 2
        while Creator.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug

    @property
    def initials(self) -> str:
        parts = [p for p in self.name.split() if p[:1].isalnum()]
        letters = "".join(p[0] for p in parts[:1] + parts[1:][-1:])
        return (letters or self.handle[:2]).upper()


def upload_original(instance: Artwork, filename: str) -> str:
    # Artwork.save() has already named the file <slug>.<content hash><suffix>.
    return f"gallery/originals/{timezone.now():%Y/%m}/{PurePosixPath(filename).name}"


def upload_thumbnail(instance: Artwork, filename: str) -> str:
    """The folder and stem of an upload's variants (``<this>-<width>.webp``)."""
    return f"gallery/thumbs/{timezone.now():%Y/%m}/{PurePosixPath(filename).name}"


def validate_upload_size(file) -> None:
    if file.size > MAX_UPLOAD_BYTES:
        raise ValidationError("Images must be 20 MB or smaller.")


class Artwork(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=120)
    prompt = models.TextField()
    model_name = models.CharField("model", max_length=60, default="DreamCanvas XL 2.1")
    creator = models.ForeignKey(Creator, on_delete=models.PROTECT, related_name="artworks")
    image = models.ImageField(
        upload_to=upload_original,
        blank=True,
        validators=[validate_upload_size],
        help_text="Upload a print-ready image (1600 px or more on the long side is best).",
    )
    thumbnail = models.ImageField(upload_to=upload_thumbnail, blank=True, editable=False)
    static_image = models.CharField(
        max_length=200,
        blank=True,
        help_text="For artworks shipped with the site: a path under static/, "
        "e.g. img/gallery/corona-hour.jpg. An upload takes precedence.",
    )
    static_thumbnail = models.CharField(max_length=200, blank=True)
    width = models.PositiveIntegerField(default=0, editable=False)
    height = models.PositiveIntegerField(default=0, editable=False)
    likes = models.PositiveIntegerField(default=0)
    views = models.PositiveIntegerField(default=0)
    tags = models.JSONField(default=list, blank=True)
    category = models.CharField(max_length=20, choices=Category.choices)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created", "-id"]
        indexes = [
            models.Index(fields=["category", "-created"], name="artwork_category_created"),
            models.Index(fields=["-created"], name="artwork_created"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        # A file assigned since loading (an admin upload) is not yet committed to
        # storage: that is the moment to measure it and cut its variants.
        if self.image and not getattr(self.image, "_committed", True):
            self._store_upload_variants()
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "width", "height", "thumbnail"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("gallery:detail", args=[self.slug])

    def _store_upload_variants(self) -> None:
        assert self.image.name, "save() calls this only for a newly assigned file"
        upload = imaging.read_upload(self.image.file)
        self.width, self.height = upload.width, upload.height
        original = PurePosixPath(self.image.name)
        stem = f"{self.slug or original.stem}.{upload.digest}"
        # upload_original() keeps this name: the content hash makes it immutable.
        self.image.name = stem + (original.suffix.lower() or ".jpg")
        base = upload_thumbnail(self, stem)
        storage = self.thumbnail.storage
        for width, data in upload.variants.items():
            name = imaging.variant_name(base, width)
            # A hashed name that exists holds these very bytes (the same upload again).
            if not storage.exists(name):
                saved = storage.save(name, ContentFile(data))
                if saved != name:  # a concurrent save of the same bytes won the name
                    storage.delete(saved)
        self.thumbnail.name = imaging.variant_name(base, imaging.thumb_width(upload.width))

    def clean(self) -> None:
        if not self.image and not self.static_image:
            raise ValidationError({"image": "Upload an image (or give a static image path)."})

    @property
    def image_url(self) -> str:
        """Site-relative (or storage-absolute) URL of the full image."""
        if self.image:
            return self.image.url
        if self.static_image:
            return static(self.static_image)
        return ""

    @property
    def thumbnail_url(self) -> str:
        """The card-sized WebP (or, for an artwork without variants, the image itself)."""
        if self.thumbnail:
            return self.thumbnail.url
        if self.static_thumbnail:
            return static(self.static_thumbnail)
        return self.image_url

    def _variant_urls(self) -> list[tuple[int, str]]:
        url: Callable[[str], str]
        if self.thumbnail.name:  # what `if self.thumbnail` tests, in a form mypy narrows
            base, url = imaging.variant_base(self.thumbnail.name), self.thumbnail.storage.url
        else:
            base, url = imaging.variant_base(self.static_thumbnail), static
        if base is None:  # a thumbnail from before variants existed: no srcset
            return []
        return [(w, url(imaging.variant_name(base, w))) for w in imaging.variant_widths(self.width)]

    @property
    def srcset(self) -> str:
        """``url 360w, url 560w, …`` for ``<img srcset>``; empty when there are no variants."""
        return ", ".join(f"{url} {width}w" for width, url in self._variant_urls())

    @property
    def large_url(self) -> str:
        """The artwork page's plain ``src``: the 800 px variant (or the image itself)."""
        urls = dict(self._variant_urls())
        return urls.get(min(800, self.width)) or self.image_url

    @property
    def absolute_image_url(self) -> str:
        """The URL Printora fetches the artwork from: it must be absolute and public."""
        url = self.image_url
        if url.startswith(("http://", "https://")):
            return url
        return settings.APP_URL.rstrip("/") + url

    @property
    def orientation(self) -> str:
        if not self.width or not self.height:
            return "square"
        ratio = self.width / self.height
        return "landscape" if ratio > 1.05 else "portrait" if ratio < 0.95 else "square"

    @property
    def thumb_width(self) -> int:
        return imaging.thumb_width(self.width)

    @property
    def thumb_height(self) -> int:
        if not self.width or not self.height:
            return imaging.THUMB_WIDTH
        return max(1, round(self.height * self.thumb_width / self.width))


class Merch(models.Model):
    """A mirror of one Printora merch item: written only from Printora's replies."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        INACTIVE = "inactive", "Inactive"
        ARCHIVED = "archived", "Archived"

    printora_merch_id = models.CharField(max_length=64, unique=True)
    creator = models.ForeignKey(Creator, on_delete=models.CASCADE, related_name="merch")
    # The artwork the design came from, when it is one of ours.
    artwork = models.ForeignKey(
        Artwork, on_delete=models.SET_NULL, null=True, blank=True, related_name="merch"
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    design_image_url = models.URLField(max_length=2048, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    product_id = models.CharField(max_length=64, blank=True)
    product_name = models.CharField(max_length=120, blank=True)
    stock_limit = models.PositiveIntegerField(null=True, blank=True)  # null: unlimited
    stock_sold = models.PositiveIntegerField(default=0)
    has_design = models.BooleanField(default=False)
    # [{"id", "color", "colorCode", "size", "price"}], as Printora listed them.
    variants = models.JSONField(default=list, blank=True)
    refreshed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["creator__name", "title", "id"]
        verbose_name_plural = "merch"

    def __str__(self) -> str:
        return self.title

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    @property
    def stock_remaining(self) -> int | None:
        if self.stock_limit is None:
            return None
        return max(self.stock_limit - self.stock_sold, 0)

    @property
    def sold_out(self) -> bool:
        return self.stock_limit is not None and self.stock_sold >= self.stock_limit

    @property
    def max_quantity(self) -> int:
        """What one order may ask for: Printora's 1-100, and no more than is left."""
        left = self.stock_remaining
        return 100 if left is None else min(100, left)

    @property
    def stock_label(self) -> str:
        if self.stock_limit is None:
            return "Unlimited"
        if self.sold_out:
            return "Sold out"
        return f"{self.stock_remaining}/{self.stock_limit} left"

    @property
    def colours(self) -> list[dict]:
        """``[{"name", "code", "sizes": [{"size", "variant", "price"}]}]`` in Printora's order."""
        found: dict[str, dict] = {}
        for v in self.variants:
            colour = found.setdefault(
                v.get("color") or "", {"name": v.get("color") or "", "code": v.get("colorCode")}
            )
            colour.setdefault("sizes", []).append(
                {"size": v.get("size") or "", "variant": v["id"], "price": v.get("price")}
            )
        return list(found.values())

    @property
    def sizes(self) -> list[str]:
        """Every size, in Printora's order. A colour missing one is refused with a sentence
        when ordered (the studio makes every chosen colour in every chosen size)."""
        return list(dict.fromkeys(v.get("size") or "" for v in self.variants))

    @property
    def prices(self) -> list[float]:
        return sorted({float(v["price"]) for v in self.variants if v.get("price") is not None})

    @property
    def price_label(self) -> str:
        prices = self.prices
        if not prices:
            return ""
        low, high = prices[0], prices[-1]
        return f"${low:.2f}" if low == high else f"${low:.2f}–${high:.2f}"

    def variant(self, variant_id: str) -> dict | None:
        return next((v for v in self.variants if v.get("id") == variant_id), None)

    def find_variant(self, colour: str, size: str) -> dict | None:
        return next(
            (v for v in self.variants if v.get("color") == colour and v.get("size") == size), None
        )
