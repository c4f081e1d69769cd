"""The demo content, through the command `make run` calls: the seed article's two agreements as the article
tells them (nothing filled in), a second run that changes nothing, and a bad row that loads nothing and
names its file and line."""

import csv
import datetime
import io
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from urafiki.partnerships.demo import (
    PARTNERSHIPS_FILE,
    SIGNATORIES_FILE,
    DemoContentError,
    partnerships_demo_load,
)
from urafiki.partnerships.lifecycle import Stage
from urafiki.partnerships.models import Partnership, PartnershipKind, Signatory, StageChange
from urafiki.partnerships.services import SignatoryInput, SourceInput, partnership_create
from urafiki.places.models import Place

pytestmark = pytest.mark.django_db
KBC = "https://www.kbc.co.ke/kenyan-counties-benefiting-from-twinning-with-chinese-counterparts/"
DEMO_DIR = settings.DATA_DIR / "partnerships"


def load() -> str:
    out = io.StringIO()
    call_command("load_demo_content", stdout=out)
    return out.getvalue()


def rows(name: str, directory: Path = DEMO_DIR) -> list[dict[str, str]]:
    with (directory / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def between(*codes: str) -> Partnership:
    """The one partnership whose parties are exactly these places."""
    matches = [
        partnership for partnership in Partnership.objects.filter(parties__place__code=codes[0])
        if set(partnership.parties.values_list("place__code", flat=True)) == set(codes)
    ]
    assert len(matches) == 1
    return matches[0]


def counts() -> tuple[int, int, int]:
    return Partnership.objects.count(), StageChange.objects.count(), Signatory.objects.count()


def test_loads_the_kilifi_mou_as_the_article_tells_it():
    load()

    mou = between("KE-14", "CN-JX", "CN-360400")
    assert (mou.kind, mou.stage) == (PartnershipKind.COOPERATION, Stage.MOU_SIGNED)
    # "recently signed", no date in the article: unknown stays unknown.
    assert (mou.started_on, mou.stage_since, mou.signed_on) == (None, None, None)
    assert set(mou.sectors.values_list("slug", flat=True)) == {
        "agriculture", "tourism", "culture", "investment", "trade", "blue_economy", "health", "youth", "technology",
    }
    assert set(mou.products.values_list("slug", flat=True)) == {"baobab", "mango", "coconut"}
    change = mou.stage_changes.get()
    assert (change.from_stage, change.to_stage, change.happened_on) == ("", Stage.MOU_SIGNED, None)
    assert change.source_url == KBC
    assert change.source_text == "Kenyan counties benefiting from twinning with Chinese counterparts (KBC)"
    assert change.recorded_by is None
    assert sorted(change.signatories.values_list("name", "title", "party__place__code")) == [
        ("Gideon Mung’aro", "Governor of Kilifi County", "KE-14"),
        ("Ren Zhufeng", "Executive Vice Governor of the People’s Government of Jiangxi Province", "CN-JX"),
        ("Xiong Jinxi", "Deputy Mayor of Jiujiang Municipal", "CN-360400"),
    ]


def test_loads_the_meru_letter_of_intent_without_a_date():
    load()

    letter = between("KE-26", "CN-HN")
    assert (letter.kind, letter.stage) == (PartnershipKind.SISTER_RELATIONSHIP, Stage.LETTER_OF_INTENT)
    assert (letter.started_on, letter.stage_since, letter.signed_on) == (None, None, None)
    assert set(letter.sectors.values_list("slug", flat=True)) == {"trade", "agriculture", "tourism"}
    assert not letter.products.exists()
    change = letter.stage_changes.get()
    assert (change.happened_on, change.source_url) == (None, KBC)
    # The article names no signatory; those recorded come from other pages, which the note names.
    assert sorted(change.signatories.values_list("name", "party__place__code")) == [
        ("Kiraitu Murungi", "KE-26"), ("Xu Zhengxian", "CN-HN"),
    ]
    assert "Signatories as named in: https://freewechat.com/" in change.note


def test_every_row_is_loaded_with_its_source_and_its_date_or_none():
    output = load()

    partnerships, signatories = rows(PARTNERSHIPS_FILE), rows(SIGNATORIES_FILE)
    assert output == (
        f"demo content: partnership created: {len(partnerships)}, signatory created: {len(signatories)}\n"
    )
    assert counts() == (len(partnerships), len(partnerships), len(signatories))
    for row in partnerships:
        change = between(*row["parties"].split("|")).stage_changes.get()
        assert change.source_url == row["source"]
        expected = datetime.date.fromisoformat(row["date"]) if row["date"] else None
        assert change.happened_on == expected, row["key"]


def test_a_second_run_creates_nothing():
    load()
    before = counts()

    output = load()

    assert output == f"demo content: partnership unchanged: {len(rows(PARTNERSHIPS_FILE))}\n"
    assert counts() == before


def test_a_partnership_already_entered_by_hand_is_not_duplicated():
    kilifi, jiangxi, jiujiang = (Place.objects.get(code=code) for code in ("KE-14", "CN-JX", "CN-360400"))
    entered = partnership_create(
        places=[jiujiang, kilifi, jiangxi], kind=PartnershipKind.COOPERATION, stage=Stage.MOU_SIGNED,
        happened_on=None, signatories=[SignatoryInput("Gideon Mung’aro", "Governor", kilifi)],
        source=SourceInput(url=KBC),
    )

    report = partnerships_demo_load()

    assert report["partnership unchanged"] == 1
    assert between("KE-14", "CN-JX", "CN-360400") == entered
    assert entered.stage_changes.get().signatories.count() == 1


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A copy of the demo files to break."""
    shutil.copytree(DEMO_DIR, tmp_path / "partnerships")
    return tmp_path


def rewrite(data_dir: Path, name: str, index: int, **changes: str) -> None:
    path = data_dir / "partnerships" / name
    content = rows(name, path.parent)
    content[index].update(changes)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(content[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(content)


def test_an_unknown_place_code_loads_nothing_and_names_the_line(data_dir: Path):
    rewrite(data_dir, PARTNERSHIPS_FILE, 2, parties="KE-99|CN-350100")  # the third row, on line 4

    with pytest.raises(DemoContentError) as raised:
        partnerships_demo_load(data_dir=data_dir)

    assert raised.value.errors == ["demo_partnerships.csv, line 4: unknown place code “KE-99”."]
    assert counts() == (0, 0, 0)


def test_the_command_reports_every_bad_row_and_loads_nothing(data_dir: Path, settings):
    settings.DATA_DIR = data_dir
    rewrite(data_dir, PARTNERSHIPS_FILE, 0, sectors="agriculture|space_travel", date="2024-13-01")
    rewrite(data_dir, SIGNATORIES_FILE, 1, party="CN-HN")

    with pytest.raises(CommandError) as raised:
        load()

    assert str(raised.value).splitlines() == [
        "demo content not loaded:",
        "demo_partnerships.csv, line 2: date “2024-13-01” is not an ISO date (YYYY-MM-DD); leave it empty when unknown.",
        "demo_partnerships.csv, line 2: unknown sector “space_travel”.",
        "demo_signatories.csv, line 3: “CN-HN” is not a party to “kilifi-jiangxi-jiujiang-mou”.",
    ]
    assert counts() == (0, 0, 0)


def test_a_row_without_a_source_is_refused(data_dir: Path):
    rewrite(data_dir, PARTNERSHIPS_FILE, 4, source="")

    with pytest.raises(DemoContentError) as raised:
        partnerships_demo_load(data_dir=data_dir)

    assert raised.value.errors == [
        "demo_partnerships.csv, line 6: “source” is empty; every row needs the public page it comes from."
    ]
    assert counts() == (0, 0, 0)
