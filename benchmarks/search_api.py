#!/usr/bin/env python
"""Benchmark of GET /api/places?q= against a production-style server, next to a trivial endpoint.

    .venv/bin/python benchmarks/search_api.py            # or: make benchmark
    .venv/bin/python benchmarks/search_api.py --duration 10 --workers 4

What it does (see benchmarks/README.md):
  1. prepares its own PostgreSQL database (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/urafiki_bench):
     migrate, load_reference_data, then 50,000 synthetic places (codes ZZ-BENCH-…) with their search keys,
     VACUUM ANALYZE; a re-run reuses the database while data/, migrations and loaders are unchanged;
  2. prints EXPLAIN ANALYZE of the search SQL for an exact and a prefix query;
  3. starts gunicorn (config.settings.production) on a free loopback port and warms it up;
  4. drives 16 concurrent connections with wrk for a fixed time: first GET /api/health, then /api/places?q=…
     cycling a fixed query mix; prints p50/p95/p99, throughput and errors of both and their ratio;
     writes the figures to benchmarks/results/;
  5. stops gunicorn, also on error or Ctrl-C.

The exit status is 0 when both targets are met, 1 when one is missed, 2 when the run itself failed
(errors or non-200 responses count as a failure: a fast error is not a fast search).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import resource
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = ROOT / "benchmarks" / "results"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/urafiki_bench"
SYNTHETIC_PREFIX = "ZZ-BENCH-"
SEED = 20250101

TARGET_P95_MS = 30.0
TARGET_THROUGHPUT_RATIO = 0.30

# The real queries of the mix: every kind of name the search meets, and the filters of the API.
REAL_QUERIES: list[tuple[str, dict[str, str]]] = [
    # exact English names
    ("exact-en", {"q": "Kilifi"}),
    ("exact-en", {"q": "Mombasa"}),
    ("exact-en", {"q": "Nairobi"}),
    ("exact-en", {"q": "Jiujiang"}),
    ("exact-en", {"q": "Changsha"}),
    ("exact-en", {"q": "Hunan"}),
    # Chinese, simplified and traditional
    ("chinese", {"q": "九江"}),
    ("chinese", {"q": "湖南"}),
    ("chinese", {"q": "长沙"}),
    ("chinese", {"q": "長沙"}),
    # pinyin with tone marks
    ("pinyin-tones", {"q": "Jiǔjiāng"}),
    # aliases and official styles
    ("alias", {"q": "Jiujiang City"}),
    ("alias", {"q": "County Government of Kilifi"}),
    # prefixes (typing ahead)
    ("prefix", {"q": "Jiuj"}),
    ("prefix", {"q": "Nai"}),
    # misspellings (the fuzzy tier)
    ("misspelling", {"q": "Kilfi"}),
    ("misspelling", {"q": "Nakru"}),
    ("misspelling", {"q": "Mombassa"}),
    # with filters
    ("filtered", {"q": "Kilifi", "country": "KE", "admin_level": "1"}),
    ("filtered", {"q": "Jiujiang", "country": "CN", "admin_level": "2"}),
    ("filtered", {"q": "Nai", "country": "KE", "admin_level": "1"}),
    ("filtered", {"q": "长沙", "country": "CN", "admin_level": "2"}),
]

# Synthetic names: syllables for Latin names, common characters of Chinese place names.
LATIN_SYLLABLES = (
    "ka ki ku ko ma mi mu mo na ni nyo nya wa we wi ta te to tu la li lu ba bo bu ga go gu sa si so ri ro ru "
    "ja jo cha chi mbo mba ndu nde nga ngo ke ya yu pe po za zi dha she tha vo ho hi"
).split()
HAN_CHARACTERS = (
    "安宁平和新兴东南西北山河江湖阳城华丰永清长岳州德化福泉金石林水田高广明昌盛龙凤白云天台"
    "定远武文宝嘉庆建乐康泰顺通海峰岗桥源溪塘庄洲沙口镇湾坪岭川黄青红绿松柏桂兰梅竹玉珠"
    "光辉荣富强大小中上下前后左右太元同合会常义仁信礼智勇忠孝正方圆开封济宁临沂淮荆襄汉"
)
LATIN_KIND_WORDS = ("Municipality", "District", "Division", "Ward")
SWAHILI_PREFIXES = ("Kata ya", "Tarafa ya", "Eneo la")


# ----------------------------------------------------------------------------------------------------------
# Utilities


_STARTED = time.monotonic()


def log(message: str) -> None:
    print(f"[{time.monotonic() - _STARTED:6.1f}s] {message}", flush=True)


class BenchmarkError(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def encode_path(params: dict[str, str]) -> str:
    return "/api/places?" + urllib.parse.urlencode(params, quote_via=urllib.parse.quote)


def bench_environment(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=env.get("DJANGO_SECRET_KEY") or "benchmark-only-secret-key-not-for-production-use-0123456789",
        DATABASE_URL=database_url,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_DEBUG="false",
        LOG_LEVEL=env.get("LOG_LEVEL", "WARNING"),
        PYTHONUNBUFFERED="1",
    )
    return env


# ----------------------------------------------------------------------------------------------------------
# 1. The database


def ensure_database(database_url: str) -> None:
    import psycopg
    from psycopg import sql

    parts = urllib.parse.urlsplit(database_url)
    if parts.scheme not in {"postgres", "postgresql"}:
        raise BenchmarkError(f"DATABASE_URL must be a PostgreSQL URL, not {parts.scheme}:")
    name = urllib.parse.unquote(parts.path.lstrip("/"))
    admin_url = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            log(f"creating database {name}")
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def manage(env: dict[str, str], *args: str) -> float:
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode:
        raise BenchmarkError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    for line in result.stdout.strip().splitlines()[-3:]:
        log(f"  {line}")
    return time.monotonic() - started


def setup_django(env: dict[str, str]) -> None:
    os.environ.update({k: env[k] for k in ("DJANGO_SETTINGS_MODULE", "DJANGO_SECRET_KEY", "DATABASE_URL",
                                           "DJANGO_ALLOWED_HOSTS", "LOG_LEVEL")})
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def latin_name(rng: random.Random) -> str:
    return "".join(rng.choice(LATIN_SYLLABLES) for _ in range(rng.choice((2, 3, 3, 3, 4)))).capitalize()


def synthetic_places(count: int) -> list:
    """Places to create: Latin names under African parents, Chinese names under Chinese ones.

    No aliases: load_reference_data deletes the aliases that are not in data/, so names carry the variety
    (about 4.5 keys a place, like the real registry).
    """
    from pypinyin import lazy_pinyin

    from urafiki.places.models import Place, PlaceKind

    parents = list(Place.objects.filter(admin_level__in=(1, 2)).order_by("code"))
    kenya = [p for p in parents if p.country_code == "KE" and p.admin_level == 1]
    china_provinces = [p for p in parents if p.country_code == "CN" and p.admin_level == 1]
    china_prefectures = [p for p in parents if p.country_code == "CN" and p.admin_level == 2]
    africa = [p for p in parents if p.country_code not in {"KE", "CN"} and p.admin_level == 1]
    if not (kenya and china_provinces and china_prefectures and africa):
        raise BenchmarkError("the reference data is missing Kenyan counties, Chinese provinces or prefectures")

    rng = random.Random(SEED)
    places: list[Place] = []
    for i in range(count):
        code = f"{SYNTHETIC_PREFIX}{i:06d}"
        population = int(rng.lognormvariate(11, 1.2)) if rng.random() < 0.8 else None
        roll = rng.random()
        if roll < 0.45:  # Chinese: a county under a prefecture, or a city under a province
            under_prefecture = roll < 0.30
            parent = rng.choice(china_prefectures if under_prefecture else china_provinces)
            suffix, word = rng.choice((("县", "County"), ("市", "City"), ("区", "District")))
            base = "".join(rng.choice(HAN_CHARACTERS) for _ in range(2))
            pinyin = "".join(lazy_pinyin(base)).capitalize()
            place = Place(
                code=code, country_code="CN", admin_level=parent.admin_level + 1, parent=parent,
                kind=PlaceKind.DISTRICT if suffix == "区" else PlaceKind.CITY if suffix == "市" else PlaceKind.OTHER,
                name_en=f"{pinyin} {word}", name_zh=base + suffix, pinyin=pinyin, population=population,
            )
        else:  # Latin: a ward or division under a Kenyan county or another African first-level division
            parent = rng.choice(kenya if roll < 0.75 else africa)
            base = latin_name(rng)
            place = Place(
                code=code, country_code=parent.country_code, admin_level=2, parent=parent,
                kind=PlaceKind.DIVISION, name_en=f"{base} {rng.choice(LATIN_KIND_WORDS)}",
                name_sw=f"{rng.choice(SWAHILI_PREFIXES)} {base}", population=population,
            )
        places.append(place)
    return places


def fingerprint(count: int) -> str:
    """What the benchmark data depends on: reference data, migrations, loaders and search keys, generator."""
    digest = hashlib.sha256(f"{count}:{SEED}".encode())
    files = [Path(__file__)]
    files += sorted((ROOT / "data").rglob("*"))
    files += sorted(ROOT.glob("urafiki/*/migrations/*.py"))
    files += [ROOT / "urafiki" / "places" / name for name in ("loaders.py", "names.py", "services.py", "models.py")]
    for path in files:
        if path.is_file():
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def stored_fingerprint(database_url: str) -> str | None:
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS benchmark_state (name text PRIMARY KEY, value text NOT NULL)")
        row = conn.execute("SELECT value FROM benchmark_state WHERE name = 'fingerprint'").fetchone()
    return row[0] if row else None


def store_fingerprint(database_url: str, value: str | None) -> None:
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute("DELETE FROM benchmark_state WHERE name = 'fingerprint'")
        if value:
            conn.execute("INSERT INTO benchmark_state VALUES ('fingerprint', %s)", [value])


def delete_synthetic() -> None:
    from django.db import transaction

    from urafiki.places.models import Place, PlaceSearchKey

    with transaction.atomic():
        PlaceSearchKey.objects.filter(place__code__startswith=SYNTHETIC_PREFIX).delete()
        deleted, _ = Place.objects.filter(code__startswith=SYNTHETIC_PREFIX).delete()
    if deleted:
        log(f"deleted the previous synthetic places ({deleted:,} rows)")


def create_synthetic(count: int) -> None:
    from django.db import transaction

    from urafiki.places.models import Place, PlaceSearchKey
    from urafiki.places.services import place_search_keys_for

    started = time.monotonic()
    with transaction.atomic():
        Place.objects.bulk_create(synthetic_places(count), batch_size=5000)
        keys = []
        synthetic = Place.objects.filter(code__startswith=SYNTHETIC_PREFIX)
        for place in synthetic.prefetch_related("aliases").iterator(chunk_size=5000):
            keys.extend(PlaceSearchKey(place_id=place.pk, key=k) for k in sorted(place_search_keys_for(place)))
        PlaceSearchKey.objects.bulk_create(keys, batch_size=10000)
    log(f"created {count:,} synthetic places and {len(keys):,} search keys in {time.monotonic() - started:.1f} s")


def analyze_and_count() -> dict:
    from django.db import connection

    from urafiki.places.models import Place, PlaceSearchKey

    with connection.cursor() as cursor:
        for table in ("places_place", "places_placealias", "places_placesearchkey"):
            cursor.execute(f"VACUUM ANALYZE {table}")
    figures = {
        "places": Place.objects.count(),
        "synthetic_places": Place.objects.filter(code__startswith=SYNTHETIC_PREFIX).count(),
        "search_keys": PlaceSearchKey.objects.count(),
    }
    figures["keys_per_place"] = round(figures["search_keys"] / figures["places"], 2)
    log(f"database: {figures['places']:,} places ({figures['synthetic_places']:,} synthetic), "
        f"{figures['search_keys']:,} search keys ({figures['keys_per_place']} per place); VACUUM ANALYZE done")
    return figures


def synthetic_queries() -> list[tuple[str, dict[str, str]]]:
    """Queries on synthetic names, picked deterministically: exact Latin, Chinese, pinyin, prefix, misspelling."""
    from urafiki.places.models import Place

    synthetic = Place.objects.filter(code__startswith=SYNTHETIC_PREFIX).order_by("code")
    latin = list(synthetic.filter(name_zh="")[:3000:1000])
    chinese = list(synthetic.exclude(name_zh="")[:3000:1000])
    # A long name to misspell: from 6 letters on, the fuzzy search allows two edits.
    long_name = next(p.name_en.rsplit(" ", 1)[0] for p in synthetic.filter(name_zh="")[3000:4000]
                     if len(p.name_en.rsplit(" ", 1)[0]) >= 8)
    queries: list[tuple[str, dict[str, str]]] = []
    for place in latin:
        base = place.name_en.rsplit(" ", 1)[0]
        queries.append(("synthetic", {"q": base}))
    queries.append(("synthetic", {"q": latin[0].name_en.rsplit(" ", 1)[0][:4]}))  # a prefix
    queries.append(("synthetic", {"q": long_name[:3] + long_name[4:]}))  # a letter left out
    queries.append(("synthetic", {"q": chinese[0].name_zh}))
    queries.append(("synthetic", {"q": chinese[1].name_zh[:2]}))
    queries.append(("synthetic", {"q": chinese[2].pinyin}))
    return queries


# ----------------------------------------------------------------------------------------------------------
# 2. EXPLAIN ANALYZE of the search SQL


def explain_search(queries: list[tuple[str, dict[str, str]]]) -> list[dict]:
    """EXPLAIN (ANALYZE, BUFFERS) of every SQL statement the search runs for a few queries of the mix."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from urafiki.places.search import places_search
    from urafiki.places.selectors import place_filters_parse

    reports = []
    for label, params in queries:
        places_search(filters=place_filters_parse(params))  # once to warm caches (and the key index)
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            places_search(filters=place_filters_parse(params))
            elapsed_ms = (time.perf_counter() - started) * 1000
        statements = []
        for query in captured.captured_queries:
            sql = query["sql"]
            if "places_place" not in sql or not sql.lstrip().upper().startswith("SELECT"):
                statements.append({"sql": sql, "time_ms": float(query["time"]) * 1000, "plan": None})
                continue
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                plan = "\n".join(row[0] for row in cursor.fetchall())
            statements.append({"sql": sql, "time_ms": float(query["time"]) * 1000, "plan": plan})
        plans = "\n".join(s["plan"] or "" for s in statements)
        reports.append({
            "label": label,
            "params": params,
            "in_process_ms": round(elapsed_ms, 2),
            "statements": len(statements),
            # Keys are looked up in memory; the key table's index serves only very common prefixes.
            "search_key_index_used": "place_search_key_idx" in plans,
            "seq_scan_on_place": "Seq Scan on places_place" in plans,
            "queries": statements,
        })
    return reports


