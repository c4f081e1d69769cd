"""The newsroom journey of issue 5, in headless Chromium against the live server.

An officer of Kilifi signs in, pastes the seed article (KBC) into the newsroom, reviews the Kilifi MOU
draft beside the article with the sentences behind its fields highlighted, accepts it and sees the
partnership with its source. A second outlet's report of the same MOU, pasted and accepted, adds a
source to the same partnership and creates no duplicate; so does a third that names two of its three parties.
An article whose agreement the newsroom misses is recorded all the same: the officer adds the agreement to it.
"""

import re
from pathlib import Path

import pytest
from people import expect, officer_of, sign_in
from test_partnership_journey import pick_place

from urafiki.newsroom.models import DraftAgreement, NewsArticle, PartnershipSource
from urafiki.partnerships.models import Partnership

pytestmark = pytest.mark.e2e
SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seeds" / "000_608129ebe1547182.txt"
KBC = "https://www.kbc.co.ke/kenyan-counties-benefiting-from-twinning-with-chinese-counterparts/"
SECOND_URL = "https://news.example.org/kilifi-jiangxi-jiujiang-mou"
SECOND = """Kilifi deepens ties with Jiangxi and Jiujiang

Kilifi County has signed a memorandum of understanding with China's Jiangxi Province and Jiujiang City to cooperate in agriculture, tourism and the blue economy.

Governor Gideon Mung'aro signed for the county, while Ren Zhufeng, Executive Vice Governor of Jiangxi Province, and Xiong Jinxi, Deputy Mayor of Jiujiang, signed for the Chinese side.

The county hopes to export baobab products and mangoes to China under the deal."""
THIRD_URL = "https://news.example.org/kilifi-jiangxi-mou"
THIRD = """Kilifi signs MOU with Jiangxi

Kilifi County has signed a memorandum of understanding with China's Jiangxi Province to cooperate in agriculture and the blue economy, Governor Gideon Mung'aro said."""


def paste(page, text: str, url: str):
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Newsroom", exact=True).click()
    expect(page.locator("h1")).to_have_text("Newsroom")
    page.fill("textarea[name=text]", text)
    page.fill("input[name=url]", url)
    page.get_by_role("button", name="Read the article").click()
    expect(page).to_have_url(re.compile(r"/newsroom/drafts/\d+/$"))


def test_an_officer_reviews_and_accepts_the_kilifi_mou_from_two_outlets(browsing):
    officer_of("KE-14", "amina.kilifi@example.org", "Amina Kilifi")
    session = browsing()
    page = session.page
    sign_in(page, "amina.kilifi@example.org")

    paste(page, SEED.read_text(encoding="utf-8"), KBC)
    expect(page.locator(".messages")).to_contain_text("The article was read: 2 agreements found.")
    expect(page.locator(".draft-tabs a")).to_have_count(2)
    expect(page.locator("input[name=place_1]")).to_have_value("Kilifi (KE-14)")
    expect(page.locator("input[name=place_3]")).to_have_value("Jiujiang (CN-360400)")
    expect(page.locator("select[name=type]")).to_have_value("mou")

    # The sentence behind the type is highlighted; pointing at the field lights it up.
    type_marks = page.locator('.article-text mark[data-field~="type"]')
    expect(type_marks.first).to_contain_text("Memorandum of Understanding")
    page.locator('[data-evidence="type"]').hover()
    expect(page.locator(".article-text mark.active").first).to_contain_text("Memorandum of Understanding")
    # Clicking a sentence lights the fields it stands behind.
    page.locator('.article-text mark[data-field~="party-0"]').first.click()
    expect(page.locator('[data-evidence="party-0"]')).to_have_class(re.compile("evidence-active"))
    page.locator('[data-evidence="type"]').hover()
    session.screenshot("newsroom-review-kilifi-mou")
    page.set_viewport_size({"width": 390, "height": 844})  # a phone: the draft below the article, no overflow
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    session.screenshot("newsroom-review-kilifi-mou-phone")
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_role("button", name="Accept").click()
    expect(page.locator(".messages")).to_contain_text("Accepted: partnership created.")
    expect(page.locator(".news-sources li")).to_have_count(1)
    page.get_by_role("link", name="See the partnership: Kilifi – Jiangxi – Jiujiang").click()
    expect(page.locator("h1")).to_have_text("Kilifi – Jiangxi – Jiujiang")
    timeline = page.locator(".timeline")
    expect(timeline).to_contain_text("memorandum of understanding signed")
    expect(timeline).to_contain_text("Gideon Mung’aro")
    expect(timeline.locator(f'a[href="{KBC}"]')).to_have_count(1)
    expect(page.locator("main")).to_contain_text("Baobab")
    session.screenshot("newsroom-partnership-from-the-news")

    # A second outlet reports the same MOU: one more source, no second partnership.
    paste(page, SECOND, SECOND_URL)
    expect(page.locator(".messages")).to_contain_text("The article was read: 1 agreement found.")
    page.get_by_role("button", name="Accept").click()
    expect(page.locator(".messages")).to_contain_text("Accepted: source added to the partnership.")
    sources = page.locator(".news-sources li")
    expect(sources).to_have_count(2)
    expect(sources.nth(1)).to_contain_text("Kilifi deepens ties with Jiangxi and Jiujiang")

    # A third outlet names two of the three parties: the recorded MOU is offered, and chosen by default.
    paste(page, THIRD, THIRD_URL)
    choice = page.locator(".partnership-choice")
    expect(choice).to_contain_text("“Kilifi – Jiangxi – Jiujiang” (memorandum of understanding signed), also with Jiujiang")
    expect(choice.get_by_label(re.compile("Kilifi – Jiangxi – Jiujiang"))).to_be_checked()
    expect(choice.get_by_label("A new partnership")).not_to_be_checked()
    session.screenshot("newsroom-review-two-of-three-parties")
    page.get_by_role("button", name="Accept").click()
    expect(page.locator(".messages")).to_contain_text("Accepted: source added to the partnership.")
    expect(page.locator(".news-sources li")).to_have_count(3)

    partnership = Partnership.objects.get()
    assert partnership.stage == "mou_signed"
    assert list(PartnershipSource.objects.filter(partnership=partnership).values_list("article__url", flat=True)) == [
        KBC, SECOND_URL, THIRD_URL]
    assert NewsArticle.objects.count() == 3
    assert list(DraftAgreement.objects.order_by("pk").values_list("status", "outcome")) == [
        ("accepted", "created"), ("pending", ""), ("accepted", "source_added"), ("accepted", "source_added")]
    assert session.errors == []


