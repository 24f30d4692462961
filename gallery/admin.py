from __future__ import annotations

from django import forms
from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html

from gallery.models import Artwork, Creator, Merch


@admin.register(Creator)
class CreatorAdmin(admin.ModelAdmin):
    list_display = ("avatar", "name", "handle", "artwork_count")
    list_display_links = ("avatar", "name")
    search_fields = ("name", "handle", "bio")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(artwork_count=Count("artworks"))

    @admin.display(description="")
    def avatar(self, obj: Creator) -> str:
        return format_html(
            '<span style="display:inline-grid;place-items:center;width:28px;height:28px;'
            'border-radius:50%;background:{};color:#fff;font-weight:700;font-size:11px">{}</span>',
            obj.avatar_color,
            obj.initials,
        )

    @admin.display(description="Artworks", ordering="artwork_count")
    def artwork_count(self, obj: Creator) -> int:
        return int(getattr(obj, "artwork_count", 0))  # annotated by get_queryset


class ArtworkAdminForm(forms.ModelForm):
    # Comma-separated in the form, a JSON list in the database.
    tags = forms.CharField(required=False, help_text="Comma-separated, e.g. nebula, space, stars.")

    class Meta:
        model = Artwork
        fields = (
            "title",
            "slug",
            "creator",
            "category",
            "model_name",
            "prompt",
            "tags",
            "image",
            "static_image",
            "static_thumbnail",
            "likes",
            "views",
        )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and isinstance(self.instance.tags, list):
            self.initial["tags"] = ", ".join(self.instance.tags)

    def clean_tags(self) -> list[str]:
        seen: list[str] = []
        for tag in self.cleaned_data.get("tags", "").split(","):
            tag = " ".join(tag.split()).lower()[:40]
            if tag and tag not in seen:
                seen.append(tag)
        return seen


@admin.register(Artwork)
class ArtworkAdmin(admin.ModelAdmin):
    form = ArtworkAdminForm
    list_display = (
        "preview",
        "title",
        "creator",
        "category",
        "model_name",
        "likes",
        "views",
        "created",
    )
    list_display_links = ("preview", "title")
    list_filter = ("category", "model_name", "creator")
    search_fields = ("title", "slug", "prompt", "tags", "creator__name", "creator__handle")
    list_select_related = ("creator",)
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = ("preview_large", "width", "height", "created")
    date_hierarchy = "created"
    fieldsets = (
        (
            None,
            {"fields": ("title", "slug", "creator", "category", "model_name", "prompt", "tags")},
        ),
        ("Image", {"fields": ("image", "preview_large", "width", "height")}),
        (
            "Shipped with the site",
            {"classes": ("collapse",), "fields": ("static_image", "static_thumbnail")},
        ),
        ("Stats", {"fields": ("likes", "views", "created")}),
    )

    @admin.display(description="")
    def preview(self, obj: Artwork) -> str:
        if not obj.thumbnail_url:
            return "—"
        return format_html(
            '<img src="{}" alt="" style="height:48px;border-radius:6px">', obj.thumbnail_url
        )

    @admin.display(description="Preview")
    def preview_large(self, obj: Artwork) -> str:
        if not obj.pk or not obj.thumbnail_url:
            return "Saved artworks show their thumbnail here."
        return format_html(
            '<img src="{}" alt="" style="max-width:240px;border-radius:8px">', obj.thumbnail_url
        )


@admin.register(Merch)
class MerchAdmin(admin.ModelAdmin):
    """Read only: merch lives at Printora; change it in the creator studio (/studio/)."""

    list_display = ("title", "creator", "product_name", "stock_label", "status", "refreshed_at")
    list_filter = ("status", "creator")
    search_fields = ("title", "printora_merch_id", "creator__name")
    list_select_related = ("creator",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
