"""What every bench shares: a free port, gunicorn, psql admin, CPU accounting, the
code version the figures belong to, and the event types (from the registry).

Benches are scripts (``.venv/bin/python bench/<name>.py``), so this module also
puts the project on ``sys.path``.
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import os
import resource
import secrets
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from printora_client import events  # noqa: E402  (after the sys.path line above)

PG_HOST, PG_PORT = "127.0.0.1", 5432
PG_ADMIN_URL = f"postgres://postgres@{PG_HOST}:{PG_PORT}/postgres"

# The event types, by the names the benches use in their order life cycles.
CREATED = events.ORDER_CREATED.name
PAID = events.ORDER_PAID.name
SHIPPED = events.ORDER_SHIPPED.name
DELIVERED = events.ORDER_DELIVERED.name
CANCELLED = events.ORDER_CANCELLED.name
# Event type -> (the status it brings, its rank).
STATUS_OF_EVENT: dict[str, tuple[str, int]] = {
    event.name: (event.status, event.rank) for event in events.EVENT_TYPES
}


class BenchError(RuntimeError):
    """The bench itself could not run (as opposed to a missed target)."""


# --- Processes and CPU ---------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _clock_ticks() -> int:
    return os.sysconf("SC_CLK_TCK")


def process_cpu_seconds(pids: Sequence[int]) -> float:
    """User + system CPU seconds of the processes ``pids`` so far (``/proc``)."""
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError, IndexError, ValueError):
            fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / _clock_ticks()


def children_cpu_seconds() -> float:
    """CPU seconds of this process's finished children (a load generator)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def machine_busy_seconds() -> float | None:
    """CPU seconds all cores spent busy since boot (``/proc/stat``), or None."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    except (OSError, IndexError):
        return None
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(x) for x in fields[:8])
    return (user + nice + system + irq + softirq + steal) / _clock_ticks()


def gunicorn_pids(master: int) -> list[int]:
    try:
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    except OSError:
        return [master]
    return [master, *map(int, children)]


def postgres_pids() -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                if (entry / "comm").read_text().strip() == "postgres":
                    pids.append(int(entry.name))
    return pids


def project_python() -> str:
    venv = ROOT / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def project_gunicorn() -> str:
    venv = ROOT / ".venv" / "bin" / "gunicorn"
    found = str(venv) if venv.exists() else shutil.which("gunicorn")
    if not found:
        raise BenchError("gunicorn not found: install the project (make run) first")
    return found


# --- PostgreSQL ----------------------------------------------------------------------


def postgres_answers() -> bool:
    try:
        with socket.create_connection((PG_HOST, PG_PORT), timeout=1):
            return True
    except OSError:
        return False


def postgres_admin(statements: Sequence[str]) -> None:
    """Run statements on the maintenance database, outside a transaction."""
    import psycopg  # a project dependency; imported here so SQLite-only runs need no server

    try:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as connection:
            for statement in statements:
                connection.execute(statement.encode())
    except psycopg.Error as exc:
        raise BenchError(f"PostgreSQL admin statement failed: {exc}") from exc


def drop_database(name: str) -> None:
    try:
        postgres_admin([f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'])
    except Exception as exc:  # cleanup must not hide the figures already printed
        print(f"warning: could not drop {name}: {exc}", file=sys.stderr)


# --- The server ------------------------------------------------------------------------

HEALTHZ_PATH = "/healthz"


def server_env(*, database_url: str, secret: str, port: int, workers: int, threads: int) -> dict:
    dropped = ("PRINTORA_", "GUNICORN_", "DJANGO_", "NEXT_PUBLIC_")
    env = {k: v for k, v in os.environ.items() if not k.startswith(dropped)}
    for name in ("DATABASE_URL", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "APP_URL", "LOG_LEVEL"):
        env.pop(name, None)
    env.update(
        DJANGO_SETTINGS_MODULE="dreamcanvas.settings",
        DJANGO_READ_DOT_ENV_FILE="false",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(64),
        PRINTORA_WEBHOOK_SECRET=secret,
        # Production-like: a partner with real credentials runs without the sandbox.
        PRINTORA_SANDBOX="false",
        # Never called by the bench, but production without the sandbox needs a key.
        PRINTORA_API_KEY="pk_test_bench_unused",
        DATABASE_URL=database_url,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        LOG_LEVEL="WARNING",
        # The bench speaks plain HTTP on loopback; production redirects to HTTPS.
        SECURE_SSL_REDIRECT="false",
        HOST="127.0.0.1",
        PORT=str(port),
        WEB_CONCURRENCY=str(workers),
        GUNICORN_THREADS=str(threads),
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(env: dict, *args: str) -> str:
    finished = subprocess.run(
        [project_python(), "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if finished.returncode != 0:
        raise BenchError(
            f"manage.py {' '.join(args)} failed:\n{(finished.stdout + finished.stderr)[-3000:]}"
        )
    return finished.stdout


@contextlib.contextmanager
def gunicorn(env: dict, workdir: Path, port: int) -> Iterator[subprocess.Popen]:
    # The project's gunicorn.conf.py, with the access log turned off so that
    # formatting one line per request does not weigh on either measurement.
    config = workdir / "gunicorn.bench.conf.py"
    config.write_text(
        "import runpy\n"
        f"_project = runpy.run_path({str(ROOT / 'gunicorn.conf.py')!r})\n"
        "globals().update({k: v for k, v in _project.items() if not k.startswith('_')})\n"
        "accesslog = None\n"
    )
    log_path = workdir / "gunicorn.log"
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            # No control socket: it defaults to one path per user, shared with any
            # other gunicorn running on the machine.
            [project_gunicorn(), f"--config={config}", "--no-control-socket", "dreamcanvas.wsgi"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl-C reaches the bench, which stops gunicorn itself
        )
    try:
        wait_until_ready(server, port, log_path)
        yield server
    finally:
        if server.poll() is None:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def wait_until_ready(server: subprocess.Popen, port: int, log_path: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            break
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", HEALTHZ_PATH)
            if connection.getresponse().status == 200:
                connection.close()
                return
        except OSError:
            pass
        time.sleep(0.2)
    log = log_path.read_text(errors="replace")[-3000:]
    state = f"exited with {server.returncode}" if server.poll() is not None else "timed out"
    raise BenchError(f"gunicorn did not answer {HEALTHZ_PATH} ({state}):\n{log}")


# --- Which code the figures belong to ------------------------------------------------


def code_version(files: Sequence[str]) -> str:
    """The commit (with "+changes" if the tree differs from it) and short hashes of
    ``files``: recorded figures name a commit that exists."""
    try:
        commit = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        commit += "+changes" if dirty else ""
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown commit"
    parts = []
    for name in files:
        try:
            digest = hashlib.sha256((ROOT / name).read_bytes()).hexdigest()[:10]
        except OSError:
            digest = "missing"
        parts.append(f"{name} {digest}")
    return f"commit {commit}; " + ", ".join(parts)