MISSED_URL = "https://news.example.org/kilifi-welcomes-jiujiang"
MISSED = """Kilifi welcomes Jiujiang delegation

Kilifi Governor Gideon Mung'aro on Monday hosted a delegation led by the Deputy Mayor of Jiujiang City, Xiong Jinxi. The two sides then signed a twinning agreement covering tourism and agriculture."""


def test_an_officer_adds_the_agreement_the_newsroom_missed(browsing):
    officer_of("KE-14", "amina.kilifi@example.org", "Amina Kilifi")
    session = browsing()
    page = session.page
    sign_in(page, "amina.kilifi@example.org")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Newsroom", exact=True).click()
    page.fill("textarea[name=text]", MISSED)
    page.fill("input[name=url]", MISSED_URL)
    page.get_by_role("button", name="Read the article").click()
    expect(page.locator(".messages")).to_contain_text("The article was read: 0 agreements found.")
    expect(page.locator("#h-draft")).to_have_text("No agreement found")

    page.get_by_role("button", name="Add an agreement the newsroom missed").click()
    expect(page.locator(".messages")).to_contain_text("A draft was added to the article.")
    expect(page.locator("select[name=type]")).to_have_value("")
    page.get_by_role("button", name="Accept").click()  # nothing chosen yet: said, nothing recorded
    expect(page.locator(".draft-form")).to_contain_text("This field is required.")
    page.select_option("select[name=type]", "sister_city")
    pick_place(page, "place_1", "Kilifi", "KE-14")
    pick_place(page, "place_2", "Jiujiang", "CN-360400")
    page.get_by_label("Tourism").check()
    page.fill("input[name=people-0-name]", "Gideon Mung'aro")
    page.fill("input[name=people-0-role]", "Governor")
    pick_place(page, "people-0-party", "Kilifi", "KE-14")
    session.screenshot("newsroom-added-agreement")
    page.get_by_role("button", name="Accept").click()
    expect(page.locator(".messages")).to_contain_text("Accepted: partnership created.")
    expect(page.locator(".news-sources li")).to_have_count(1)
    page.get_by_role("link", name="See the partnership: Kilifi – Jiujiang").click()
    expect(page.locator(".timeline")).to_contain_text("Gideon Mung'aro")
    expect(page.locator(f'.timeline a[href="{MISSED_URL}"]')).to_have_count(1)

    # The review queue counts what the newsroom missed.
    page.goto("/newsroom/queue/")
    tally = page.locator(".review-tally")
    expect(tally).to_contain_text("Agreements it missed, added by reviewers")
    expect(tally.locator("dd").last).to_have_text("1")
    session.screenshot("newsroom-review-tally")

    draft = DraftAgreement.objects.get()
    assert (draft.payload["type"], draft.reviewed_payload["type"], draft.added_by.email) == (
        None, "sister_city", "amina.kilifi@example.org")
    assert Partnership.objects.get().stage == "formal_agreement"
    assert [error for error in session.errors if "status of 400" not in error] == []  # the refused first try