# ----------------------------------------------------------------------------------------------------------
# 3. The server


class Server:
    def __init__(self, env: dict[str, str], *, workers: int, worker_class: str, threads: int, log_path: Path):
        self.env = env
        self.workers = workers
        self.worker_class = worker_class
        self.threads = threads
        self.log_path = log_path
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        gunicorn = Path(sys.executable).with_name("gunicorn")
        command = [
            str(gunicorn), "config.wsgi",
            "--bind", f"127.0.0.1:{self.port}",
            "--workers", str(self.workers),
            "--worker-class", self.worker_class,
            "--threads", str(self.threads),
            "--backlog", "256",
            "--log-level", "warning",
            "--error-logfile", str(self.log_path),
        ]
        log(f"starting gunicorn: {' '.join(command[1:])}")
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT, start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchmarkError(f"gunicorn exited with status {self.process.returncode}:\n{self.log_tail()}")
            try:
                status, body = fetch(self.base_url + "/api/health")
                if status == 200 and json.loads(body) == {"status": "ok"}:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise BenchmarkError(f"gunicorn did not answer /api/health within 60 s:\n{self.log_tail()}")

    def pids(self) -> list[int]:
        if not self.process:
            return []
        pids = [self.process.pid]
        try:
            children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
            pids.extend(int(p) for p in children)
        except OSError:
            pass
        return pids

    def cpu_seconds(self) -> float:
        total = 0.0
        tick = os.sysconf("SC_CLK_TCK")
        for pid in self.pids():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += (int(fields[11]) + int(fields[12])) / tick
            except (OSError, IndexError, ValueError):
                pass
        return total

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def stop(self) -> None:
        if not self.process or self.process.poll() is not None:
            return
        log("stopping gunicorn")
        try:
            os.killpg(self.process.pid, signal.SIGTERM)  # its own session: the master and its workers only
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)
        except ProcessLookupError:
            pass


