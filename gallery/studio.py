"""The creator studio at /studio/: a creator's merch at Printora, made and changed there.

Every write goes through ``gallery.services`` (so ``printora_client``) and the page
shows Printora's answer: a refusal says what went wrong and leaves the mirror as it
was. Who may use it: the dashboard's rule (staff, or everyone in a public demo, with
the same visible notice).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dreamcanvas import access
from dreamcanvas.printora import get_client
from gallery import extensions, selectors, services
from gallery.models import Creator, Merch
from gallery.studio_forms import EditMerchForm, NewMerchForm, StatusForm
from printora_client import PrintoraError
from printora_client.models import Product

View = Callable[..., HttpResponse]


def studio_access(view: View) -> View:
    """The dashboard's rule: public when DASHBOARD_PUBLIC is on, else staff; anonymous
    visitors go to sign in, signed-in non-staff get 403."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not access.may_see_dashboard(request):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise PermissionDenied("The creator studio is for staff users.")
        return view(request, *args, **kwargs)

    return wrapper


def _page(request: HttpRequest, template: str, context: dict, status: int = 200) -> HttpResponse:
    context = {"studio_public": not access.is_staff(request), **context}
    return render(request, f"gallery/studio/{template}", context, status=status)


def _creator(slug: str) -> Creator:
    return get_object_or_404(Creator, slug=slug)


def _merch(creator: Creator, merch_id: str) -> Merch:
    return get_object_or_404(Merch, creator=creator, printora_merch_id=merch_id)


def _back(creator: Creator) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("studio:creator", args=[creator.slug]))


@require_GET
@studio_access
def index(request: HttpRequest) -> HttpResponse:
    creators = Creator.objects.order_by("name")
    return _page(request, "index.html", {"creators": creators})


@require_GET
@studio_access
def creator(request: HttpRequest, slug: str) -> HttpResponse:
    """The creator's merch as Printora has it now (the mirror is refreshed first), and stats."""
    found = _creator(slug)
    problems: list[str] = []
    stats = None
    if found.printora_creator_id:
        try:
            services.refresh_merch(creator=found)
            stats = services.creator_stats(creator=found)
        except services.PrintoraWriteError as exc:
            problems.append(f"{exc} The merch below is as Printora last told us.")
    merch = list(found.merch.select_related("artwork").order_by("status", "title"))
    context = {
        "creator": found,
        "merch": merch,
        "stats": stats,
        "figures": extensions.studio_figures(found),
        "problems": problems,
    }
    return _page(request, "creator.html", context)


@require_POST
@studio_access
def register(request: HttpRequest, slug: str) -> HttpResponse:
    found = _creator(slug)
    try:
        services.register_creator(creator=found)
    except services.PrintoraWriteError as exc:
        messages.error(request, f"{found.name} was not registered. {exc}")
    else:
        messages.success(request, f"Printora registered {found.name}.")
    return _back(found)


def _catalog() -> list[Product]:
    try:
        return list(get_client().catalog.iter_products())
    except PrintoraError as exc:
        raise services.explain(exc) from exc


@require_http_methods(["GET", "POST"])
@studio_access
def new_merch(request: HttpRequest, slug: str) -> HttpResponse:
    """Pick a product (a link per product), then the form for it; without JavaScript."""
    found = _creator(slug)
    try:
        products = _catalog()
    except services.PrintoraWriteError as exc:
        return _page(request, "new.html", {"creator": found, "problem": str(exc)}, status=503)
    wanted = request.POST.get("product") or request.GET.get("product") or ""
    product = next((p for p in products if p.id == wanted), None)
    context: dict[str, Any] = {"creator": found, "products": products, "product": product}
    if product is None:
        if request.method == "POST":
            context["problem"] = "Choose a product from Printora's catalog."
            return _page(request, "new.html", context, status=400)
        return _page(request, "new.html", context)
    artworks = list(selectors.artworks_of(found))
    form = NewMerchForm(request.POST or None, product=product, artworks=artworks)
    context["form"] = form
    if request.method == "GET":
        return _page(request, "new.html", context)
    if not form.is_valid():
        return _page(request, "new.html", context, status=400)
    data = form.cleaned_data
    try:
        created = services.create_merch(
            creator=found,
            title=data["title"],
            product_id=product.id,
            variant_ids=data["variant_ids"],
            design_image_url=data["design_image_url"],
            description=data["description"],
            stock_limit=data["stock_limit"],
            artwork=data["artwork_row"],
        )
    except services.PrintoraWriteError as exc:
        context["problem"] = f"Nothing was created. {exc}"
        return _page(request, "new.html", context, status=_status(exc))
    context = {"creator": found, "merch": created.merch, "edit_session": created.edit_session}
    return _page(request, "editor_link.html", {**context, "just_created": True}, status=201)


def _status(exc: services.PrintoraWriteError) -> int:
    return exc.status if exc.status and 400 <= exc.status < 600 else 502


@require_http_methods(["GET", "POST"])
@studio_access
def edit_merch(request: HttpRequest, slug: str, merch_id: str) -> HttpResponse:
    found = _creator(slug)
    item = _merch(found, merch_id)
    initial = {
        "title": item.title,
        "description": item.description,
        "stock_limit": item.stock_limit,
    }
    form = EditMerchForm(request.POST or None, initial=initial)
    context: dict[str, Any] = {"creator": found, "merch": item, "form": form}
    if request.method == "GET":
        return _page(request, "edit.html", context)
    if not form.is_valid():
        return _page(request, "edit.html", context, status=400)
    try:
        services.update_merch(
            merch=item,
            title=form.cleaned_data["title"],
            description=form.cleaned_data["description"] or None,
            stock_limit=form.cleaned_data["stock_limit"],
        )
    except services.PrintoraWriteError as exc:
        context["problem"] = f"Nothing was changed. {exc}"
        return _page(request, "edit.html", context, status=_status(exc))
    messages.success(request, f"Printora saved “{form.cleaned_data['title']}”.")
    return _back(found)


@require_POST
@studio_access
def set_status(request: HttpRequest, slug: str, merch_id: str) -> HttpResponse:
    found = _creator(slug)
    item = _merch(found, merch_id)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose active, inactive or archived.")
        return _back(found)
    status = form.cleaned_data["status"]
    try:
        item = services.update_merch(merch=item, status=status)
    except services.PrintoraWriteError as exc:
        messages.error(request, f"“{item.title}” was not changed. {exc}")
    else:
        messages.success(request, f"Printora set “{item.title}” to {item.status}.")
    return _back(found)


@require_POST
@studio_access
def editor_link(request: HttpRequest, slug: str, merch_id: str) -> HttpResponse:
    """A fresh design-editor link: the previous one is spent once a design is saved."""
    found = _creator(slug)
    item = _merch(found, merch_id)
    try:
        edit_session = services.new_edit_session(merch=item)
    except services.PrintoraWriteError as exc:
        messages.error(request, f"No new editor link for “{item.title}”. {exc}")
        return _back(found)
    context = {"creator": found, "merch": item, "edit_session": edit_session}
    return _page(request, "editor_link.html", context)
