"""`make load`: the site under gunicorn (production settings, PostgreSQL, several workers) on
loopback, driven by locust in headless mode at 1, 10 and 50 concurrent visitors (arriving
over 5 seconds) for a fixed time each, while municipal systems write statuses through the
API. Prints throughput, p50/p95/p99 and errors per level, then checks that no write was lost
and the history holds every one.

Environment: NATIONAL_DATABASE_URL (the national data set; built when missing, as by `make
bench-national`), LOAD_SECONDS (per level, default 60), LOAD_WORKERS (gunicorn, default 4),
LOAD_USERS (default "1,10,50"), LOAD_THINK_SECONDS (a visitor's pause between pages, default
"2,8"), PAGE_CACHE_URL (default: files in the temporary directory, shared by the workers).
"""

import csv
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
BIN = Path(PYTHON).parent
PORT = 8765
BASE_URL = f"http://127.0.0.1:{PORT}"
WRITER = "GM0153"
# MunicipalSystem.fixed_count in tests/load/locustfile.py
WRITERS = 2
ARRIVAL_SECONDS = 5


def environment() -> dict:
    """Production settings on loopback, without HTTPS."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "labregister.settings.production",
        "DATABASE_URL": os.environ.get(
            "NATIONAL_DATABASE_URL",
            "postgres://labregister:labregister@127.0.0.1:5432/labregister_national",
        ),
        "SECRET_KEY": "load-test-only",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        # One page cache for every worker, without a service: files on local disk.
        "PAGE_CACHE_URL": os.environ.get(
            "PAGE_CACHE_URL", f"filecache://{tempfile.gettempdir()}/labregister-load-pages"
        ),
    }


def manage(env, *arguments, capture=False) -> str:
    """Run a management command of this project; its output when `capture`."""
    result = subprocess.run(
        [PYTHON, "manage.py", *arguments],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        capture_output=capture,
    )
    return result.stdout if capture else ""


def shell(env, code: str) -> str:
    """The last line `code` prints in this project's shell (which may announce its imports)."""
    return manage(env, "shell", "-c", code, capture=True).strip().splitlines()[-1]


def prepare(env) -> dict:
    """The national data set, static files, and an API key for the writing system."""
    manage(env, "migrate", "--noinput", capture=True)
    ready = shell(
        env, "from initiatives.models import Municipality; print(Municipality.objects.exists())"
    )
    if ready != "True":
        manage(env, "load_municipalities", capture=True)
        manage(env, "load_demo", capture=True)
    print(manage(env, "generate_national_data", capture=True).strip().splitlines()[-1])
    manage(env, "collectstatic", "--noinput", capture=True)
    token = shell(
        env,
        "from django.contrib.auth import get_user_model; "
        "from initiatives.models import Membership, Municipality; "
        "from initiatives.adoption.tokens import issue_api_token; "
        "user, _ = get_user_model().objects.get_or_create(username='belasting-systeem'); "
        "m, _ = Membership.objects.get_or_create(user=user, "
        f"municipality=Municipality.objects.get(code='{WRITER}')); "
        "print(issue_api_token(m, 'Belasting'))",
    )
    return {"LOAD_API_TOKEN": token, "LOAD_WRITER_MUNICIPALITY": WRITER}


def record_versions(env, initiatives) -> dict:
    """{initiative slug: (version, history rows)} of the writer's records."""
    slugs = ",".join(f"'{slug}'" for slug in initiatives)
    out = shell(
        env,
        "import json; from django.db.models import Count; "
        "from initiatives.models import Adoption, AdoptionChange; "
        f"records = Adoption.objects.filter(municipality__code='{WRITER}', "
        f"initiative__slug__in=[{slugs}]); "
        "history = dict(AdoptionChange.objects.filter(municipality__code="
        f"'{WRITER}', initiative__slug__in=[{slugs}]).values_list('initiative__slug')"
        ".annotate(n=Count('pk'))); "
        "print(json.dumps({r.initiative.slug: [r.version, history.get(r.initiative.slug, 0)] "
        "for r in records.select_related('initiative')}))",
    )
    return json.loads(out)


def wait_for(url: str, seconds: float = 60) -> None:
    """Wait until `url` answers 200."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def summary(stats_file: Path) -> dict[str, dict]:
    """{page or "Aggregated": its figures} from locust's statistics."""
    with open(stats_file, newline="") as file:
        return {
            row["Name"]: {
                "requests": int(row["Request Count"]),
                "errors": int(row["Failure Count"]),
                "per_s": round(float(row["Requests/s"]), 1),
                "p50_ms": row["50%"],
                "p95_ms": row["95%"],
                "p99_ms": row["99%"],
            }
            for row in csv.DictReader(file)
        }


