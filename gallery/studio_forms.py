"""The creator studio's forms: a new merch item, and an edit of one."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from gallery.models import Artwork
from printora_client.models import Product


class NewMerchForm(forms.Form):
    """One catalog product; colours with all (or chosen) sizes; a design from the
    creator's artworks or an image URL; an optional stock limit."""

    product = forms.CharField(widget=forms.HiddenInput)
    title = forms.CharField(max_length=200)
    description = forms.CharField(
        required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    colours = forms.MultipleChoiceField(widget=forms.CheckboxSelectMultiple)
    sizes = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave all unticked for every size.",
    )
    artwork = forms.ChoiceField(required=False, widget=forms.RadioSelect, label="Design")
    image_url = forms.URLField(
        required=False, max_length=2048, label="…or an image URL", assume_scheme="https"
    )
    stock_limit = forms.IntegerField(
        required=False, min_value=1, max_value=100000, help_text="Blank: unlimited."
    )

    def __init__(self, *args, product: Product, artworks: list[Artwork], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.catalog_product = product
        self.artworks = {a.slug: a for a in artworks}
        self.fields["product"].initial = product.id
        colours = dict.fromkeys(v.color or "" for v in product.variants)
        sizes = dict.fromkeys(v.size or "" for v in product.variants)
        self._choices("colours", [(c, c) for c in colours])
        self._choices("sizes", [(s, s) for s in sizes])
        self._choices("artwork", [(a.slug, a.title) for a in artworks])

    def _choices(self, name: str, choices: list[tuple[str, str]]) -> None:
        cast(forms.ChoiceField, self.fields[name]).choices = choices

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        artwork = self.artworks.get(data.get("artwork") or "")
        if not artwork and not data.get("image_url") and not self.has_error("image_url"):
            raise forms.ValidationError(
                "Choose one of the creator's artworks or give an image URL."
            )
        if artwork and data.get("image_url"):
            raise forms.ValidationError("Choose an artwork or give an image URL, not both.")
        data["artwork_row"] = artwork
        data["design_image_url"] = artwork.absolute_image_url if artwork else data.get("image_url")
        colours, sizes = set(data.get("colours") or ()), set(data.get("sizes") or ())
        data["variant_ids"] = [
            v.id
            for v in self.catalog_product.variants
            if v.color in colours and (not sizes or v.size in sizes)
        ]
        if colours and not data["variant_ids"]:
            raise forms.ValidationError(
                f"{self.catalog_product.name} is not made in those colours and sizes."
            )
        return data


class EditMerchForm(forms.Form):
    title = forms.CharField(max_length=200)
    description = forms.CharField(
        required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    stock_limit = forms.IntegerField(
        required=False, min_value=1, max_value=100000, help_text="Blank: unlimited."
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=[(s, s) for s in ("active", "inactive", "archived")])
