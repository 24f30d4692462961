"""The machinery of ``manage.py printora``: subcommands, tables, JSON, paging, errors.

A subcommand is one function registered with ``@action(resource, name)`` that
takes the client and the parsed arguments and returns a ``Table`` or a ``Record``;
everything else (output format, progress, one-line errors, exit codes) lives here,
so a new resource (catalog, creators, merch) is a few small functions in
``dreamcanvas/partner_commands.py``. Every call goes through ``printora_client``.
"""

from __future__ import annotations

import json
import sys
from argparse import SUPPRESS, ArgumentParser, Namespace
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any, TextIO

from pydantic import BaseModel

from printora_client import (
    APIConnectionError,
    AuthenticationError,
    InvalidRequestError,
    NotFoundError,
    PermissionDeniedError,
    PrintoraClient,
    PrintoraError,
    RateLimitError,
    ServerError,
)

# Exit codes scripts can branch on (documented in the README).
EXIT_OK = 0
EXIT_ERROR = 1  # any other Printora error (400, 409, an unexpected reply)
EXIT_USAGE = 2  # bad arguments, rejected before anything was sent
EXIT_NOT_FOUND = 3
EXIT_AUTH = 4  # the API key was refused (401) or lacks the permission (403)
EXIT_RATE_LIMITED = 5
EXIT_UNAVAILABLE = 6  # no answer, a timeout or a 5xx: worth retrying later

PAGE_SIZE = 100  # the API's maximum
CELL_WIDTH = 44


def exit_code(error: PrintoraError) -> int:
    if isinstance(error, InvalidRequestError) and error.status is None:
        return EXIT_USAGE
    for kind, code in (
        (NotFoundError, EXIT_NOT_FOUND),
        (AuthenticationError | PermissionDeniedError, EXIT_AUTH),
        (RateLimitError, EXIT_RATE_LIMITED),
        (APIConnectionError | ServerError, EXIT_UNAVAILABLE),
    ):
        if isinstance(error, kind):
            return code
    return EXIT_ERROR


class UsageError(Exception):
    """Bad arguments found by a subcommand itself; exit code 2."""


class NotFound(Exception):
    """Nothing matched (for lookups the API has no endpoint for); exit code 3."""


# --- What subcommands return -----------------------------------------------------------


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], Any]


@dataclass
class Table:
    """Rows (models or dicts) shown as columns, or as a JSON array with --json."""

    columns: Sequence[Column]
    rows: list[Any]
    noun: str = "items"
    total: int | None = None
    offset: int = 0
    paged: bool = False  # one page of a longer list: say how to get the rest


@dataclass
class Record:
    """One object shown as "label: value" lines, or as a JSON object with --json."""

    fields: Sequence[tuple[str, Callable[[Any], Any]]]
    item: Any


@dataclass(frozen=True)
class Action:
    resource: str
    name: str
    help: str
    arguments: Callable[[ArgumentParser], None]
    run: Callable[[PrintoraClient, Namespace, Progress], Table | Record]


ACTIONS: dict[str, dict[str, Action]] = {}
RESOURCE_HELP: dict[str, str] = {}


def resource(name: str, help: str) -> None:
    RESOURCE_HELP[name] = help


def action(resource: str, name: str, help: str, arguments: Callable[[ArgumentParser], None]):
    """Register ``run(client, args, progress)`` as ``manage.py printora RESOURCE NAME``."""

    def register(run):
        ACTIONS.setdefault(resource, {})[name] = Action(resource, name, help, arguments, run)
        return run

    return register


# --- Paging ---------------------------------------------------------------------------


@dataclass
class Progress:
    """A progress line on stderr while long lists are fetched (stdout stays clean)."""

    stream: TextIO = field(default_factory=lambda: sys.stderr)
    enabled: bool = True

    def update(self, fetched: int, total: int | None, noun: str) -> None:
        if not self.enabled:
            return
        of_total = f" of {total}" if total is not None else ""
        line = f"fetched {fetched}{of_total} {noun}…"
        if self.stream.isatty():
            self.stream.write(f"\r{line}")
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def done(self) -> None:
        if self.enabled and self.stream.isatty():
            self.stream.write("\n")


def paging_arguments(parser: ArgumentParser, default_limit: int = 20) -> None:
    parser.add_argument("--limit", type=int, default=default_limit, help="rows per page (≤ 100)")
    parser.add_argument("--offset", type=int, default=0, help="rows to skip")
    parser.add_argument("--all", action="store_true", help="every page, with a progress line")


