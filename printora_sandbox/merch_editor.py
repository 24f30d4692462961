"""The creator's merch design editor, at the ``editorUrl`` of a merch edit session.

The creator places the merch design on the product's print area (position and
scale), previews it and saves. Saving stores ``konvaMetadata`` on the merch and
spends the token: the link answers 410 after. Plain forms, no JavaScript needed.
"""

from __future__ import annotations

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from printora_sandbox import catalog, creator_services, mockups
from printora_sandbox.models import SandboxMerchEditSession

# The print area drawn on the page, in SVG units.
AREA = 300


class PlacementForm(forms.Form):
    x = forms.IntegerField(min_value=0, max_value=100, initial=50, label="Across (%)")
    y = forms.IntegerField(min_value=0, max_value=100, initial=50, label="Down (%)")
    scale = forms.IntegerField(min_value=10, max_value=200, initial=80, label="Width (%)")


def konva_metadata(product: catalog.CatalogProduct, placement: dict) -> dict:
    """What the sandbox stores as ``konvaMetadata``: where the design sits, in percent."""
    return {
        "version": 1,
        "productId": product.id,
        "printArea": {"width": AREA, "height": AREA},
        "design": {
            "x": placement["x"],
            "y": placement["y"],
            "scale": placement["scale"] / 100,
            "rotation": 0,
        },
    }


def _preview(placement: dict) -> dict:
    """The design's square on the print area: centred at (x, y), ``scale`` wide."""
    size = AREA * placement["scale"] / 100
    return {
        "size": round(size, 1),
        "left": round(AREA * placement["x"] / 100 - size / 2, 1),
        "top": round(AREA * placement["y"] / 100 - size / 2, 1),
    }


@require_http_methods(["GET", "HEAD", "POST"])
def page(request: HttpRequest, product_id: str, token: str) -> HttpResponse:
    edit = (
        SandboxMerchEditSession.objects.select_related("merch__creator")
        .filter(token=token, merch__product_id=product_id)
        .first()
    )
    product = catalog.catalog_product(product_id)
    if edit is None or product is None:
        raise Http404("No such merch editor session")
    try:
        creator_services.check_edit_session(edit)
    except creator_services.EditSessionClosed as closed:
        context = {"edit": edit, "closed": closed.message}
        return render(request, "printora_sandbox/merch_editor.html", context, status=410)
    saved = (edit.merch.konva_metadata or {}).get("design") or {}
    initial = {"x": saved.get("x", 50), "y": saved.get("y", 50)}
    initial["scale"] = round(saved.get("scale", 0.8) * 100)
    form = PlacementForm(request.POST or None, initial=initial)
    placement = initial
    status = 200
    if request.method == "POST":
        if not form.is_valid():
            status = 400
        elif request.POST.get("action") == "save":
            try:
                merch = creator_services.save_design(
                    edit=edit, konva_metadata=konva_metadata(product, form.cleaned_data)
                )
            except creator_services.EditSessionClosed as closed:
                context = {"edit": edit, "closed": closed.message}
                return render(request, "printora_sandbox/merch_editor.html", context, status=410)
            context = {"edit": edit, "merch": merch, "saved": True}
            return render(request, "printora_sandbox/merch_editor.html", context)
        else:
            placement = form.cleaned_data
    own = [v for v in product.variants if v.id in edit.merch.variant_ids]
    first = (own or list(product.variants))[0]
    context = {
        "edit": edit,
        "merch": edit.merch,
        "product": product,
        "form": form,
        "area": AREA,
        "box": _preview(placement),
        "sel": {"hex": first.colour.hex, "mockup": product.mockup},
        # The same placement on the product drawing, as the storefront will show it.
        "placed": mockups.placed_box(
            product.mockup,
            {"x": placement["x"], "y": placement["y"], "scale": placement["scale"] / 100},
        ),
        "art_url": edit.merch.design_image_url,
    }
    return render(request, "printora_sandbox/merch_editor.html", context, status=status)
