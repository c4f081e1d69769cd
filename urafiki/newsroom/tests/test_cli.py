"""`urafiki extract` and its errors, through the management command the `urafiki` script runs."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from urafiki import cli

pytestmark = pytest.mark.django_db

ARTICLE = (
    "KISUMU, Kenya, May 14, 2024 -- Kisumu County on Monday signed a sister-city agreement with Liuzhou City, "
    "China. The partnership will focus on fisheries and education."
)
PAGE = (
    "<!doctype html><html><head><title>Kisumu signs</title></head><body><nav>Home | Sport</nav><article>"
    f"<h1>Kisumu signs pact</h1><p>{ARTICLE}</p><p>Officials said more visits would follow in June.</p>"
    "</article><footer>Copyright</footer></body></html>"
)
EXPECTED_PARTIES = [
    {"name": "Kisumu County", "country": "KE", "level": "county", "place": "Kisumu"},
    {"name": "Liuzhou City", "country": "CN", "level": "city", "place": "Liuzhou"},
]


def run(*args):
    out, err = StringIO(), StringIO()
    try:
        call_command("extract", *args, stdout=out, stderr=err)
        failed = None
    except CommandError as error:
        failed = str(error)
    return [json.loads(line) for line in out.getvalue().splitlines()], err.getvalue(), failed


def test_text_and_html_files(tmp_path: Path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(PAGE, encoding="utf-8")  # HTML whatever its name says
    lines, _err, failed = run(str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--json")
    assert failed is None
    assert [line["file"] for line in lines] == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    for line in lines:
        [agreement] = line["agreements"]
        assert agreement["parties"] == EXPECTED_PARTIES
        assert agreement["type"] == "sister_city"


def test_bad_files_give_errors_and_the_others_are_still_read(tmp_path: Path):
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x7fELF\x00\x01\x02" * 50)
    (tmp_path / "latin1.txt").write_bytes("caf\xe9 ".encode("latin-1") * 3 + b"\xff\xfe\x80")
    names = ["empty.txt", "binary.txt", "missing.txt", "good.txt"]
    lines, err, failed = run(*(str(tmp_path / n) for n in names), "--json")
    assert failed == "3 of 4 inputs could not be read."
    assert lines[:3] == [
        {"file": str(tmp_path / "empty.txt"), "error": "The file is empty."},
        {"file": str(tmp_path / "binary.txt"), "error": "This is a binary file, not a text or HTML article."},
        {"file": str(tmp_path / "missing.txt"), "error": f"There is no file {tmp_path / 'missing.txt'}."},
    ]
    assert lines[3]["agreements"][0]["parties"] == EXPECTED_PARTIES
    assert "The file is empty." in err


def test_other_language_is_an_error(tmp_path: Path):
    path = tmp_path / "fr.txt"
    path.write_text("Le comté de Kisumu a signé un accord de jumelage avec la ville de Liuzhou en Chine, hier.",
                    encoding="utf-8")
    lines, _err, failed = run(str(path), "--json")
    assert failed == "1 of 1 inputs could not be read."
    assert lines == [{"file": str(path), "error": "This article seems to be in another language (fr): only English "
                                                  "and Chinese articles can be read."}]


def test_unreachable_url_is_an_error():
    lines, _err, failed = run("http://127.0.0.1:9/article", "--json")
    assert failed is not None
    assert lines[0]["error"].startswith("The page http://127.0.0.1:9/article could not be fetched:")


def test_empty_registry_says_to_load_it(monkeypatch, tmp_path):
    monkeypatch.setattr("urafiki.newsroom.management.commands.extract.registry_is_loaded", lambda: False)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    _lines, _err, failed = run(str(tmp_path / "a.txt"))
    assert failed == "The registry of places is empty, so no party can be recognised: run make data."


def test_unmigrated_database_says_to_load_the_registry(monkeypatch):
    from django.db import OperationalError

    from urafiki.newsroom.management.commands import extract as command

    def no_table(*args, **kwargs):
        raise OperationalError("no such table: places_place")

    monkeypatch.setattr(command.Place.objects, "filter", no_table)
    assert command.registry_is_loaded() is False


def test_cli_sets_settings_and_runs_django(monkeypatch):
    seen = {}
    monkeypatch.delenv("DJANGO_SETTINGS_MODULE", raising=False)
    monkeypatch.setattr("django.core.management.execute_from_command_line", lambda argv: seen.setdefault("argv", argv))
    cli.main(["/usr/bin/urafiki", "extract", "x.txt", "--json"])
    import os

    assert os.environ["DJANGO_SETTINGS_MODULE"] == "config.settings.local"
    assert seen["argv"] == ["urafiki", "extract", "x.txt", "--json"]