def failures(failures_file: Path) -> list[str]:
    """What failed, how often: one line per kind of failure locust recorded."""
    with open(failures_file, newline="") as file:
        return [
            f"{row['Occurrences']}× {row['Method']} {row['Name']}: {row['Error']}"
            for row in csv.DictReader(file)
        ]


def start_server(env) -> subprocess.Popen:
    """gunicorn with production settings on loopback."""
    return subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "labregister.wsgi",
            "--workers",
            os.environ.get("LOAD_WORKERS", "4"),
            "--bind",
            f"127.0.0.1:{PORT}",
            "--access-logfile",
            "/dev/null",
        ],
        cwd=ROOT,
        env=env,
    )


def run_level(users: int, seconds: int, prefix: Path, env: dict) -> bool:
    """Drive the site with `users` visitors and the writing systems; print the figures per
    page; True when a request failed."""
    subprocess.run(
        [
            str(BIN / "locust"),
            "-f",
            str(ROOT / "tests/load/locustfile.py"),
            "--headless",
            "--users",
            str(users + WRITERS),  # the visitors and the writing systems
            # Visitors arrive over ARRIVAL_SECONDS, not all in the same instant (which
            # measures one burst of 50 cold pages, not the load).
            "--spawn-rate",
            str(max(1, (users + WRITERS) / ARRIVAL_SECONDS)),
            "--run-time",
            f"{seconds}s",
            "--host",
            BASE_URL,
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
        ],
        cwd=ROOT,
        env=env,
        check=False,
        capture_output=True,
    )
    pages = summary(Path(f"{prefix}_stats.csv"))
    figures = pages.pop("Aggregated")
    print(
        f"[load] {users} concurrent visitors, {seconds} s: "
        + ", ".join(f"{k}={v}" for k, v in figures.items())
    )
    for name, page in pages.items():
        print(f"[load]   {name}: " + ", ".join(f"{k}={v}" for k, v in page.items()))
    for line in failures(Path(f"{prefix}_failures.csv")):
        print(f"[load]   {line}")
    return figures["errors"] > 0


def writes_kept(before: dict, after: dict, total_writes: dict) -> bool:
    """Print what became of the API's writes; False when one was lost or its history is
    incomplete."""
    # A record's version goes up once per write that took effect. Fewer than the writers saw
    # succeed: a lost update. More: a write that took effect while locust stopped, unanswered.
    went_up = {
        slug: (after[slug][0] - before.get(slug, [0, 0])[0], writes)
        for slug, writes in total_writes.items()
    }
    lost = {slug: pair for slug, pair in went_up.items() if pair[0] < pair[1]}
    unanswered = sum(
        versions - writes for versions, writes in went_up.values() if versions > writes
    )
    incomplete = {slug: pair for slug, pair in after.items() if pair[0] != pair[1]}
    print(
        f"[load] writes through the API: {sum(total_writes.values())} successful on "
        f"{len(total_writes)} records; lost updates: {len(lost)}; records whose history misses "
        f"a version: {len(incomplete)}; writes unanswered when a level stopped: {unanswered}"
    )
    for slug, (versions, writes) in lost.items():
        print(f"[load]   {slug}: {writes} successful writes, version went up by {versions}")
    return not (lost or incomplete)


def main() -> int:
    """Prepare, serve, load at every level, check the writes; 1 when anything failed."""
    env = environment()
    extra = prepare(env)
    seconds = int(os.environ.get("LOAD_SECONDS", 60))
    levels = [int(n) for n in os.environ.get("LOAD_USERS", "1,10,50").split(",")]
    initiatives = [f"bench-{n:03d}" for n in range(0, 3000, 150)]
    before = record_versions(env, initiatives)
    server = start_server(env)
    failed = False
    total_writes = {}
    with tempfile.TemporaryDirectory() as folder:
        writes_file = Path(folder) / "writes.json"
        level_env = {
            **env,
            **extra,
            "LOAD_MUNICIPALITIES": "GM0153,GM0164,GM0363,GM0599,GM0518,GM0344,GM5001,GM5200",
            "LOAD_INITIATIVES": ",".join(initiatives),
            "LOAD_WRITES_FILE": str(writes_file),
        }
        try:
            wait_for(f"{BASE_URL}/rapportages/")
            for users in levels:
                failed |= run_level(users, seconds, Path(folder) / f"users-{users}", level_env)
                for slug, count in json.loads(writes_file.read_text()).items():
                    total_writes[slug] = total_writes.get(slug, 0) + count
        finally:
            server.terminate()
            server.wait(timeout=30)
    kept = writes_kept(before, record_versions(env, initiatives), total_writes)
    return 1 if failed or not kept else 0


if __name__ == "__main__":
    sys.exit(main())