def fetch(url: str, timeout: float = 10.0) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def check_mix(base_url: str, mix: list[tuple[str, dict[str, str]]], repeat: int) -> list[dict]:
    """Each query of the mix alone, one at a time: status, result count, median latency (also warms up)."""
    rows = []
    for label, params in mix:
        path = encode_path(params)
        timings = []
        status, body = 0, b""
        for _ in range(repeat):
            started = time.perf_counter()
            status, body = fetch(base_url + path)
            timings.append((time.perf_counter() - started) * 1000)
        count = json.loads(body).get("count") if status == 200 else None
        timings.sort()
        rows.append({"label": label, "params": params, "path": path, "status": status, "count": count,
                     "median_ms": round(timings[len(timings) // 2], 2)})
    return rows


# ----------------------------------------------------------------------------------------------------------
# 4. The load: wrk with a Lua script

LUA_TEMPLATE = r"""
-- Generated by benchmarks/search_api.py: cycles through a fixed list of paths, counts non-200 responses,
-- and reports the latency percentiles as one JSON line.
local paths = {PATHS}
local threads = {}
local next_id = 0

function setup(thread)
  thread:set("thread_id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  position = (thread_id * 7) % #paths
  non200 = 0
  first_bad_status = 0
end

function request()
  position = position % #paths + 1
  return wrk.format("GET", paths[position])
end

function response(status, headers, body)
  if status ~= 200 then
    non200 = non200 + 1
    if first_bad_status == 0 then first_bad_status = status end
  end
end

function done(summary, latency, requests)
  local non200_total, bad = 0, 0
  for _, thread in ipairs(threads) do
    non200_total = non200_total + thread:get("non200")
    if bad == 0 then bad = thread:get("first_bad_status") end
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "bytes": %d, "non200": %d, "first_bad_status": %d, ' ..
    '"socket_errors": {"connect": %d, "read": %d, "write": %d, "timeout": %d, "status_4xx_5xx": %d}, ' ..
    '"latency_us": {"min": %d, "mean": %.1f, "stdev": %.1f, "max": %d, ' ..
    '"p50": %d, "p90": %d, "p95": %d, "p99": %d}}\n',
    summary.requests, summary.duration, summary.bytes, non200_total, bad,
    e.connect, e.read, e.write, e.timeout, e.status,
    latency.min, latency.mean, latency.stdev, latency.max,
    latency:percentile(50), latency:percentile(90), latency:percentile(95), latency:percentile(99)))
end
"""


def lua_string(text: str) -> str:
    """A Lua string literal for any UTF-8 text (paths are already URL-encoded ASCII)."""
    return '"' + "".join(c if c.isalnum() or c in "/?=&%-._~+" else f"\\{ord(c):03d}" for c in text) + '"'


def ensure_wrk(install: bool) -> str:
    found = shutil.which("wrk")
    if found:
        return found
    if install and os.geteuid() == 0 and shutil.which("apt-get"):
        log("wrk is missing: apt-get install -y wrk")
        subprocess.run(["apt-get", "install", "-y", "wrk"], check=True, stdout=subprocess.DEVNULL)
        found = shutil.which("wrk")
    if not found:
        raise BenchmarkError("wrk is not installed (Debian/Ubuntu: apt-get install wrk; macOS: brew install wrk)")
    return found


def run_wrk(wrk: str, base_url: str, paths: list[str], *, connections: int, threads: int, duration: float,
            script_path: Path, server: Server) -> dict:
    script_path.write_text(LUA_TEMPLATE.replace("{PATHS}", "{" + ", ".join(lua_string(p) for p in paths) + "}"))
    command = [wrk, "-t", str(threads), "-c", str(connections), "-d", f"{duration:g}s", "--timeout", "10s",
               "-s", str(script_path), base_url]
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    server_cpu_before = server.cpu_seconds()
    host_before = host_cpu()
    result = subprocess.run(command, capture_output=True, text=True, timeout=duration + 60)
    host_after = host_cpu()
    server_cpu = server.cpu_seconds() - server_cpu_before
    children_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    lines = [line for line in result.stdout.splitlines() if line.startswith("BENCH_JSON ")]
    if result.returncode or not lines:
        raise BenchmarkError(f"wrk failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    raw = json.loads(lines[-1].removeprefix("BENCH_JSON "))
    seconds = raw["duration_us"] / 1e6
    errors = raw["non200"] + sum(v for k, v in raw["socket_errors"].items() if k != "status_4xx_5xx")
    wrk_cpu = (children_after.ru_utime - children_before.ru_utime) + (children_after.ru_stime - children_before.ru_stime)
    busy = host_after[0] - host_before[0]
    total = host_after[1] - host_before[1]
    return {
        "requests": raw["requests"],
        "seconds": round(seconds, 3),
        "throughput_rps": round(raw["requests"] / seconds, 1),
        "latency_ms": {k: round(v / 1000, 2) for k, v in raw["latency_us"].items()},
        "errors": errors,
        "non200": raw["non200"],
        "first_bad_status": raw["first_bad_status"] or None,
        "socket_errors": raw["socket_errors"],
        "cpu": {
            "wrk_percent_of_one_core": round(100 * wrk_cpu / seconds, 1),
            "gunicorn_percent_of_one_core": round(100 * server_cpu / seconds, 1),
            "host_busy_percent": round(100 * busy / total, 1) if total else None,
        },
        "paths": len(paths),
        "command": " ".join(command),
    }


def host_cpu() -> tuple[int, int]:
    """(busy, total) jiffies of the whole machine, from /proc/stat."""
    fields = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


# ----------------------------------------------------------------------------------------------------------
# 5. Report


def print_report(results: dict) -> None:
    health, search = results["endpoints"]["health"], results["endpoints"]["search"]
    print()
    print(f"Server: gunicorn {results['server']['worker_class']}, {results['server']['workers']} workers"
          f" x {results['server']['threads']} threads; load: wrk {results['load']['connections']} connections,"
          f" {results['load']['threads']} thread(s), {results['load']['duration_s']:g} s per endpoint;"
          f" {results['database']['places']:,} places, {results['database']['search_keys']:,} keys")
    header = f"{'endpoint':<22}{'requests':>10}{'req/s':>10}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}" \
             f"{'errors':>8}{'wrk cpu':>9}{'host cpu':>10}"
    print(header)
    print("-" * len(header))
    for name, row in (("GET /api/health", health), ("GET /api/places?q=", search)):
        lat = row["latency_ms"]
        print(f"{name:<22}{row['requests']:>10,}{row['throughput_rps']:>10,.1f}{lat['p50']:>9.2f}{lat['p95']:>9.2f}"
              f"{lat['p99']:>9.2f}{lat['max']:>9.1f}{row['errors']:>8}"
              f"{row['cpu']['wrk_percent_of_one_core']:>8.0f}%{row['cpu']['host_busy_percent']:>9.0f}%")
    ratios = results["ratios"]
    print()
    print(f"search p95 / trivial p95:                    {ratios['p95_search_over_trivial']:.2f}x")
    print(f"search p95 vs target {TARGET_P95_MS:g} ms:                {search['latency_ms']['p95']:.2f} ms "
          f"({ratios['p95_over_target']:.0%} of target) -> {'PASS' if results['verdict']['p95'] else 'FAIL'}")
    print(f"search throughput / trivial throughput:      {ratios['throughput_search_over_trivial']:.1%} "
          f"(target >= {TARGET_THROUGHPUT_RATIO:.0%}) -> {'PASS' if results['verdict']['throughput'] else 'FAIL'}")
    if health["errors"] or search["errors"]:
        print(f"ERRORS: health {health['errors']} (first bad status {health['first_bad_status']}), "
              f"search {search['errors']} (first bad status {search['first_bad_status']})")


def print_mix(rows: list[dict]) -> None:
    print()
    print("Query mix, one request at a time (median of the sequential warm-up requests):")
    for row in rows:
        query = "&".join(f"{k}={v}" for k, v in row["params"].items())
        print(f"  {row['label']:<13} {query:<45} status {row['status']}  count {row['count']!s:>6}  "
              f"{row['median_ms']:7.2f} ms")


def print_explain(reports: list[dict]) -> None:
    print()
    print("EXPLAIN ANALYZE of the search SQL (full plans in the JSON results):")
    for report in reports:
        query = "&".join(f"{k}={v}" for k, v in report["params"].items())
        print(f"  {report['label']:<8} {query:<28} {report['statements']} statements, {report['in_process_ms']:.1f} ms"
              f" in process; place_search_key_idx used: {'yes' if report['search_key_index_used'] else 'no'};"
              f" seq scan on places_place: {'yes' if report['seq_scan_on_place'] else 'no'}")


# ----------------------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL),
                        help="PostgreSQL database of the benchmark (created when missing; default %(default)s)")
    parser.add_argument("--places", type=int, default=50_000, help="synthetic places (default %(default)s)")
    parser.add_argument("--rebuild", action="store_true",
                        help="reload the reference data and recreate the synthetic places even if current")
    parser.add_argument("--duration", type=float, default=20.0, help="seconds of load per endpoint (max 120)")
    parser.add_argument("--warmup", type=float, default=5.0, help="seconds of load per endpoint before measuring")
    parser.add_argument("--connections", type=int, default=16, help="concurrent clients (default %(default)s)")
    parser.add_argument("--wrk-threads", type=int, default=1,
                        help="wrk threads (default 1: one event loop keeps 16 connections busy, leaving the "
                             "other core to the server)")
    cores = os.cpu_count() or 1
    parser.add_argument("--workers", type=int, default=2 * cores, help="gunicorn workers (default 2 x cores)")
    parser.add_argument("--worker-class", default="sync", help="gunicorn worker class (default %(default)s)")
    parser.add_argument("--threads", type=int, default=1, help="threads per gunicorn worker (gthread)")
    parser.add_argument("--no-explain", action="store_true", help="skip EXPLAIN ANALYZE of the search SQL")
    parser.add_argument("--no-install", action="store_true", help="never apt-get install wrk")
    args = parser.parse_args()
    if not 1 <= args.duration <= 120:
        parser.error("--duration must be between 1 and 120 seconds")

    env = bench_environment(args.database_url)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    server: Server | None = None
    # SIGTERM (e.g. from a CI timeout) unwinds like Ctrl-C, so the finally clause stops gunicorn.
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    try:
        wrk = ensure_wrk(install=not args.no_install)
        ensure_database(args.database_url)
        timings = {}
        log("manage.py migrate")
        timings["migrate_s"] = round(manage(env, "migrate", "--noinput"), 1)
        setup_django(env)
        wanted = fingerprint(args.places)
        if args.rebuild or stored_fingerprint(args.database_url) != wanted:
            # The synthetic places depend on the registry they hang under: regenerate them from scratch
            # after the registry is (re)loaded.
            store_fingerprint(args.database_url, None)
            delete_synthetic()
            log("manage.py load_reference_data")
            timings["load_reference_data_s"] = round(manage(env, "load_reference_data"), 1)
            started = time.monotonic()
            create_synthetic(args.places)
            timings["synthetic_s"] = round(time.monotonic() - started, 1)
            store_fingerprint(args.database_url, wanted)
        else:
            log("reference data and synthetic places already current (same data, migrations, loaders): reused")
        database = analyze_and_count()
        mix = REAL_QUERIES + synthetic_queries()
        paths = [encode_path(params) for _, params in mix]

        explain = []
        if not args.no_explain:
            explain = explain_search([
                ("exact", {"q": "Kilifi"}), ("exact", {"q": "九江"}), ("prefix", {"q": "Jiuj"}),
                ("prefix", {"q": "Nai"}), ("filtered", {"q": "Jiujiang", "country": "CN", "admin_level": "2"}),
                ("fuzzy", {"q": "Mombassa"}),
            ])
            print_explain(explain)
        from django.db import connections

        connections.close_all()  # the server gets the database to itself

        server = Server(env, workers=args.workers, worker_class=args.worker_class, threads=args.threads,
                        log_path=RESULTS_DIR / f"search_api-{stamp}-gunicorn.log")
        server.start()
        log(f"gunicorn answering on {server.base_url} (pid {server.process.pid}); warming up")
        check_mix(server.base_url, [("health", {})], 1)
        mix_rows = check_mix(server.base_url, mix, repeat=3)
        print_mix(mix_rows)
        bad = [row for row in mix_rows if row["status"] != 200]
        if bad:
            raise BenchmarkError(f"{len(bad)} queries of the mix do not answer 200: {bad}")

        script = RESULTS_DIR / f"search_api-{stamp}.lua"
        endpoints = {}
        for name, endpoint_paths in (("health", ["/api/health"]), ("search", paths)):
            if args.warmup > 0:
                run_wrk(wrk, server.base_url, endpoint_paths, connections=args.connections, threads=args.wrk_threads,
                        duration=args.warmup, script_path=script, server=server)
            log(f"measuring {name}: {args.connections} connections for {args.duration:g} s")
            endpoints[name] = run_wrk(wrk, server.base_url, endpoint_paths, connections=args.connections,
                                      threads=args.wrk_threads, duration=args.duration, script_path=script,
                                      server=server)
        script.unlink(missing_ok=True)
        server.stop()

        health, search = endpoints["health"], endpoints["search"]
        results = {
            "benchmark": "search_api",
            "started_at": stamp,
            "command": " ".join([Path(sys.executable).name, *sys.argv]),
            "machine": {"cores": cores, "platform": sys.platform, "python": sys.version.split()[0]},
            "database": {**database, "url": args.database_url},
            "setup_timings": timings,
            "server": {"software": "gunicorn", "worker_class": args.worker_class, "workers": args.workers,
                       "threads": args.threads, "settings": env["DJANGO_SETTINGS_MODULE"]},
            "load": {"tool": "wrk", "connections": args.connections, "threads": args.wrk_threads,
                     "duration_s": args.duration, "warmup_s": args.warmup},
            "endpoints": endpoints,
            "ratios": {
                "p95_search_over_trivial": round(search["latency_ms"]["p95"] / health["latency_ms"]["p95"], 2),
                "p95_over_target": round(search["latency_ms"]["p95"] / TARGET_P95_MS, 3),
                "throughput_search_over_trivial": round(search["throughput_rps"] / health["throughput_rps"], 3),
            },
            "targets": {"search_p95_ms": TARGET_P95_MS, "throughput_ratio": TARGET_THROUGHPUT_RATIO},
            "query_mix": mix_rows,
            "explain": explain,
        }
        results["verdict"] = {
            "p95": search["latency_ms"]["p95"] < TARGET_P95_MS,
            "throughput": results["ratios"]["throughput_search_over_trivial"] >= TARGET_THROUGHPUT_RATIO,
            "no_errors": not (health["errors"] or search["errors"]),
        }
        out = RESULTS_DIR / f"search_api-{stamp}.json"
        out.write_text(json.dumps(results, indent=2, ensure_ascii=False))
        (RESULTS_DIR / "search_api-latest.json").write_text(out.read_text())
        print_report(results)
        print(f"\nresults: {out.relative_to(ROOT)}")
        if not results["verdict"]["no_errors"]:
            return 2
        return 0 if results["verdict"]["p95"] and results["verdict"]["throughput"] else 1
    except BenchmarkError as error:
        log(f"benchmark failed: {error}")
        return 2
    except KeyboardInterrupt:
        log("interrupted")
        return 130
    finally:
        if server:
            server.stop()


if __name__ == "__main__":
    sys.exit(main())
