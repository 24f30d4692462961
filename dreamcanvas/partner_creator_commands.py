"""``manage.py printora catalog|creators|merch``: the creator platform, one function per call.

The same style as ``dreamcanvas/partner_commands.py`` (sessions, orders, webhooks):
each function only calls ``printora_client`` and says what to show;
``dreamcanvas/partner_cli.py`` renders it, pages it and turns errors into one line
and an exit code. Kept apart only so that neither module grows past a few hundred lines.
"""

from __future__ import annotations

from argparse import ArgumentParser, Namespace

from dreamcanvas.partner_cli import (
    Column,
    Progress,
    Record,
    Table,
    action,
    listing,
    paging_arguments,
    resource,
)
from printora_client import Merch, PrintoraClient, Product


def lowest_price(product: Product) -> str | None:
    prices = [v.end_price for v in product.variants if v.end_price is not None]
    return f"{min(prices):.2f}" if prices else None


def stock(merch: Merch) -> str:
    if merch.stock_limit is None:
        return "unlimited"
    remaining = "?" if merch.stock_remaining is None else merch.stock_remaining
    return f"{remaining} of {merch.stock_limit}"


def yes_no(value: bool | None) -> str | None:
    return None if value is None else ("yes" if value else "no")


# --- catalog ---------------------------------------------------------------------------

resource("catalog", "the products merch can be made on")

PRODUCT_COLUMNS = [
    Column("PRODUCT", lambda p: p.id),
    Column("NAME", lambda p: p.name),
    Column("CATEGORY", lambda p: p.category),
    Column("VARIANTS", lambda p: len(p.variants)),
    Column("FROM", lowest_price),
]


def _catalog_list_arguments(parser: ArgumentParser) -> None:
    parser.add_argument("--category", help="e.g. apparel")
    parser.add_argument("--search", help="words in the name or description")
    paging_arguments(parser)


@action("catalog", "list", "list products with their variants", _catalog_list_arguments)
def catalog_list(client: PrintoraClient, args: Namespace, progress: Progress) -> Table:
    def fetch(limit: int, offset: int):
        return client.catalog.list_products(
            limit=limit, offset=offset, category=args.category, search=args.search
        )

    return listing(args, fetch, "products", PRODUCT_COLUMNS, "products", progress)


# --- creators --------------------------------------------------------------------------

resource("creators", "the creators of this partner's platform")

CREATOR_COLUMNS = [
    Column("CREATOR", lambda c: c.id),
    Column("NAME", lambda c: c.name),
    Column("SLUG", lambda c: c.slug),
    Column("STATUS", lambda c: c.status),
    Column("EMAIL", lambda c: c.email),
    Column("CREATED", lambda c: c.created_at),
]
CREATOR_FIELDS = [
    ("Creator", lambda c: c.id),
    ("Name", lambda c: c.name),
    ("Slug", lambda c: c.slug),
    ("Status", lambda c: c.status),
    ("Email", lambda c: c.email),
    ("Description", lambda c: c.description),
    ("Logo URL", lambda c: c.logo_url),
    ("Created", lambda c: c.created_at),
    ("Updated", lambda c: c.updated_at),
]


def _creator_list_arguments(parser: ArgumentParser) -> None:
    parser.add_argument("--status", help="active, inactive or suspended")
    paging_arguments(parser)


@action("creators", "list", "list creators", _creator_list_arguments)
def creator_list(client: PrintoraClient, args: Namespace, progress: Progress) -> Table:
    def fetch(limit: int, offset: int):
        return client.creators.list(limit=limit, offset=offset, status=args.status)

    return listing(args, fetch, "creators", CREATOR_COLUMNS, "creators", progress)


def _creator_create_arguments(parser: ArgumentParser) -> None:
    parser.add_argument("--name", required=True)
    parser.add_argument("--slug", help="lowercase-words (default: derived from the name)")
    parser.add_argument("--email")
    parser.add_argument("--description")
    parser.add_argument("--logo-url")
    parser.add_argument("--idempotency-key", help="reuse to retry the same request safely")


@action("creators", "create", "register a creator", _creator_create_arguments)
def creator_create(client: PrintoraClient, args: Namespace, progress: Progress) -> Record:
    creator = client.creators.create(
        name=args.name,
        slug=args.slug,
        email=args.email,
        description=args.description,
        logo_url=args.logo_url,
        idempotency_key=args.idempotency_key,
    )
    return Record(CREATOR_FIELDS, creator)


