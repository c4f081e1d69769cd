"""Reading articles into drafts: the seed article through the real extractor, the same article twice,
and every way an input can be unreadable (empty, another language, a malformed file, a web address that
cannot be fetched): a clear error, and nothing stored. Also the `ingest` command."""

import datetime
import io
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command

from urafiki.newsroom import extraction, services, sources
from urafiki.newsroom.extraction import ExtractedAgreement, ExtractedParty, ExtractedPerson, Span
from urafiki.newsroom.models import DraftAgreement, NewsArticle
from urafiki.places.models import Place

pytestmark = pytest.mark.django_db
SEEDS = Path(__file__).resolve().parents[3].parent / "shared" / "seeds"
SEED_000 = SEEDS / "000_608129ebe1547182.txt"
SEED_003 = SEEDS / "003_a52c4f7cee8dc71b.txt"
KBC = "https://www.kbc.co.ke/kenyan-counties-benefiting-from-twinning-with-chinese-counterparts/"


# ----------------------------------------------------------------------------------- shared helpers


def seed_text() -> str:
    return SEED_000.read_text(encoding="utf-8")


def snapshot() -> dict[str, list]:
    """Every row of the newsroom's and the partnerships' tables (their history tables included)."""
    return {
        model._meta.label: list(model.objects.order_by("pk").values_list())
        for label in ("newsroom", "partnerships")
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    }


def span(text: str, words: str) -> Span:
    start = text.index(words)
    return Span(start, start + len(words))


def agreement(text: str, kind: str, parties: list[tuple[str, str | None]], *, people=(), sectors=(), products=(),
              date_signed=None, evidence: str = "") -> ExtractedAgreement:
    """An agreement as the extractor gives it; parties (name as written, place code or None when unresolved)."""
    found = []
    for name, code in parties:
        place = Place.objects.get(code=code) if code else None
        found.append(ExtractedParty(
            name=name, country=place.country_code if place else "KE", level="county",
            place=place.name_en if place else None, place_id=place.pk if place else None,
            evidence=[span(text, name)] if name in text else []))
    return ExtractedAgreement(
        type=kind, parties=found, date_signed=date_signed, sectors=list(sectors), products=list(products),
        people=[ExtractedPerson(name=n, role=r, party=p, evidence=[span(text, n)] if n in text else [])
                for n, r, p in people],
        evidence={"type": [span(text, evidence)]} if evidence and evidence in text else {},
    )


def article_of(text: str, agreements: list[ExtractedAgreement], *, url: str = "", title: str = "") -> NewsArticle:
    """An article stored as article_ingest stores it, with drafts made from the given agreements (the
    services' rules tested without depending on what the extractor finds)."""
    article = NewsArticle.objects.create(url=url, title=title or text.split("\n")[0][:300], text=text, language="en",
                                         content_hash=services.content_hash(text))
    for i, found in enumerate(agreements):
        DraftAgreement.objects.create(article=article, position=i, payload=services.draft_payload(found))
    return article


def kilifi_mou_article(outlet: str = "kbc", *, url: str | None = None) -> NewsArticle:
    """One outlet's report of the Kilifi–Jiangxi–Jiujiang MOU."""
    text = (f"{outlet}: Kilifi County signs MOU with Jiangxi Province and Jiujiang City\n\n"
            f"The Kilifi County Government signed a Memorandum of Understanding with Jiangxi Province and "
            f"Jiujiang City ({outlet}). Governor Gideon Mung’aro signed for Kilifi County.")
    found = agreement(text, "mou", [("Kilifi County", "KE-14"), ("Jiangxi Province", "CN-JX"),
                                    ("Jiujiang City", "CN-360400")],
                      people=[("Gideon Mung’aro", "Governor of Kilifi County", "Kilifi County")],
                      sectors=["agriculture", "tourism"], products=["baobab"],
                      evidence="signed a Memorandum of Understanding")
    return article_of(text, [found], url=url if url is not None else f"https://{outlet}.example.org/kilifi-mou")


# ---------------------------------------------------------------------------------- the real reader