def fetch_pages(
    fetch: Callable[[int, int], Any], items_field: str, progress: Progress, noun: str
) -> Iterator[Any]:
    """Every item of a paged list; advances by what came back (the server may cap it)."""
    offset = 0
    try:
        while True:
            page = fetch(PAGE_SIZE, offset)
            items = getattr(page, items_field)
            if not items:
                break
            yield from items
            offset += len(items)
            progress.update(offset, page.total, noun)
            if page.total is not None and offset >= page.total:
                break
    finally:
        progress.done()


def listing(
    args: Namespace,
    fetch: Callable[[int, int], Any],
    items_field: str,
    columns: Sequence[Column],
    noun: str,
    progress: Progress,
) -> Table:
    if args.all:
        rows = list(fetch_pages(fetch, items_field, progress, noun))
        return Table(columns, rows, noun=noun, total=len(rows))
    page = fetch(args.limit, args.offset)
    return Table(
        columns,
        list(getattr(page, items_field)),
        noun=noun,
        total=page.total,
        offset=args.offset,
        paged=True,
    )


# --- Rendering ---------------------------------------------------------------------------


def as_json(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_none=True)
    if isinstance(value, list):
        return [as_json(item) for item in value]
    return value


def cell(value: Any, width: int | None = CELL_WIDTH) -> str:
    if value is None or value == "":
        return "-"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%SZ")
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    text = " ".join(str(value).split())
    return text if width is None or len(text) <= width else text[: width - 1] + "…"


def render_table(table: Table, out: TextIO, err: TextIO) -> None:
    if not table.rows:
        out.write(f"No {table.noun}.\n")
    else:
        grid = [[column.header for column in table.columns]]
        grid += [[cell(column.value(row)) for column in table.columns] for row in table.rows]
        widths = [max(len(row[i]) for row in grid) for i in range(len(table.columns))]
        for row in grid:
            line = "  ".join(text.ljust(width) for text, width in zip(row, widths, strict=True))
            out.write(line.rstrip() + "\n")
    shown_to = table.offset + len(table.rows)
    if table.paged and table.total is not None and shown_to < table.total:
        err.write(
            f"{table.offset + 1}–{shown_to} of {table.total} {table.noun}; "
            f"--offset {shown_to} for the next page, --all for every one.\n"
        )


def render_record(record: Record, out: TextIO) -> None:
    width = max(len(label) for label, _ in record.fields)
    for label, value in record.fields:
        out.write(f"{(label + ':').ljust(width + 1)} {cell(value(record.item), width=None)}\n")


def render(result: Table | Record, *, json_output: bool, out: TextIO, err: TextIO) -> None:
    if json_output:
        data = as_json(result.rows if isinstance(result, Table) else result.item)
        out.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")
    elif isinstance(result, Table):
        render_table(result, out, err)
    else:
        render_record(result, out)


# --- Running -----------------------------------------------------------------------------


def build_parser(parser: ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON for scripts")
    resources = parser.add_subparsers(dest="resource", metavar="RESOURCE", required=True)
    for name, actions in ACTIONS.items():
        sub = resources.add_parser(name, help=RESOURCE_HELP.get(name, ""))
        verbs = sub.add_subparsers(dest="action", metavar="ACTION", required=True)
        for verb, spec in actions.items():
            verb_parser = verbs.add_parser(verb, help=spec.help, description=spec.help)
            # SUPPRESS: `printora --json orders list` and `printora orders list --json` both work.
            verb_parser.add_argument(
                "--json", action="store_true", default=SUPPRESS, help="print JSON for scripts"
            )
            spec.arguments(verb_parser)


def one_line(text: object) -> str:
    return " ".join(str(text).split())


def run(
    client: PrintoraClient, args: Namespace, *, out: TextIO, err: TextIO, quiet: bool = False
) -> int:
    """Run the chosen subcommand; returns the exit code. Errors are one line on ``err``."""
    spec = ACTIONS[args.resource][args.action]
    progress = Progress(stream=err, enabled=not quiet)
    try:
        result = spec.run(client, args, progress)
    except UsageError as exc:
        err.write(f"error: {one_line(exc)}\n")
        return EXIT_USAGE
    except NotFound as exc:
        err.write(f"error: {one_line(exc)}\n")
        return EXIT_NOT_FOUND
    except PrintoraError as exc:
        # str() of a client error is already one line with the status, the API's code and
        # message and the request id, and never holds the API key.
        err.write(f"error: {one_line(exc)}\n")
        return exit_code(exc)
    render(result, json_output=args.json, out=out, err=err)
    return EXIT_OK


def first(items: Iterator[Any], predicate: Callable[[Any], bool]) -> Any:
    """The first matching item; stops fetching pages as soon as it is found."""
    try:
        return next((item for item in items if predicate(item)), None)
    finally:
        close = getattr(items, "close", None)
        if close:
            close()