def _creator_get_arguments(parser: ArgumentParser) -> None:
    parser.add_argument("creator_id", metavar="CREATOR_ID")


@action("creators", "get", "show one creator", _creator_get_arguments)
def creator_get(client: PrintoraClient, args: Namespace, progress: Progress) -> Record:
    return Record(CREATOR_FIELDS, client.creators.get(args.creator_id))


# --- merch -----------------------------------------------------------------------------

resource("merch", "a creator's merch: one design on one product")

MERCH_COLUMNS = [
    Column("MERCH", lambda m: m.id),
    Column("TITLE", lambda m: m.title),
    Column("PRODUCT", lambda m: m.product.name if m.product else None),
    Column("STATUS", lambda m: m.status),
    Column("STOCK", stock),
    Column("DESIGN", lambda m: yes_no(m.has_design)),
    Column("CREATED", lambda m: m.created_at),
]
MERCH_FIELDS = [
    ("Merch", lambda m: m.id),
    ("Title", lambda m: m.title),
    ("Status", lambda m: m.status),
    ("Product", lambda m: m.product.name if m.product else None),
    ("Product id", lambda m: m.product.id if m.product else None),
    ("Variants", lambda m: ", ".join(v.id for v in m.variants) or None),
    ("Stock", stock),
    ("Design placed", lambda m: yes_no(m.has_design)),
    ("Design image", lambda m: m.design_image_url),
    ("Description", lambda m: m.description),
    ("Created", lambda m: m.created_at),
    ("Updated", lambda m: m.updated_at),
]


def _merch_list_arguments(parser: ArgumentParser) -> None:
    parser.add_argument("creator_id", metavar="CREATOR_ID")
    parser.add_argument("--status", help="active, inactive or archived")


@action("merch", "list", "list a creator's merch", _merch_list_arguments)
def merch_list(client: PrintoraClient, args: Namespace, progress: Progress) -> Table:
    # The API returns a creator's merch in one reply: no paging.
    items = client.merch.list(args.creator_id, status=args.status)
    return Table(MERCH_COLUMNS, items, noun="merch", total=len(items))


def _merch_create_arguments(parser: ArgumentParser) -> None:
    parser.add_argument("creator_id", metavar="CREATOR_ID")
    parser.add_argument("--title", required=True)
    parser.add_argument("--product-id", required=True, help="from `catalog list`")
    parser.add_argument(
        "--variant-id",
        dest="variant_ids",
        action="append",
        required=True,
        help="repeat for each variant on sale",
    )
    parser.add_argument("--design-image-url", required=True)
    parser.add_argument("--description")
    parser.add_argument("--stock-limit", type=int, help="default: unlimited")
    parser.add_argument("--idempotency-key", help="reuse to retry the same request safely")


@action(
    "merch", "create", "create merch; prints the editor URL for the design", _merch_create_arguments
)
def merch_create(client: PrintoraClient, args: Namespace, progress: Progress) -> Record:
    merch = client.merch.create(
        args.creator_id,
        title=args.title,
        product_id=args.product_id,
        variant_ids=args.variant_ids,
        design_image_url=args.design_image_url,
        description=args.description,
        stock_limit=args.stock_limit,
        idempotency_key=args.idempotency_key,
    )
    # The editor URL opens Printora's editor for whoever holds it (single use, 24 h):
    # printed for the operator to hand to the creator, never logged.
    fields = [
        *MERCH_FIELDS,
        ("Editor URL", lambda m: m.edit_session.editor_url if m.edit_session else None),
        ("Editor expires", lambda m: m.edit_session.expires_at if m.edit_session else None),
    ]
    return Record(fields, merch)


def _merch_get_arguments(parser: ArgumentParser) -> None:
    parser.add_argument("creator_id", metavar="CREATOR_ID")
    parser.add_argument("merch_id", metavar="MERCH_ID")


@action("merch", "get", "show one merch item", _merch_get_arguments)
def merch_get(client: PrintoraClient, args: Namespace, progress: Progress) -> Record:
    return Record(MERCH_FIELDS, client.merch.get(args.creator_id, args.merch_id))
