from __future__ import annotations

from django import forms


class CreateSessionForm(forms.Form):
    image_url = forms.URLField(
        label="Image URL",
        max_length=2048,
        assume_scheme="https",
        help_text="A public PNG or JPEG; Printora fetches it (about 2000×2000 px is ideal).",
        widget=forms.URLInput(attrs={"placeholder": "https://…/design.png"}),
    )
    customer_name = forms.CharField(label="Customer name", max_length=200, required=False)
    customer_email = forms.EmailField(label="Customer email", required=False)

    def clean_image_url(self) -> str:
        url = self.cleaned_data["image_url"]
        if not url.lower().startswith(("http://", "https://")):
            raise forms.ValidationError("Use an http(s) URL that Printora can fetch.")
        return url