def test_the_seed_article_gives_the_kilifi_mou_and_the_meru_letter_of_intent():
    article = services.article_ingest(article=services.article_read(text=seed_text(), url=KBC), by_user=None)
    assert article.is_new and article.url == KBC and article.language == "en"
    drafts = list(article.drafts.order_by("position"))
    assert [d.payload["type"] for d in drafts] == ["mou", "letter_of_intent"]
    mou, letter = drafts
    places = {p.pk: p.code for p in Place.objects.filter(code__in=["KE-14", "CN-JX", "CN-360400", "KE-26", "CN-HN"])}
    assert [places.get(p["place_id"]) for p in mou.payload["parties"]] == ["KE-14", "CN-JX", "CN-360400"]
    assert [places.get(p["place_id"]) for p in letter.payload["parties"]] == ["KE-26", "CN-HN"]
    assert {p["name"] for p in mou.payload["people"]} == {"Gideon Mung’aro", "Ren Zhufeng", "Xiong Jinxi"}
    assert {"baobab", "mango", "coconut"} <= set(mou.payload["products"])
    # The evidence points into the stored text: the sentence behind the type says what was signed.
    type_spans = mou.payload["evidence"]["type"]
    assert any("Memorandum of Understanding" in article.text[start:end] for start, end in type_spans)
    assert all(d.status == "pending" for d in drafts)


def test_an_article_without_a_local_agreement_is_kept_with_no_draft():
    article = services.article_ingest(article=services.article_read(path=SEED_003), by_user=None)
    assert article.is_new and article.drafts.count() == 0


def test_the_same_article_twice_is_one_record_with_its_drafts_once(django_user_model):
    user = django_user_model.objects.create_user(username="reader", email="reader@example.org")
    first = services.article_ingest(article=services.article_read(text=seed_text(), url=KBC), by_user=user)
    # Pasted again, with different white space and without the address: the same article.
    again = services.article_ingest(article=services.article_read(text="\n\n" + seed_text().replace("\n\n", "\n")),
                                    by_user=user)
    assert (again.pk, again.is_new) == (first.pk, False)
    assert NewsArticle.objects.count() == 1 and DraftAgreement.objects.count() == 2


# --------------------------------------------------------------------------------------- bad inputs


def test_an_empty_article_is_refused_and_nothing_is_stored():
    before = snapshot()
    with pytest.raises(ValidationError) as refusal:
        services.article_ingest(article=sources.Article(text="  \n ", title="", url="", published=None, language=""),
                                by_user=None)
    assert refusal.value.message_dict == {"text": ["The article is empty."]}
    assert snapshot() == before


def test_pasting_nothing_is_refused():
    before = snapshot()
    with pytest.raises(ValidationError) as refusal:
        services.article_ingest(article=services.article_read(text="   "), by_user=None)
    assert refusal.value.message_dict == {"text": ["The article is empty."]}
    assert snapshot() == before


FRENCH = ("Le comté de Kilifi a signé jeudi un protocole d'accord avec la province du Jiangxi et la ville de "
          "Jiujiang. Le gouverneur a déclaré que la coopération porterait sur l'agriculture et le tourisme. "
          "Les deux parties se sont engagées à renforcer les échanges entre leurs populations.")


def test_an_article_in_another_language_is_refused_and_nothing_is_stored():
    before = snapshot()
    with pytest.raises(ValidationError) as refusal:
        services.article_ingest(article=services.article_read(text=FRENCH), by_user=None)
    assert refusal.value.message_dict == {"text": [
        "This article seems to be in another language (fr): only English and Chinese articles can be read."]}
    assert snapshot() == before


def test_an_article_the_extractor_cannot_read_is_refused(monkeypatch):
    def refuse(text, *, published=None):
        raise extraction.ExtractionError("The extractor cannot read this article.")

    monkeypatch.setattr(extraction, "extract", refuse)
    before = snapshot()
    with pytest.raises(ValidationError) as refusal:
        services.article_ingest(article=sources.Article(text="Some text", title="", url="", published=None,
                                                        language="en"), by_user=None)
    assert refusal.value.message_dict == {"text": ["The extractor cannot read this article."]}
    assert snapshot() == before


