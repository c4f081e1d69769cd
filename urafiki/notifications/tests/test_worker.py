"""The reminder job through the real worker: `manage.py run_huey` in its own process, reading the tasks this
test queues and the test database, writing its e-mails to files. Once with the embedded queue (a SQLite
file, as `make run` uses) and once with Redis (production's), which is skipped when no Redis answers on
this machine, except in CI (CI=true), where it must run and therefore fails.
"""

import email
import email.message
import email.policy
import io
import os
import re
import subprocess
import sys
import time
import uuid
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from unittest import mock
from urllib.parse import quote

import pytest
import redis
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from huey.contrib.djhuey import HUEY
from huey.exceptions import ResultTimeout
from huey.storage import RedisStorage, SqliteStorage

from urafiki.notifications.tasks import send_reminders_now
from urafiki.places.models import Place

from .scenario import TODAY, build, expected_report

# The consumer reads what the test wrote, so the test commits (transaction=True). pytest-django then empties
# the tables after the test; available_apps limits that to the apps written here, so the reference data
# (places and vocabulary, loaded once for the whole suite: 15-20 s to reload) stays for the tests after.
pytestmark = pytest.mark.django_db(
    transaction=True,
    available_apps=[
        "django.contrib.contenttypes", "django.contrib.auth", "urafiki.accounts", "urafiki.partnerships",
        "urafiki.notifications",
    ],
)
REDIS_URL = "redis://127.0.0.1:6379/15"  # a database of its own, away from development's
BASE_DIR = Path(settings.BASE_DIR)
WAIT_SECONDS = 60
PAGE = re.compile(r"/partnerships/(\d+)/")


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() == "true"


@pytest.fixture(scope="module")
def reference_data(django_db_setup, django_db_blocker):
    """Normally still there (see available_apps); reloaded if a transactional test run before emptied it.

    Module-scoped, so that it runs before the test's database fixture restricts the app registry.
    """
    with django_db_blocker.unblock():
        if not Place.objects.filter(code="KE-14").exists():
            call_command("load_reference_data", stdout=io.StringIO())


def database_url() -> str:
    """DATABASE_URL of the database this test uses (the test database), for the consumer."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{database['NAME']}"  # a file: see config/settings/test.py
    credentials = quote(database["USER"] or "", safe="")
    if database.get("PASSWORD"):
        credentials += ":" + quote(database["PASSWORD"], safe="")
    host = database.get("HOST") or "localhost"
    port = f":{database['PORT']}" if database.get("PORT") else ""
    return f"postgres://{credentials}@{host}{port}/{quote(database['NAME'], safe='')}"


@pytest.fixture(scope="module", params=["sqlite", "redis"])
def queue(request, tmp_path_factory, reference_data):
    """The queue the consumer will read, as (storage for this process, environment for the consumer).

    Module-scoped on purpose: pytest sets it up before the function-scoped database fixture of each test,
    while every app is still available. available_apps then hides places and vocabulary from Django's app
    registry during the test, and a model whose relations are first worked out in that state misses those
    coming from the visible apps (creating a partnership fails: "Cannot resolve keyword
    '_partnerships_partnership_sectors_+'"). Working them all out here first avoids that.
    """
    for model in apps.get_models(include_auto_created=True):
        model._meta.get_fields(include_hidden=True)
    # A queue of its own: another test run on this machine (sharing the Redis) must not take these tasks.
    name = f"urafiki-test-{uuid.uuid4().hex[:12]}"
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("huey") / "huey.sqlite3"
        yield SqliteStorage(name, filename=str(path)), {"HUEY_NAME": name, "HUEY_SQLITE_PATH": str(path)}
        return
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError as error:
        reason = f"Redis does not answer at {REDIS_URL} ({error})"
        if _in_ci():
            pytest.fail(f"{reason}; CI=true: the worker test must run against Redis", pytrace=False)
        pytest.skip(reason)
    storage = RedisStorage(name, url=REDIS_URL)
    yield storage, {"HUEY_NAME": name, "REDIS_URL": REDIS_URL}
    storage.flush_all()  # this queue's keys only


@contextmanager
def queued_in(storage):
    """Calling a task here queues it in `storage` for the consumer, instead of running it in this process."""
    saved = HUEY.immediate, HUEY.storage
    with mock.patch.object(HUEY, "get_storage", return_value=storage):  # never the configured queue, even briefly
        HUEY.immediate = False  # huey's switch: a task called now is queued, not run here
    HUEY.storage = storage  # (the switch did it already, unless immediate mode was off before)
    try:
        yield
    finally:
        HUEY.immediate, HUEY.storage = saved


@contextmanager
def consumer(environment: dict[str, str], log: Path):
    """`manage.py run_huey` with the test settings, stopped (and its connections closed) on the way out."""
    inherited = {"REDIS_URL", "HUEY_NAME", "HUEY_SQLITE_PATH"}  # what selects the queue comes from the test only
    env = {key: value for key, value in os.environ.items() if key not in inherited}
    env.update(environment, DJANGO_SETTINGS_MODULE="config.settings.test", HUEY_IMMEDIATE="0")
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "run_huey", "--no-periodic"],  # the daily schedule is tested apart
            cwd=BASE_DIR, env=env, stdout=output, stderr=subprocess.STDOUT,
        )
        try:
            yield process
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def result_of(result, process, log: Path):
    """The task's return value, failing early with the consumer's log if the consumer died."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        try:
            return result.get(blocking=True, timeout=1)
        except ResultTimeout:
            if process.poll() is not None:
                pytest.fail(f"the consumer exited ({process.returncode}):\n{log.read_text()}")
    pytest.fail(f"no result after {WAIT_SECONDS} s; consumer log:\n{log.read_text()}")


def emails_in(directory: Path) -> list[email.message.EmailMessage]:
    """The messages Django's file backend wrote: each file holds messages followed by a line of 79 dashes."""
    messages = []
    for path in sorted(directory.iterdir()):
        for chunk in path.read_bytes().split(b"-" * 79 + b"\n"):
            if chunk.strip():
                messages.append(email.message_from_bytes(chunk, policy=email.policy.default))
    return messages


def test_the_worker_sends_each_reminder_once(queue, tmp_path):
    scenario = build()
    storage, environment = queue
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    environment = {
        **environment,
        "DATABASE_URL": database_url(),
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(outbox),
    }
    # Both runs are queued before the consumer starts, so that its two worker threads are likely to run them
    # at the same time: the claims, not the order of the runs, keep the second from sending again.
    log = tmp_path / "consumer.log"
    with queued_in(storage):
        results = [send_reminders_now(TODAY), send_reminders_now(TODAY)]
        with consumer(environment, log) as process:
            reports = [result_of(result, process, log) for result in results]

    everything = Counter(expected_report(sent=True)["sent"])
    assert sum((Counter(report["sent"]) for report in reports), Counter()) == everything, reports
    for report in reports:
        assert Counter(report["sent"]) + Counter(report["skipped"]) == everything, reports
        assert report["failed"] == {}
    messages = emails_in(outbox)
    assert sorted(
        (message["To"], message["X-Urafiki-Reminder"], int(PAGE.search(message.get_content()).group(1)))
        for message in messages
    ) == scenario.expected()
    assert {message["From"] for message in messages} == {settings.DEFAULT_FROM_EMAIL}
