#!/usr/bin/env python
"""Benchmark of the partnerships list API and detail page on 100,000 partnerships and 1,000,000 activities.

    .venv/bin/python benchmarks/partnerships.py               # seed (about 2 minutes), then measure
    .venv/bin/python benchmarks/partnerships.py --skip-seed   # reuse the seeded database, measure only

What it does (see benchmarks/README.md, section "partnerships.py"):
  1. prepares its own PostgreSQL database (default postgres://postgres@127.0.0.1:5432/urafiki_bench_partnerships):
     migrate, load_reference_data, then seeds with COPY 100,000 partnerships between real places of the
     registry (Kenyan counties and other African first-level divisions with Chinese provinces and
     prefectures), their parties, stage changes and signatories, sectors and products, ~2 commitments each,
     1,000,000 activities spread unevenly (a few partnerships with thousands), the "+" records of the audit
     history, users with verified office memberships; sets last_activity_on; VACUUM ANALYZE;
  2. counts the SQL queries of one request of every measured URL shape (in process, django's test Client
     and CaptureQueriesContext) and EXPLAIN ANALYZEs each statement, reporting the slowest;
  3. serves config.wsgi with gunicorn (4 sync workers, config.settings.production with only STATIC_ROOT moved
     under benchmarks/results/, DEBUG off) and drives wrk, 16 connections, on: GET /api/health (baseline),
     GET /api/partnerships with a cycle of filter combinations (anonymous, then with an officer's API token),
     GET /partnerships/<id>/ cycling over many ids including the heaviest;
  4. prints req/s, p50/p95/p99, errors and non-2xx responses, and checks the targets: list p95 < 50 ms,
     detail p95 < 30 ms, no error and no non-2xx response. JSON in benchmarks/results/ (gitignored).

Exit status: 0 when every target is met, 1 when one is missed, 2 when the run itself failed (errors or
non-2xx responses count as a failure: a fast error is not a fast page).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import UTC
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from search_api import (  # noqa: E402  (the shared machinery of the benchmarks)
    BenchmarkError,
    Server,
    ensure_database,
    ensure_wrk,
    host_cpu,
    log,
    lua_string,
    manage,
)

ROOT = HERE.parent
RESULTS_DIR = HERE / "results"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/urafiki_bench_partnerships"
SEED = 20261123
SETTINGS_MODULE = "partnerships_bench_settings"  # written into benchmarks/results/ (see write_settings)

N_PARTNERSHIPS = 100_000
N_ACTIVITIES = 1_000_000
# The heaviest partnerships: thousands of activities each (long-lived, busy sister relationships).
HEAVY_ACTIVITY_COUNTS = [6000, 5000, 4000, 3500, 3000, 2500, 2000, 2000, 1500, 1500]
N_USERS = 60
BENCH_USERNAME = "bench-officer-kilifi"

TARGET_LIST_P95_MS = 50.0
TARGET_DETAIL_P95_MS = 30.0

# The filtered list: combinations an officer, a journalist or a script would send.
LIST_QUERIES: list[dict[str, str]] = [
    {},
    {"country": "KE"},
    {"place": "KE-14"},
    {"place": "CN-JX"},
    {"stage": "mou_signed"},
    {"sector": "tourism"},
    {"year": "2019"},
    {"health": "dormant_candidate"},
    {"country": "KE", "stage": "active"},
    {"place": "KE-14", "sector": "tourism"},
    {"place": "CN-JX", "stage": "mou_signed"},
    {"country": "KE", "year": "2019"},
    {"sector": "trade", "year": "2023"},
    {"health": "at_risk", "country": "KE"},
    {"kind": "sister_relationship", "place": "CN-JX"},
    {"sort": "-activity"},
    {"stage": "active", "sort": "-activity"},
    {"sort": "health"},
    {"place": "KE-30", "sort": "health"},
    {"place": "CN-JX", "health": "dormant_candidate", "sort": "-activity"},
    {"offset": "2000"},
    {"country": "KE", "offset": "2000"},
    {"sort": "title", "offset": "500"},
    {"q": "Mombasa"},
    {"sector": "education", "limit": "100"},
]

# ----------------------------------------------------------------------------------------------------------
# Vocabulary of the generator

STAGE_WEIGHTS = {"exploring": 12, "letter_of_intent": 14, "mou_signed": 26, "formal_agreement": 14, "active": 22,
                 "dormant": 7, "ended": 5}
# Where a partnership in each stage came from (the allowed moves of lifecycle.ALLOWED_MOVES).
PREVIOUS_STAGES = {
    "letter_of_intent": ["exploring"],
    "mou_signed": ["exploring", "letter_of_intent"],
    "formal_agreement": ["letter_of_intent", "mou_signed"],
    "active": ["mou_signed", "formal_agreement"],
    "dormant": ["mou_signed", "formal_agreement", "active"],
    "ended": ["exploring", "letter_of_intent", "mou_signed", "formal_agreement", "active"],
}
SIGNED = {"letter_of_intent", "mou_signed", "formal_agreement"}
KIND_WEIGHTS = {"sister_relationship": 35, "cooperation": 55, "other": 10}
SECTOR_WEIGHTS = {"tourism": 12, "trade": 12, "agriculture": 10, "education": 9, "investment": 8, "culture": 8,
                  "health": 6, "infrastructure": 5, "technology": 5, "digital_economy": 3, "blue_economy": 3,
                  "energy": 3, "manufacturing": 3, "youth": 3, "environment": 3, "water": 2, "transport": 2,
                  "governance": 2, "security": 1, "sports": 2}
ACTIVITY_KINDS = ["delegation_visit", "exchange_programme", "trade_fair", "training", "investment", "trade_deal",
                  "donation", "other"]
ACTIVITY_KIND_WEIGHTS = [30, 12, 10, 20, 6, 6, 8, 8]
ACTIVITY_TITLES = {
    "delegation_visit": "Delegation visit to {place}",
    "exchange_programme": "Student exchange with {place}",
    "trade_fair": "{place} pavilion at the trade fair",
    "training": "Training of officers from {place}",
    "investment": "Investment from {place}",
    "trade_deal": "Purchase agreement with {place}",
    "donation": "Donation of equipment by {place}",
    "other": "Meeting with {place}",
}
DESCRIPTIONS = [
    "The delegation met the governor and visited the port, the county hospital and two farms.",
    "Twenty officers attended a two-week course on urban planning and revenue collection.",
    "Agreed to exchange students and teachers from the next academic year.",
    "Cashew nut and macadamia exporters met buyers; three letters of intent were signed.",
    "A feasibility study of an industrial park was presented to the county assembly.",
    "Medical equipment was handed over to the sub-county hospital.",
    "",
    "",
    "",
]
PEOPLE = ["", "", "", "Governor, county executive committee members", "Mayor and the foreign affairs office",
          "Party secretary, vice-mayor, 12 entrepreneurs"]
SOURCES = ["", "", "https://www.kilifi.go.ke/news", "https://www.mfa.gov.cn/", "County annual report",
           "Xinhua", "The Standard", ""]
CURRENCIES = ["KES", "CNY", "USD"]
COMMITMENTS = ["Train {n} tour guides", "Open a direct flight route", "Exchange {n} students a year",
               "Build a vocational training centre", "Send an agricultural expert team",
               "Hold a joint investment forum", "Twin {n} schools", "Supply {n} solar street lights"]
AFRICAN_NAMES = ["Amina Mwangi", "Joseph Otieno", "Grace Wanjiru", "Hassan Ali", "Fatuma Said", "Peter Kamau",
                 "Aisha Mohamed", "Samuel Kiprop", "Mercy Achieng", "Abdi Hussein"]
CHINESE_NAMES = ["Li Wei", "Wang Fang", "Zhang Min", "Liu Yang", "Chen Jing", "Yang Li", "Zhao Lei", "Huang Yan"]


def weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def random_date(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    if end <= start:
        return end
    return start + datetime.timedelta(days=rng.randrange((end - start).days + 1))


# ----------------------------------------------------------------------------------------------------------
# 1. The database and the seed


def bench_environment(database_url: str, *, hosts: str = "127.0.0.1") -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE=SETTINGS_MODULE,
        DJANGO_SECRET_KEY=env.get("DJANGO_SECRET_KEY") or "benchmark-only-secret-key-not-for-production-use-0123456789",
        DATABASE_URL=database_url,
        DJANGO_ALLOWED_HOSTS=hosts,
        DJANGO_DEBUG="false",
        LOG_LEVEL=env.get("LOG_LEVEL", "WARNING"),
        PYTHONUNBUFFERED="1",
        # The settings wrapper lives in benchmarks/results/; the project root first, so that a scratch copy
        # of the project measures its own code.
        PYTHONPATH=os.pathsep.join([str(ROOT), str(RESULTS_DIR), env.get("PYTHONPATH", "")]).rstrip(os.pathsep),
    )
    return env


def write_settings() -> None:
    """config.settings.production, with the collected static files under benchmarks/results/.

    The detail page is HTML: its {% static %} tags need whitenoise's manifest, i.e. collectstatic, which writes
    to STATIC_ROOT; moving it here keeps the benchmark from writing outside benchmarks/. Nothing else changes.
    """
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / f"{SETTINGS_MODULE}.py").write_text(
        '"""Written by benchmarks/partnerships.py: production settings, static files collected here."""\n'
        "from pathlib import Path\n\n"
        "from config.settings.production import *  # noqa: F403\n\n"
        "STATIC_ROOT = Path(__file__).resolve().parent / 'staticfiles'\n"
    )


def setup_django(env: dict[str, str]) -> None:
    for key in ("DJANGO_SETTINGS_MODULE", "DJANGO_SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOWED_HOSTS", "LOG_LEVEL"):
        os.environ[key] = env[key]
    os.environ["DJANGO_ALLOWED_HOSTS"] = "127.0.0.1,testserver"  # the in-process test Client's host
    os.environ["PAGE_CACHE"] = "0"  # the in-process profile counts the work of an uncached request
    for path in (str(RESULTS_DIR), str(ROOT)):
        sys.path.insert(0, path)
    import django

    django.setup()


def pg_connect(database_url: str, **kwargs):
    import psycopg

    return psycopg.connect(database_url, options="-c jit=off", **kwargs)


class Seeder:
    """Writes the benchmark's partnerships with COPY, in one transaction after a TRUNCATE."""

    def __init__(self, database_url: str, today: datetime.date):
        self.database_url = database_url
        self.today = today
        self.rng = random.Random(SEED)
        self.timings: dict[str, float] = {}
        self.counts: dict[str, int] = {}

    def _copy(self, cur, table: str, columns: list[str], rows) -> int:
        started = time.monotonic()
        n = 0
        with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
                n += 1
        self.timings[table] = round(time.monotonic() - started, 2)
        self.counts[table] = n
        log(f"  {table}: {n:,} rows in {self.timings[table]:.1f} s")
        return n

    def _places(self, cur) -> None:
        cur.execute("SELECT id, code, country_code, admin_level, name_en FROM places_place")
        rows = cur.fetchall()
        self.place_name = {r[0]: r[4] for r in rows}
        self.place_code = {r[0]: r[1] for r in rows}
        self.place_id = {r[1]: r[0] for r in rows}
        kenya = sorted(r[0] for r in rows if r[2] == "KE" and r[3] == 1)
        africa = sorted(r[0] for r in rows if r[2] not in {"KE", "CN"} and r[3] == 1)
        provinces = sorted(r[0] for r in rows if r[2] == "CN" and r[3] == 1)
        prefectures = sorted(r[0] for r in rows if r[2] == "CN" and r[3] == 2)
        if not (kenya and africa and provinces and prefectures):
            raise BenchmarkError("the reference data lacks Kenyan counties, African divisions or Chinese places")

        def zipf(ids: list[int], favourites: list[str]) -> tuple[list[int], list[float]]:
            """A popularity order: the favourites first, the rest shuffled; weight 1/rank^0.8."""
            first = [self.place_id[c] for c in favourites if c in self.place_id and self.place_id[c] in ids]
            rest = [i for i in ids if i not in first]
            self.rng.shuffle(rest)
            ordered = first + rest
            return ordered, [1 / (rank + 1) ** 0.8 for rank in range(len(ordered))]

        self.kenya = zipf(kenya, ["KE-30", "KE-01", "KE-14", "KE-28", "KE-42", "KE-32"])
        self.africa = zipf(africa, [])
        self.provinces = zipf(provinces, ["CN-JX", "CN-HN", "CN-GD", "CN-ZJ", "CN-JS"])
        self.prefectures = zipf(prefectures, [])

    def _pick(self, pool: tuple[list[int], list[float]], k: int = 1) -> list[int]:
        return self.rng.choices(pool[0], weights=pool[1], k=k)

    def _african(self) -> int:
        return self._pick(self.kenya if self.rng.random() < 0.4 else self.africa)[0]

    def _chinese(self) -> int:
        return self._pick(self.prefectures if self.rng.random() < 0.7 else self.provinces)[0]

    def _users(self, cur) -> None:
        from django.contrib.auth.hashers import make_password

        password = make_password("bench-password-not-used")
        joined = datetime.datetime(2024, 1, 1, tzinfo=UTC)
        users, memberships = [], []
        member_pool = self.kenya[0][:20] + self.provinces[0][:10] + self.prefectures[0][:30]
        for uid in range(1, N_USERS + 1):
            username = BENCH_USERNAME if uid == 1 else f"bench-user-{uid:03d}"
            users.append((uid, password, False, username, "", "", f"{username}@example.org", False, True, joined,
                          username.replace("-", " ").title(), "en"))
            if uid == 1:  # the token's owner: verified officer of Kilifi and Nairobi, member of Jiangxi
                memberships += [(len(memberships) + 1, "officer", True, joined, self.place_id["KE-14"], uid),
                                (len(memberships) + 2, "officer", True, joined, self.place_id["KE-30"], uid),
                                (len(memberships) + 3, "member", True, joined, self.place_id["CN-JX"], uid)]
                continue
            for place in self.rng.sample(member_pool, self.rng.choice((1, 1, 2))):
                memberships.append((len(memberships) + 1, self.rng.choice(("officer", "member")),
                                    self.rng.random() < 0.8, joined, place, uid))
        self._copy(cur, "accounts_user", ["id", "password", "is_superuser", "username", "first_name", "last_name",
                                          "email", "is_staff", "is_active", "date_joined", "display_name",
                                          "language"], users)
        self._copy(cur, "accounts_membership", ["id", "role", "is_verified", "created_at", "place_id", "user_id"],
                   memberships)
        self.officers = [m[5] for m in memberships if m[1] == "officer" and m[2]]

    def _activity_counts(self, stages: list[str]) -> list[int]:
        """Activities per partnership: 10 with thousands, 2 % with tens to hundreds, most with a handful."""
        rng = self.rng
        counts = [0] * N_PARTNERSHIPS
        for i, n in enumerate(HEAVY_ACTIVITY_COUNTS):
            counts[self.heavy[i]] = n
        heavy = set(self.heavy)
        medium = set(rng.sample([i for i in range(N_PARTNERSHIPS) if i not in heavy], N_PARTNERSHIPS // 50))
        for i in range(N_PARTNERSHIPS):
            if i in heavy:
                continue
            if i in medium:
                counts[i] = min(800, int(rng.lognormvariate(4.8, 0.7)))  # median ~120
            elif stages[i] == "exploring":
                counts[i] = rng.choice((0, 0, 0, 1, 1, 2))
            else:
                counts[i] = min(60, int(rng.expovariate(1 / 6.0)))  # mean ~5.5, many zeros and ones
        # Bring the total to exactly N_ACTIVITIES by adding to (or taking from) light partnerships.
        light = [i for i in range(N_PARTNERSHIPS) if i not in heavy and i not in medium and stages[i] != "exploring"]
        diff = N_ACTIVITIES - sum(counts)
        while diff:
            i = rng.choice(light)
            if diff > 0:
                step = min(diff, rng.randint(1, 4))
                counts[i] += step
                diff -= step
            elif counts[i] > 0:
                counts[i] -= 1
                diff += 1
        return counts

    def run(self) -> dict:
        started_all = time.monotonic()
        rng, today = self.rng, self.today
        with pg_connect(self.database_url) as conn, conn.cursor() as cur:
            cur.execute("SET synchronous_commit = off")
            log("  truncating the partnerships, accounts and notifications tables")
            tables = [r[0] for r in cur.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND (tablename LIKE 'partnerships\\_%'"
                " OR tablename LIKE 'accounts\\_%' OR tablename LIKE 'account\\_%'"
                " OR tablename LIKE 'notifications\\_%' OR tablename = 'django_admin_log')").fetchall()]
            cur.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
            # No foreign-key triggers while loading (they queued ~3 million deferred checks, ~30 s at commit):
            # the generator writes consistent ids, and check_foreign_keys verifies every constraint afterwards.
            cur.execute("SET session_replication_role = replica")
            self._places(cur)
            self._users(cur)
            sectors = dict(cur.execute("SELECT slug, id FROM taxonomy_sector").fetchall())
            sector_slugs = [s for s in SECTOR_WEIGHTS if s in sectors]
            sector_weights = [SECTOR_WEIGHTS[s] for s in sector_slugs]
            products = [r[0] for r in cur.execute("SELECT id FROM taxonomy_product ORDER BY id").fetchall()]

            # --- partnerships, parties, stage changes, signatories, sectors, products, commitments
            partnerships, parties, changes, signatories = [], [], [], []
            sector_rows, product_rows, commitments = [], [], []
            self.parties_of: list[list[tuple[int, int]]] = []  # per partnership: (party id, place id)
            starts, stages, publics = [], [], []
            # The heaviest: public, active sister relationships of long standing, some of them Kilifi's.
            self.heavy = rng.sample(range(N_PARTNERSHIPS), len(HEAVY_ACTIVITY_COUNTS))
            heavy = set(self.heavy)
            year_weights = {y: (y - 1996) ** 1.6 for y in range(2000, today.year + 1)}
            for i in range(N_PARTNERSHIPS):
                pid = i + 1
                # parties: one African and one Chinese place, sometimes a third of either side
                african, chinese = [self._african()], [self._chinese()]
                roll = rng.random()
                if roll < 0.12:
                    chinese.append(self._chinese())
                elif roll < 0.20:
                    african.append(self._african())
                if i in heavy and i % 3 == 0:
                    african[0] = self.place_id["KE-14"]
                places = list(dict.fromkeys(african + chinese))
                if len(places) < 2:
                    places.append(self._chinese() if places[0] in african else self._african())
                    places = list(dict.fromkeys(places))
                    if len(places) < 2:
                        places.append(self.place_id["CN-JX"] if places[0] != self.place_id["CN-JX"]
                                      else self.place_id["KE-14"])
                my_parties = []
                for place in places:
                    parties.append((len(parties) + 1, pid, place))
                    my_parties.append((len(parties), place))
                self.parties_of.append(my_parties)

                stage = "active" if i in heavy else weighted(rng, STAGE_WEIGHTS)
                kind = "sister_relationship" if i in heavy else weighted(rng, KIND_WEIGHTS)
                if i in heavy:
                    started = datetime.date(rng.randint(2003, 2008), rng.randint(1, 12), rng.randint(1, 28))
                elif rng.random() < 0.05:
                    started = None  # "recently signed", no more
                else:
                    year = rng.choices(list(year_weights), weights=list(year_weights.values()))[0]
                    started = random_date(rng, datetime.date(year, 1, 1), min(datetime.date(year, 12, 31), today))
                # one or two stage changes: the first record, then the move to the current stage
                path = [stage]
                if stage in {"dormant", "ended"} or (stage in PREVIOUS_STAGES and rng.random() < 0.55):
                    previous = rng.choice(PREVIOUS_STAGES[stage])
                    if stage in {"dormant", "ended"} and previous not in {"exploring", "letter_of_intent",
                                                                          "mou_signed", "formal_agreement", "active"}:
                        previous = "mou_signed"
                    path = [previous, stage]
                dates = [started]
                if len(path) == 2:
                    if started is None or rng.random() < 0.08:
                        dates.append(None)
                    else:
                        dates.append(min(today, started + datetime.timedelta(days=rng.randint(30, 1500))))
                stage_since = dates[-1]
                signed_on = None
                for step, day in zip(path, dates, strict=True):
                    if step in SIGNED:
                        signed_on = day
                if stage == "active" and signed_on is None and started and rng.random() < 0.5:
                    signed_on = started
                public = rng.random() < 0.9 or i in heavy
                created = datetime.datetime.combine(started or datetime.date(2024, 6, 1), datetime.time(9, 30),
                                                    tzinfo=UTC) + datetime.timedelta(minutes=rng.randrange(600))
                names = [self.place_name[p] for p in places]
                title = " – ".join(names)[:200]
                if rng.random() < 0.3:
                    title = f"{names[0]} – {names[1]} {'friendship' if kind == 'sister_relationship' else 'cooperation'}"
                summary = (f"{names[0]} and {names[1]} agreed to cooperate in trade, tourism and education."
                           if rng.random() < 0.7 else "")
                notes = "Contact: the foreign affairs office." if rng.random() < 0.2 else ""
                partnerships.append([pid, title, kind, stage, stage_since, started, summary, public, created,
                                     created, None, notes, signed_on])
                starts.append(started)
                stages.append(stage)
                publics.append(public)

                for step, (to_stage, day) in enumerate(zip(path, dates, strict=True)):
                    change_id = len(changes) + 1
                    changes.append((change_id, path[step - 1] if step else "", to_stage, False, day,
                                    f"https://example.org/news/{pid}" if rng.random() < 0.4 else "",
                                    "Press release of the county" if rng.random() < 0.3 else "", "",
                                    created + datetime.timedelta(days=30 * step), pid,
                                    rng.choice(self.officers) if rng.random() < 0.2 else None))
                    if to_stage in SIGNED:
                        for party_id, place in my_parties:
                            is_cn = self.place_code[place].startswith("CN-")
                            signatories.append((len(signatories) + 1,
                                                rng.choice(CHINESE_NAMES if is_cn else AFRICAN_NAMES),
                                                "Mayor" if is_cn else "Governor", party_id, change_id))

                for slug in dict.fromkeys(rng.choices(sector_slugs, weights=sector_weights,
                                                      k=rng.choice((1, 2, 2, 3, 3, 4)))):
                    sector_rows.append((len(sector_rows) + 1, pid, sectors[slug]))
                if rng.random() < 0.35:
                    for product in dict.fromkeys(rng.sample(products, rng.choice((1, 1, 2)))):
                        product_rows.append((len(product_rows) + 1, pid, product))

                n_commitments = rng.choice((0, 1, 1, 2, 2, 2, 3, 3, 4)) if stage != "exploring" else rng.choice((0, 0, 1))
                for _ in range(n_commitments):
                    base = started or datetime.date(2022, 1, 1)
                    due = base + datetime.timedelta(days=rng.randint(90, 2200)) if rng.random() < 0.9 else None
                    if due is not None and due < today:
                        status = rng.choices(("done", "cancelled", "open", "in_progress"), (45, 5, 30, 20))[0]
                    else:
                        status = rng.choices(("open", "in_progress", "done"), (60, 35, 5))[0]
                    completed = (min(today, (due or today) - datetime.timedelta(days=rng.randint(0, 60)))
                                 if status == "done" else None)
                    party = rng.choice(my_parties)[0] if rng.random() < 0.8 else None
                    commitments.append((len(commitments) + 1,
                                        rng.choice(COMMITMENTS).format(n=rng.choice((5, 10, 20, 50))), due, status,
                                        completed, "Report of the county" if status == "done" else "", None, pid,
                                        party))

            # --- activities (before the partnerships are written: last_activity_on is their latest date)
            counts = self._activity_counts(stages)
            self.counts_of = counts
            activity_places: list[tuple[int, int, int]] = []
            log(f"  generating {sum(counts):,} activities")

            def activities():
                aid = 0
                kinds_all = rng.choices(ACTIVITY_KINDS, weights=ACTIVITY_KIND_WEIGHTS, k=N_ACTIVITIES)
                for i in range(N_PARTNERSHIPS):
                    n = counts[i]
                    if not n:
                        continue
                    first = max(starts[i] or datetime.date(2018, 1, 1), datetime.date(2000, 1, 1))
                    # a quarter of the partnerships went quiet: their last activity is long past
                    if stages[i] in {"dormant", "ended"} or (i not in heavy and rng.random() < 0.25):
                        last = max(first, today - datetime.timedelta(days=rng.randint(400, 3000)))
                    else:
                        last = today - datetime.timedelta(days=rng.randint(0, 200))
                    span = max(0, (last - first).days)
                    my_places = [place for _party, place in self.parties_of[i]]
                    latest = None
                    for _ in range(n):
                        aid += 1
                        kind = kinds_all[aid - 1]
                        day = first + datetime.timedelta(days=int(span * rng.random() ** 0.7))
                        if latest is None or day > latest:
                            latest = day
                        place = my_places[aid % len(my_places)]
                        has_value = kind in {"investment", "trade_deal", "donation"} and aid % 3 != 0
                        yield (aid, kind, day, ACTIVITY_TITLES[kind].format(place=self.place_name[place]),
                               DESCRIPTIONS[aid % len(DESCRIPTIONS)], PEOPLE[aid % len(PEOPLE)],
                               (aid % 997) * 1000 + 500 if has_value else None,
                               CURRENCIES[aid % 3] if has_value else "", SOURCES[aid % len(SOURCES)], i + 1)
                        if aid % 10 < 3:
                            activity_places.append((len(activity_places) + 1, aid, place))
                    partnerships[i][10] = latest

            # COPY activities first (the generator fills last_activity_on), then the partnerships: the FKs
            # are DEFERRABLE INITIALLY DEFERRED, checked at commit.
            self._copy(cur, "partnerships_activity",
                       ["id", "kind", "happened_on", "title", "description", "people", "value", "currency", "source",
                        "partnership_id"], activities())
            self._copy(cur, "partnerships_partnership",
                       ["id", "title", "kind", "stage", "stage_since", "started_on", "summary", "is_public",
                        "created_at", "updated_at", "last_activity_on", "private_notes", "signed_on"], partnerships)
            self._copy(cur, "partnerships_partnershipparty", ["id", "partnership_id", "place_id"], parties)
            self._copy(cur, "partnerships_stagechange",
                       ["id", "from_stage", "to_stage", "is_renewal", "happened_on", "source_url", "source_text",
                        "note", "recorded_at", "partnership_id", "recorded_by_id"], changes)
            self._copy(cur, "partnerships_signatory", ["id", "name", "title", "party_id", "stage_change_id"],
                       signatories)
            self._copy(cur, "partnerships_partnership_sectors", ["id", "partnership_id", "sector_id"], sector_rows)
            self._copy(cur, "partnerships_partnership_products", ["id", "partnership_id", "product_id"],
                       product_rows)
            self._copy(cur, "partnerships_commitment",
                       ["id", "description", "due_on", "status", "completed_on", "evidence", "owner_id",
                        "partnership_id", "party_id"], commitments)
            self._copy(cur, "partnerships_activity_places", ["id", "activity_id", "place_id"], activity_places)
            # next_due_on, as services._refresh_next_due keeps it: the earliest due date of open commitments.
            cur.execute("""
                UPDATE partnerships_partnership p SET next_due_on = c.first FROM (
                    SELECT partnership_id, MIN(due_on) AS first FROM partnerships_commitment
                    WHERE status IN ('open', 'in_progress') GROUP BY partnership_id) c
                WHERE c.partnership_id = p.id""")

            # --- the audit history: the "+" record services.py's saves would have left (history_id = id)
            started = time.monotonic()
            cur.execute("""
                INSERT INTO partnerships_historicalpartnership (id, title, kind, stage, stage_since, started_on,
                    signed_on, summary, private_notes, is_public, created_at, history_id, history_date, history_type,
                    history_user_id)
                SELECT id, title, kind, stage, stage_since, started_on, signed_on, summary, private_notes, is_public,
                    created_at, id, created_at, '+', NULL FROM partnerships_partnership""")
            cur.execute("""
                INSERT INTO partnerships_historicalpartnership_sectors (id, history_id, partnership_id, sector_id)
                SELECT id, partnership_id, partnership_id, sector_id FROM partnerships_partnership_sectors""")
            cur.execute("""
                INSERT INTO partnerships_historicalpartnership_products (id, history_id, partnership_id, product_id)
                SELECT id, partnership_id, partnership_id, product_id FROM partnerships_partnership_products""")
            cur.execute("""
                INSERT INTO partnerships_historicalpartnershipparty (id, history_id, history_date, history_type,
                    partnership_id, place_id)
                SELECT pp.id, pp.id, p.created_at, '+', pp.partnership_id, pp.place_id
                FROM partnerships_partnershipparty pp JOIN partnerships_partnership p ON p.id = pp.partnership_id""")
            cur.execute("""
                INSERT INTO partnerships_historicalcommitment (id, description, due_on, status, completed_on,
                    evidence, history_id, history_date, history_type, owner_id, partnership_id, party_id)
                SELECT c.id, c.description, c.due_on, c.status, c.completed_on, c.evidence, c.id,
                    p.created_at + interval '40 days', '+', c.owner_id, c.partnership_id, c.party_id
                FROM partnerships_commitment c JOIN partnerships_partnership p ON p.id = c.partnership_id""")
            cur.execute("""
                INSERT INTO partnerships_historicalactivity (id, kind, happened_on, title, description, people, value,
                    currency, source, history_id, history_date, history_type, partnership_id)
                SELECT id, kind, happened_on, title, description, people, value, currency, source, id,
                    LEAST(now(), (happened_on + (id % 20) * interval '1 day' + interval '10 hours')::timestamptz),
                    '+', partnership_id
                FROM partnerships_activity""")
            self.timings["history (INSERT … SELECT)"] = round(time.monotonic() - started, 2)
            log(f"  audit history records in {self.timings['history (INSERT … SELECT)']:.1f} s")

            # identities: continue after the ids written explicitly
            for table, column in cur.execute("""
                    SELECT table_name, column_name FROM information_schema.columns
                    WHERE table_schema = 'public' AND is_identity = 'YES'
                      AND (table_name LIKE 'partnerships\\_%' OR table_name LIKE 'accounts\\_%')""").fetchall():
                cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), "
                            f"GREATEST((SELECT max({column}) FROM {table}), 1))")
            started = time.monotonic()
            conn.commit()
            self.timings["commit"] = round(time.monotonic() - started, 2)
        started = time.monotonic()
        check_foreign_keys(self.database_url)
        self.timings["foreign keys verified"] = round(time.monotonic() - started, 2)
        started = time.monotonic()
        with pg_connect(self.database_url, autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")
        self.timings["VACUUM ANALYZE"] = round(time.monotonic() - started, 2)
        total = round(time.monotonic() - started_all, 1)
        log(f"seeded in {total:.1f} s (foreign keys verified in {self.timings['foreign keys verified']:.1f} s, "
            f"VACUUM ANALYZE {self.timings['VACUUM ANALYZE']:.1f} s)")
        return {"seconds": total, "timings": self.timings, "rows": self.counts}


def check_foreign_keys(database_url: str) -> None:
    """Every single-column foreign key of the seeded tables points at an existing row (the load skipped the
    triggers that check them)."""
    with pg_connect(database_url, autocommit=True) as conn:
        constraints = conn.execute("""
            SELECT c.conname, t.relname, a.attname, rt.relname, ra.attname
            FROM pg_constraint c
            JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class rt ON rt.oid = c.confrelid
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
            JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = c.confkey[1]
            WHERE c.contype = 'f' AND array_length(c.conkey, 1) = 1
              AND (t.relname LIKE 'partnerships\\_%' OR t.relname LIKE 'accounts\\_%')""").fetchall()
        broken = []
        for name, table, column, ref_table, ref_column in constraints:
            n = conn.execute(f"SELECT count(*) FROM {table} c WHERE c.{column} IS NOT NULL AND NOT EXISTS "
                             f"(SELECT 1 FROM {ref_table} r WHERE r.{ref_column} = c.{column})").fetchone()[0]
            if n:
                broken.append(f"{name}: {n} rows of {table}.{column}")
    if broken:
        raise BenchmarkError("the seed broke foreign keys: " + "; ".join(broken))
    log(f"  {len(constraints)} foreign keys verified")


def store_state(database_url: str, state: dict) -> None:
    with pg_connect(database_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS benchmark_state (name text PRIMARY KEY, value text NOT NULL)")
        conn.execute("DELETE FROM benchmark_state WHERE name = 'partnerships_seed'")
        conn.execute("INSERT INTO benchmark_state VALUES ('partnerships_seed', %s)", [json.dumps(state)])


def load_state(database_url: str) -> dict | None:
    with pg_connect(database_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS benchmark_state (name text PRIMARY KEY, value text NOT NULL)")
        row = conn.execute("SELECT value FROM benchmark_state WHERE name = 'partnerships_seed'").fetchone()
    return json.loads(row[0]) if row else None


def database_figures(database_url: str) -> dict:
    with pg_connect(database_url, autocommit=True) as conn:
        figures = {}
        for name, table in (("partnerships", "partnerships_partnership"), ("parties", "partnerships_partnershipparty"),
                            ("stage_changes", "partnerships_stagechange"), ("signatories", "partnerships_signatory"),
                            ("sector_links", "partnerships_partnership_sectors"),
                            ("commitments", "partnerships_commitment"), ("activities", "partnerships_activity"),
                            ("activity_places", "partnerships_activity_places"),
                            ("history_activities", "partnerships_historicalactivity"),
                            ("memberships", "accounts_membership")):
            figures[name] = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        figures["public"] = conn.execute(
            "SELECT count(*) FROM partnerships_partnership WHERE is_public").fetchone()[0]
        figures["signed_on_null"] = conn.execute(
            "SELECT count(*) FROM partnerships_partnership WHERE signed_on IS NULL").fetchone()[0]
        figures["overdue_commitments"] = conn.execute(
            "SELECT count(*) FROM partnerships_commitment WHERE status IN ('open', 'in_progress') "
            "AND due_on < current_date").fetchone()[0]
        figures["last_activity_mismatches"] = conn.execute("""
            SELECT count(*) FROM partnerships_partnership p
            WHERE p.last_activity_on IS DISTINCT FROM
                  (SELECT max(happened_on) FROM partnerships_activity a WHERE a.partnership_id = p.id)""").fetchone()[0]
        top = conn.execute("""SELECT partnership_id, count(*) FROM partnerships_activity GROUP BY 1
                              ORDER BY 2 DESC LIMIT 3""").fetchall()
        figures["most_activities"] = [{"id": r[0], "activities": r[1]} for r in top]
        figures["database_size"] = conn.execute(
            "SELECT pg_size_pretty(pg_database_size(current_database()))").fetchone()[0]
    return figures


def bench_token(username: str) -> str:
    """A fresh API token of the benchmark's officer (services.api_token_create); the secret is returned once."""
    from urafiki.accounts.models import User
    from urafiki.accounts.services import api_token_create

    user = User.objects.get(username=username)
    user.api_tokens.filter(name="benchmark", revoked_at__isnull=True).update(
        revoked_at=datetime.datetime.now(UTC))
    _token, secret = api_token_create(user=user, name="benchmark")
    return secret


# ----------------------------------------------------------------------------------------------------------
# 2. Queries per request, EXPLAIN ANALYZE of the slowest statement


def list_path(params: dict[str, str]) -> str:
    return "/api/partnerships" + ("?" + urllib.parse.urlencode(params) if params else "")


def detail_ids(database_url: str) -> dict[str, list[int]]:
    """Public partnerships to cycle over: the 10 heaviest, 20 with tens to hundreds of activities, 170 others."""
    with pg_connect(database_url, autocommit=True) as conn:
        heaviest = [r[0] for r in conn.execute("""
            SELECT p.id FROM partnerships_partnership p JOIN partnerships_activity a ON a.partnership_id = p.id
            WHERE p.is_public GROUP BY p.id ORDER BY count(*) DESC, p.id LIMIT 10""").fetchall()]
        medium = [r[0] for r in conn.execute("""
            SELECT p.id FROM partnerships_partnership p
            WHERE p.is_public AND (SELECT count(*) FROM partnerships_activity a WHERE a.partnership_id = p.id)
                  BETWEEN 50 AND 800
            ORDER BY md5(p.id::text) LIMIT 20""").fetchall()]
        light = [r[0] for r in conn.execute("""
            SELECT p.id FROM partnerships_partnership p
            WHERE p.is_public AND (SELECT count(*) FROM partnerships_activity a WHERE a.partnership_id = p.id) < 50
            ORDER BY md5(p.id::text) LIMIT 170""").fetchall()]
    return {"heavy": heaviest, "medium": medium, "light": light}


def explain_ms(sql: str, runs: int = 3) -> tuple[float, str]:
    """The execution time of a statement (the least of `runs` EXPLAIN ANALYZE: a shared machine only adds
    to it) and its plan."""
    from django.db import connection

    times = []
    with connection.cursor() as cursor:
        for _ in range(runs):
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql)
            plan = cursor.fetchone()[0]
            if isinstance(plan, str):
                plan = json.loads(plan)
            times.append(float(plan[0]["Execution Time"]))
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        text = "\n".join(row[0] for row in cursor.fetchall())
    return min(times), text


def query_profile(shapes: list[tuple[str, str, dict]]) -> list[dict]:
    """For each (label, path, headers): status, SQL queries of one request, in-process time, slowest statement."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    rows = []
    for label, path, headers in shapes:
        client = Client(headers=headers)
        client.get(path)  # warm: per-process caches, the token's last use (noted once a minute)
        cpu = []
        for _ in range(3):  # the CPU time of this process (Python, not the database), median of 3
            started_cpu = time.process_time()
            client.get(path)
            cpu.append((time.process_time() - started_cpu) * 1000)
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path)
            elapsed_ms = (time.perf_counter() - started) * 1000
        statements = []
        for query in captured.captured_queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                statements.append({"sql": sql, "time_ms": float(query["time"]) * 1000})
                continue
            ms, plan = explain_ms(sql)
            statements.append({"sql": sql, "time_ms": float(query["time"]) * 1000, "explain_ms": ms, "plan": plan})
        slowest = max((s for s in statements if "explain_ms" in s), key=lambda s: s["explain_ms"], default=None)
        rows.append({
            "label": label, "path": path, "status": response.status_code, "queries": len(statements),
            "in_process_ms": round(elapsed_ms, 1),
            "python_cpu_ms": round(statistics.median(cpu), 1),
            "sql_total_ms": round(sum(s["time_ms"] for s in statements), 1),
            "explain_total_ms": round(sum(s.get("explain_ms", 0) for s in statements), 2),
            "slowest_explain_ms": round(slowest["explain_ms"], 2) if slowest else None,
            "slowest_sql": slowest["sql"] if slowest else None,
            "slowest_plan": slowest["plan"] if slowest else None,
            "statements": [{k: v for k, v in s.items() if k != "plan"} for s in statements],
        })
    return rows


def short_sql(sql: str | None, width: int = 90) -> str:
    if not sql:
        return ""
    sql = re.sub(r"\s+", " ", sql)
    sql = re.sub(r'"partnerships_(\w+)"', r"\1", sql)
    sql = re.sub(r'"(\w+)"', r"\1", sql)
    return sql if len(sql) <= width else sql[: width - 1] + "…"


def print_profile(rows: list[dict]) -> None:
    print()
    print("SQL per request (in process: django test Client + CaptureQueriesContext; py cpu = this process's CPU"
          " time per request, median of 3;\n sql exec = sum of the EXPLAIN ANALYZE execution times of its statements,"
          " least of 3 runs each; slowest = the slowest statement's):")
    print(f"  {'shape':<50}{'status':>7}{'queries':>8}{'py cpu ms':>10}{'sql exec':>9}{'slowest':>9}  slowest statement")
    for row in rows:
        print(f"  {row['label'][:49]:<50}{row['status']:>7}{row['queries']:>8}{row['python_cpu_ms']:>10.1f}"
              f"{row['explain_total_ms']:>9.2f}{(row['slowest_explain_ms'] or 0):>9.2f}  {short_sql(row['slowest_sql'], 60)}")


# ----------------------------------------------------------------------------------------------------------
# 3. The load: wrk with a Lua script (headers per run, non-200 counted, percentiles as JSON)

LUA_TEMPLATE = r"""
-- Generated by benchmarks/partnerships.py: cycles through a fixed list of paths with fixed headers,
-- counts non-200 responses, and reports the latency percentiles as one JSON line.
local paths = {PATHS}
local headers = {HEADERS}
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
  local h = {}
  for k, v in pairs(headers) do h[k] = v end
  return wrk.format("GET", paths[position], h)
end

function response(status, hdrs, body)
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


def run_wrk(wrk: str, base_url: str, paths: list[str], *, headers: dict[str, str], connections: int, threads: int,
            duration: float, script_path: Path, server: Server) -> dict:
    lua_headers = "{" + ", ".join(f"[{lua_string(k)}] = {lua_string(v)}" for k, v in headers.items()) + "}"
    script_path.write_text(LUA_TEMPLATE.replace("{PATHS}", "{" + ", ".join(lua_string(p) for p in paths) + "}")
                           .replace("{HEADERS}", lua_headers))
    command = [wrk, "-t", str(threads), "-c", str(connections), "-d", f"{duration:g}s", "--timeout", "10s",
               "-s", str(script_path), base_url]
    server_cpu_before = server.cpu_seconds()
    host_before = host_cpu()
    result = subprocess.run(command, capture_output=True, text=True, timeout=duration + 60)
    host_after = host_cpu()
    server_cpu = server.cpu_seconds() - server_cpu_before
    lines = [line for line in result.stdout.splitlines() if line.startswith("BENCH_JSON ")]
    if result.returncode or not lines:
        raise BenchmarkError(f"wrk failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    raw = json.loads(lines[-1].removeprefix("BENCH_JSON "))
    # wrk's own count of responses with status >= 400, printed as "Non-2xx or 3xx responses: N" when not zero
    match = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", result.stdout)
    wrk_non2xx = int(match.group(1)) if match else 0
    seconds = raw["duration_us"] / 1e6
    socket_errors = sum(v for k, v in raw["socket_errors"].items() if k != "status_4xx_5xx")
    busy, total = host_after[0] - host_before[0], host_after[1] - host_before[1]
    return {
        "requests": raw["requests"],
        "seconds": round(seconds, 3),
        "throughput_rps": round(raw["requests"] / seconds, 1),
        "latency_ms": {k: round(v / 1000, 2) for k, v in raw["latency_us"].items()},
        "socket_errors": socket_errors,
        "socket_error_detail": raw["socket_errors"],
        "non200": raw["non200"],
        "wrk_non_2xx_3xx": wrk_non2xx,
        "first_bad_status": raw["first_bad_status"] or None,
        "gunicorn_cpu_percent_of_one_core": round(100 * server_cpu / seconds, 1),
        "host_busy_percent": round(100 * busy / total, 1) if total else None,
        "paths": len(paths),
        "command": " ".join(command),
    }


def fetch(url: str, headers: dict[str, str], timeout: float = 30.0) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def check_paths(base_url: str, paths: list[str], headers: dict[str, str], repeat: int) -> list[dict]:
    """Each path alone, one at a time: status, size, median latency (also warms the workers up)."""
    rows = []
    for path in paths:
        timings, status, body = [], 0, b""
        for _ in range(repeat):
            started = time.perf_counter()
            status, body = fetch(base_url + path, headers)
            timings.append((time.perf_counter() - started) * 1000)
        count = None
        if status == 200 and path.startswith("/api/partnerships"):
            count = json.loads(body).get("count")
        rows.append({"path": path, "status": status, "bytes": len(body), "count": count,
                     "median_ms": round(statistics.median(timings), 2)})
    return rows


# ----------------------------------------------------------------------------------------------------------
# 4. Report


def print_table(endpoints: dict[str, dict]) -> None:
    header = (f"{'endpoint':<38}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}{'errors':>8}"
              f"{'non-2xx':>9}{'host cpu':>10}")
    print(header)
    print("-" * len(header))
    for name, row in endpoints.items():
        lat = row["latency_ms"]
        print(f"{name:<38}{row['throughput_rps']:>9,.1f}{lat['p50']:>9.2f}{lat['p95']:>9.2f}{lat['p99']:>9.2f}"
              f"{lat['max']:>9.1f}{row['socket_errors']:>8}{max(row['non200'], row['wrk_non_2xx_3xx']):>9}"
              f"{row['host_busy_percent'] or 0:>9.0f}%")


def print_paths(title: str, rows: list[dict], limit: int | None = None) -> None:
    print()
    print(title)
    shown = sorted(rows, key=lambda r: -r["median_ms"])[:limit] if limit else rows
    for row in shown:
        count = "" if row["count"] is None else f"count {row['count']:>6}"
        print(f"  {row['path'][:70]:<70} {row['status']}  {count:<13} {row['bytes']:>8} B  {row['median_ms']:8.1f} ms")


ENDPOINTS = {
    "health": "GET /api/health",
    "list_anonymous": "GET /api/partnerships (anonymous)",
    "list_token": "GET /api/partnerships (officer token)",
    "detail": "GET /partnerships/<id>/",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_PARTNERSHIPS_DATABASE_URL", DEFAULT_DATABASE_URL),
                        help="PostgreSQL database of the benchmark (created when missing; default %(default)s)")
    parser.add_argument("--skip-seed", action="store_true",
                        help="reuse the seeded database (migrate still runs; fails if it was never seeded)")
    parser.add_argument("--seed-only", action="store_true", help="seed, count queries, and stop before the load")
    parser.add_argument("--duration", type=float, default=20.0, help="seconds of load per endpoint (max 120)")
    parser.add_argument("--warmup", type=float, default=5.0, help="seconds of load per endpoint before measuring")
    parser.add_argument("--connections", type=int, default=16, help="concurrent clients (default %(default)s)")
    parser.add_argument("--wrk-threads", type=int, default=1, help="wrk threads (default 1: leaves the CPU to the server)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers (default %(default)s)")
    parser.add_argument("--only", default=",".join(ENDPOINTS),
                        help=f"endpoints to load, comma-separated among {', '.join(ENDPOINTS)}")
    parser.add_argument("--no-profile", action="store_true", help="skip the query counts and EXPLAIN ANALYZE")
    parser.add_argument("--no-install", action="store_true", help="never apt-get install wrk")
    parser.add_argument("--no-page-cache", action="store_true",
                        help="serve with PAGE_CACHE=0: every request does the full work (core/caching.py off)")
    args = parser.parse_args()
    if not 1 <= args.duration <= 120:
        parser.error("--duration must be between 1 and 120 seconds")
    only = [name.strip() for name in args.only.split(",") if name.strip()]
    if unknown := set(only) - set(ENDPOINTS):
        parser.error(f"unknown endpoints: {', '.join(sorted(unknown))}")

    write_settings()
    env = bench_environment(args.database_url)
    env["PAGE_CACHE"] = "0" if args.no_page_cache else "1"
    stamp = datetime.datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    server: Server | None = None
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    try:
        wrk = None if args.seed_only else ensure_wrk(install=not args.no_install)
        ensure_database(args.database_url)
        setup: dict = {}
        log("manage.py migrate")
        setup["migrate_s"] = round(manage(env, "migrate", "--noinput"), 1)
        log("manage.py collectstatic (into benchmarks/results/staticfiles: the HTML pages need the manifest)")
        setup["collectstatic_s"] = round(manage(env, "collectstatic", "--noinput"), 1)
        setup_django(env)
        from django.utils import timezone

        state = load_state(args.database_url)
        if args.skip_seed:
            if not state:
                raise BenchmarkError("--skip-seed: this database was never seeded; run without --skip-seed once")
            log(f"--skip-seed: reusing the data seeded on {state['seeded_on']} (seed took {state['seed']['seconds']} s)")
        else:
            log("manage.py load_reference_data")
            setup["load_reference_data_s"] = round(manage(env, "load_reference_data"), 1)
            log(f"seeding {N_PARTNERSHIPS:,} partnerships and {N_ACTIVITIES:,} activities with COPY")
            seed = Seeder(args.database_url, timezone.localdate()).run()
            state = {"seeded_on": timezone.localdate().isoformat(), "seed": seed}
            store_state(args.database_url, state)
        from urafiki.core.caching import content_changed

        content_changed()  # COPY sends no signals, and a Redis cache may hold a previous run's answers
        database = database_figures(args.database_url)
        log(f"database: {database['partnerships']:,} partnerships ({database['public']:,} public), "
            f"{database['activities']:,} activities (most: {database['most_activities'][0]['activities']:,}), "
            f"{database['commitments']:,} commitments ({database['overdue_commitments']:,} overdue), "
            f"{database['database_size']}; last_activity_on mismatches: {database['last_activity_mismatches']}")
        if database["last_activity_mismatches"]:
            raise BenchmarkError("Partnership.last_activity_on differs from the latest activity: reseed")

        secret = bench_token(BENCH_USERNAME)
        token_headers = {"Authorization": f"Bearer {secret}"}
        ids = detail_ids(args.database_url)
        list_paths = [list_path(params) for params in LIST_QUERIES]
        detail_cycle = ids["heavy"] + ids["medium"] + ids["light"]
        random.Random(SEED).shuffle(detail_cycle)
        detail_paths = [f"/partnerships/{pk}/" for pk in detail_cycle]

        profile = []
        if not args.no_profile:
            shapes = [("GET /api/health", "/api/health", {})]
            shapes += [(f"list {urllib.parse.unquote(p.removeprefix('/api/partnerships'))or '(no filter)'}", p, {})
                       for p in list_paths]
            shapes += [(f"list+token {urllib.parse.unquote(p.removeprefix('/api/partnerships')) or '(no filter)'}",
                        p, token_headers) for p in list_paths[:4]]
            for bucket in ("heavy", "medium", "light"):
                pk = ids[bucket][0]
                shapes.append((f"detail page, {bucket} (id {pk})", f"/partnerships/{pk}/", {}))
            shapes.append((f"detail API, heavy (id {ids['heavy'][0]})", f"/api/partnerships/{ids['heavy'][0]}", {}))
            shapes.append((f"detail API, light (id {ids['light'][0]})", f"/api/partnerships/{ids['light'][0]}", {}))
            log("counting the queries of each URL shape and EXPLAIN ANALYZE of their statements")
            profile = query_profile(shapes)
            print_profile(profile)
            bad = [row for row in profile if row["status"] != 200]
            if bad:
                raise BenchmarkError(f"in process, {len(bad)} shapes do not answer 200: "
                                     f"{[(r['label'], r['status']) for r in bad]}")
        from django.db import connections

        connections.close_all()
        if args.seed_only:
            RESULTS_DIR.mkdir(parents=True, exist_ok=True)
            out = RESULTS_DIR / f"partnerships-{stamp}-profile.json"
            out.write_text(json.dumps({"database": database, "seed": state["seed"], "queries": profile},
                                      indent=2, ensure_ascii=False, default=str))
            print(f"\nresults: {out.relative_to(ROOT)}")
            return 0

        RESULTS_DIR.mkdir(parents=True, exist_ok=True)
        server = Server(env, workers=args.workers, worker_class="sync", threads=1,
                        log_path=RESULTS_DIR / f"partnerships-{stamp}-gunicorn.log")
        server.start()
        log(f"gunicorn answering on {server.base_url} (pid {server.process.pid}); checking every path")
        checks = {
            "list_anonymous": check_paths(server.base_url, list_paths, {}, repeat=3),
            "list_token": check_paths(server.base_url, list_paths, token_headers, repeat=1),
            "detail": check_paths(server.base_url, detail_paths, {}, repeat=1),
        }
        print_paths("List API, one request at a time (median of 3):", checks["list_anonymous"])
        by_id = {row["path"]: row["median_ms"] for row in checks["detail"]}
        detail_buckets = {}
        for bucket, pks in ids.items():
            times = sorted(by_id[f"/partnerships/{pk}/"] for pk in pks)
            detail_buckets[bucket] = {"ids": len(pks), "median_ms": round(statistics.median(times), 1),
                                      "max_ms": round(times[-1], 1)}
        print()
        print("Detail page, one request at a time, by weight: " + "; ".join(
            f"{b} ({v['ids']} ids) median {v['median_ms']} ms, max {v['max_ms']} ms" for b, v in detail_buckets.items()))
        bad = [row for rows in checks.values() for row in rows if row["status"] != 200]
        if bad:
            raise BenchmarkError(f"{len(bad)} paths do not answer 200: {bad[:5]}")

        script = RESULTS_DIR / f"partnerships-{stamp}.lua"
        loads = {
            "health": (["/api/health"], {}),
            "list_anonymous": (list_paths, {}),
            "list_token": (list_paths, token_headers),
            "detail": (detail_paths, {}),
        }
        endpoints = {}
        for name in only:
            paths, headers = loads[name]
            if args.warmup > 0:
                run_wrk(wrk, server.base_url, paths, headers=headers, connections=args.connections,
                        threads=args.wrk_threads, duration=args.warmup, script_path=script, server=server)
            log(f"measuring {ENDPOINTS[name]}: {args.connections} connections for {args.duration:g} s")
            endpoints[name] = run_wrk(wrk, server.base_url, paths, headers=headers, connections=args.connections,
                                      threads=args.wrk_threads, duration=args.duration, script_path=script,
                                      server=server)
        script.unlink(missing_ok=True)
        server.stop()

        verdict = {"no_errors": all(e["socket_errors"] == 0 and e["non200"] == 0 and e["wrk_non_2xx_3xx"] == 0
                                    for e in endpoints.values())}
        for name in ("list_anonymous", "list_token"):
            if name in endpoints:
                verdict[f"{name}_p95"] = endpoints[name]["latency_ms"]["p95"] < TARGET_LIST_P95_MS
        if "detail" in endpoints:
            verdict["detail_p95"] = endpoints["detail"]["latency_ms"]["p95"] < TARGET_DETAIL_P95_MS
        cores = os.cpu_count() or 1
        results = {
            "benchmark": "partnerships",
            "started_at": stamp,
            "command": " ".join([Path(sys.executable).name, *sys.argv]),
            "machine": {"cores": cores, "platform": sys.platform, "python": sys.version.split()[0],
                        "loadavg_at_end": os.getloadavg()},
            "database": {**database, "url": args.database_url, "seeded_on": state["seeded_on"]},
            "seed": state["seed"],
            "setup_timings": setup,
            "server": {"software": "gunicorn", "worker_class": "sync", "workers": args.workers,
                       "settings": "config.settings.production (STATIC_ROOT under benchmarks/results/)",
                       "cache": "redis (REDIS_URL)" if env.get("REDIS_URL") else "locmem (per process: no REDIS_URL)",
                       "page_cache": not args.no_page_cache},
            "load": {"tool": "wrk", "connections": args.connections, "threads": args.wrk_threads,
                     "duration_s": args.duration, "warmup_s": args.warmup},
            "targets": {"list_p95_ms": TARGET_LIST_P95_MS, "detail_p95_ms": TARGET_DETAIL_P95_MS},
            "endpoints": endpoints,
            "verdict": verdict,
            "list_queries": LIST_QUERIES,
            "detail_ids": ids,
            "detail_by_weight": detail_buckets,
            "sequential": checks,
            "queries": profile,
        }
        out = RESULTS_DIR / f"partnerships-{stamp}.json"
        out.write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str))
        (RESULTS_DIR / "partnerships-latest.json").write_text(out.read_text())

        print()
        print(f"Server: gunicorn sync x {args.workers}, cache {results['server']['cache']}; "
              f"load: wrk {args.connections} connections, "
              f"{args.wrk_threads} thread(s), {args.duration:g} s per endpoint after {args.warmup:g} s of warm-up; "
              f"{database['partnerships']:,} partnerships, {database['activities']:,} activities; "
              f"seed {state['seed']['seconds']} s")
        print_table({ENDPOINTS[name]: row for name, row in endpoints.items()})
        print()
        for name, target in (("list_anonymous", TARGET_LIST_P95_MS), ("list_token", TARGET_LIST_P95_MS),
                             ("detail", TARGET_DETAIL_P95_MS)):
            if name in endpoints:
                p95 = endpoints[name]["latency_ms"]["p95"]
                print(f"{ENDPOINTS[name]:<38} p95 {p95:8.2f} ms vs target {target:g} ms -> "
                      f"{'PASS' if p95 < target else 'FAIL'}")
        print(f"errors and non-2xx responses: {'none' if verdict['no_errors'] else 'SOME -> FAIL'}")
        print(f"\nresults: {out.relative_to(ROOT)}")
        if not verdict["no_errors"]:
            return 2
        return 0 if all(verdict.values()) else 1
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