def test_a_language_the_source_reports_is_checked_before_reading(monkeypatch):
    monkeypatch.setattr(extraction, "extract", lambda *a, **k: pytest.fail("extract must not be called"))
    with pytest.raises(ValidationError) as refusal:
        services.article_ingest(article=sources.Article(text="Bonjour", title="", url="", published=None,
                                                        language="fr"), by_user=None)
    assert refusal.value.message_dict == {"language": [
        "This article is in a language the newsroom cannot read (fr): it reads English and Chinese."]}
    assert NewsArticle.objects.count() == 0


def test_a_malformed_file_is_refused_and_nothing_is_stored(tmp_path):
    broken = tmp_path / "broken.html"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    before = snapshot()
    with pytest.raises(ValidationError) as refusal:
        services.article_ingest(article=services.article_read(path=broken), by_user=None)
    assert refusal.value.message_dict == {"file": ["This is a binary file, not a text or HTML article."]}
    assert snapshot() == before


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(ValidationError) as refusal:
        services.article_read(path=tmp_path / "nowhere.txt")
    assert refusal.value.message_dict == {"file": [f"There is no file {tmp_path / 'nowhere.txt'}."]}


def unfetchable(monkeypatch):
    """Every fetch fails as a dead host would, without touching the network."""
    import urllib.error
    import urllib.request

    def no_network(*args, **kwargs):
        raise urllib.error.URLError("Name or service not known")

    monkeypatch.setattr(urllib.request, "urlopen", no_network)


def test_a_web_address_that_cannot_be_fetched_is_refused_and_nothing_is_stored(monkeypatch):
    unfetchable(monkeypatch)
    before = snapshot()
    with pytest.raises(ValidationError) as refusal:
        services.article_ingest(article=services.article_read(url="https://news.invalid/kilifi-mou"), by_user=None)
    assert refusal.value.message_dict == {"url": [
        "The page https://news.invalid/kilifi-mou could not be fetched: Name or service not known."]}
    assert snapshot() == before


def test_an_anonymous_visitor_cannot_submit():
    with pytest.raises(PermissionDenied):
        services.article_ingest(article=services.article_read(text=seed_text()), by_user=AnonymousUser())
    assert NewsArticle.objects.count() == 0


# ------------------------------------------------------------------------------------- the command


def test_ingest_reads_the_good_inputs_and_reports_the_bad_ones(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match=r"1 of 2 input\(s\) could not be read"):
        call_command("ingest", str(empty), str(SEED_000), stdout=out, stderr=err)
    article = NewsArticle.objects.get()
    assert f"{SEED_000}: article {article.pk} (new), 2 draft(s)" in out.getvalue()
    assert "mou: Kilifi – Jiangxi – Jiujiang" in out.getvalue()
    assert err.getvalue() == f"{empty}: error: The file is empty.\n"
    # Again: the same article, not a second one.
    out = io.StringIO()
    call_command("ingest", str(SEED_000), stdout=out, stderr=io.StringIO())
    assert f"article {article.pk} (already read), 2 draft(s)" in out.getvalue()
    assert NewsArticle.objects.count() == 1


def test_the_payload_keeps_the_evidence_spans():
    text = "Kilifi County signed an MOU with Jiangxi Province."
    found = agreement(text, "mou", [("Kilifi County", "KE-14"), ("Jiangxi Province", "CN-JX")],
                      evidence="signed an MOU", date_signed=datetime.date(2024, 4, 18))
    payload = services.draft_payload(found)
    assert payload["evidence"] == {"type": [[14, 27]]}
    assert payload["parties"][0] == {"name": "Kilifi County", "country": "KE", "level": "county",
                                     "place": "Kilifi", "place_id": Place.objects.get(code="KE-14").pk,
                                     "evidence": [[0, 13]]}
    assert payload["date_signed"] == "2024-04-18"


def test_the_pinyin_readings_of_a_mirror_site_are_left_out():
    article = sources.article_from_text("紹興市與韓國(guó)昌原市締結(jié)友好城市。\nCity (Kisumu) stays.")
    assert article.text == "紹興市與韓國昌原市締結友好城市。\nCity (Kisumu) stays."
