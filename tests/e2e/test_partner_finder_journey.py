"""The partner finder journey of issue 4, in headless Chromium against the live server.

1. Kilifi's "Find partners" page against China's provinces: Jiangxi is shown apart, as already partnered;
   moving a weight slider reorders the list at once (HTMX), in the order the API gives for the same weights;
   the page reads on a 390-pixel phone.
2. An officer of Meru County (KE-26) posts a brief seeking an agriculture partner among China's provinces; it
   shows, with why it fits, on Yunnan's page; an officer of Yunnan expresses interest; Meru's officer gets the
   e-mail, opens the brief from it and turns the contact into an exploring partnership in one click.
"""

import datetime
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.core import mail
from django.utils import timezone
from people import expect, officer_of, sign_in

from urafiki.partners.models import BriefInterest, PartnerBrief
from urafiki.partnerships.lifecycle import Stage
from urafiki.partnerships.models import Partnership
from urafiki.partnerships.services import partnership_create
from urafiki.places.models import Place, PlaceSector
from urafiki.taxonomy.models import Sector

pytestmark = pytest.mark.e2e
PHONE = {"width": 390, "height": 844}
SCREENSHOTS = Path(__file__).parent / "screenshots"








def candidate_codes(page) -> list[str]:
    return page.locator("[data-testid=candidates] > li").evaluate_all("items => items.map(i => i.dataset.code)")


def test_moving_a_weight_reorders_kilifi_candidates_as_the_api_does(browsing):
    kilifi, jiangxi = Place.objects.get(code="KE-14"), Place.objects.get(code="CN-JX")
    partnership_create(places=[kilifi, jiangxi], kind="cooperation", stage=Stage.MOU_SIGNED, happened_on=None)

    session = browsing()
    page = session.page
    page.goto("/places/KE-14/")
    page.get_by_role("link", name="Find partners").click()
    expect(page.locator("h1")).to_have_text("Find partners for Kilifi")
    expect(page.locator("select[name=country]")).to_have_value("CN")  # the other side, by default
    expect(page.locator("[data-testid=partnered] > li[data-code=CN-JX]")).to_contain_text("Already partnered")
    before = candidate_codes(page)
    assert len(before) == 10 and "CN-JX" not in before
    first = page.locator("[data-testid=candidates] > li").first
    expect(first.locator(".factor")).to_have_count(4)
    expect(first.locator(".coverage")).to_contain_text("Coverage:")
    expect(page.locator("main")).to_contain_text("Kilifi produces")  # the explanation names the county's products
    session.screenshot("partners-finder-kilifi-desktop")

    # Sector alignment counts four times as much as the default: the list follows at once, without a reload.
    page.evaluate("window.__notReloaded = true")
    with page.expect_response(lambda response: "w_sectors=100" in response.url) as answer:
        page.locator("input[name=w_sectors]").fill("100")
    assert answer.value.status == 200
    expect(page).to_have_url(re.compile(r"w_sectors=100"))
    page.wait_for_function(
        "before => [...document.querySelectorAll('[data-testid=candidates] > li')].map(li => li.dataset.code)"
        ".join() !== before", arg=",".join(before))
    after = candidate_codes(page)
    assert page.evaluate("window.__notReloaded") is True
    assert after != before

    api = page.request.get(
        f"/api/places/{kilifi.pk}/partner-suggestions?country=CN&admin_level=1&limit=10"
        "&w_products=40&w_sectors=100&w_structure=20&w_ties=15"
    )
    assert api.status == 200, api.text()
    assert [item["place"]["code"] for item in api.json()["items"]] == after

    # A phone: the bars and their explanations stay readable, nothing overflows sideways.
    page.set_viewport_size(PHONE)
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    session.screenshot("partners-finder-kilifi-phone")
    page.locator("[data-testid=candidates] > li").first.scroll_into_view_if_needed()
    # The screen a reader sees, not the whole page.
    page.screenshot(path=str(SCREENSHOTS / "partners-finder-kilifi-phone-first-candidate.png"))
    assert session.errors == []


def test_a_brief_of_meru_is_answered_by_yunnan_and_becomes_an_exploring_partnership(browsing):
    # Yunnan gives priority to agriculture (its reference profile says so; set here so the journey does not
    # depend on what the profiles hold when it runs); Guangdong is made not to.
    agriculture = Sector.objects.get(slug="agriculture")
    yunnan, guangdong = Place.objects.get(code="CN-YN"), Place.objects.get(code="CN-GD")
    PlaceSector.objects.get_or_create(place=yunnan, sector=agriculture, defaults={"source": "e2e"})
    PlaceSector.objects.filter(place=guangdong, sector=agriculture).delete()
    officer_of("KE-26", "kendi.meru@example.org", "Kendi Meru")
    officer_of("CN-YN", "li.yunnan@example.org", "Li Yunnan", language="zh-hans")
    expiry = timezone.localdate() + datetime.timedelta(days=60)

    meru = browsing()
    page = meru.page
    sign_in(page, "kendi.meru@example.org")
    page.goto("/places/KE-26/partners/")
    page.get_by_role("link", name="Post a partner-seeking brief").click()
    page.fill("input[name=title]", "Partner for avocado and tea processing")
    page.fill("textarea[name=objectives]", "A province to invest in processing our avocado and tea.")
    page.check("input[name=sectors][value=agriculture]")
    page.select_option("select[name=products]", ["avocado", "tea"])
    page.select_option("select[name=target_country]", "CN")
    page.select_option("select[name=target_admin_level]", "1")
    page.fill("input[name=expires_on]", "2020-01-01")
    page.get_by_role("button", name="Post the brief").click()
    expect(page.locator(".error-summary")).to_contain_text("The expiry date 2020-01-01 is in the past.")
    assert PartnerBrief.objects.count() == 0
    page.fill("input[name=expires_on]", expiry.isoformat())
    page.get_by_role("button", name="Post the brief").click()
    expect(page.locator("h1")).to_have_text("Partner for avocado and tea processing")
    brief = PartnerBrief.objects.get()

    yunnan_session = browsing()
    page = yunnan_session.page
    sign_in(page, "li.yunnan@example.org")
    page.goto("/places/CN-YN/partners/")
    fit = page.locator(f"[data-brief='{brief.pk}']")
    expect(fit).to_contain_text("Partner for avocado and tea processing")
    expect(fit).to_contain_text("Agriculture")
    yunnan_session.screenshot("partners-brief-fits-yunnan")
    page.goto("/places/CN-GD/partners/")
    expect(page.locator(f"[data-brief='{brief.pk}']")).to_have_count(0)
    page.goto("/places/CN-YN/partners/")
    fit.get_by_role("link", name="Express interest").click()
    page.fill("textarea[name=message]", "Yunnan processes tea at scale; we propose a first visit in spring.")
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".messages")).to_contain_text("Your interest was sent to Meru.")
    interest = BriefInterest.objects.get()
    assert interest.from_place == yunnan

    [email] = [m for m in mail.outbox if m.to == ["kendi.meru@example.org"]]
    assert email.subject == "Yunnan is interested in your brief “Partner for avocado and tea processing”"
    assert "we propose a first visit in spring" in email.body
    link = re.search(r"https?://\S+/briefs/\d+/", email.body).group(0)

    page = meru.page
    page.goto(urlparse(link).path)
    entry = page.locator(f"[data-interest='{interest.pk}']")
    expect(entry).to_contain_text("we propose a first visit in spring")
    meru.screenshot("partners-brief-with-interest")
    entry.get_by_role("button", name="Start an exploring partnership").click()
    expect(page.locator("h1")).to_have_text("Meru – Yunnan")
    expect(page.locator("main")).to_contain_text("exploring")
    partnership = Partnership.objects.get()
    assert partnership.stage == Stage.EXPLORING
    assert sorted(p.place.code for p in partnership.parties.all()) == ["CN-YN", "KE-26"]
    interest.refresh_from_db()
    assert interest.partnership == partnership
    page.goto(brief.get_absolute_url())
    expect(page.locator(f"[data-interest='{interest.pk}']")).to_contain_text("Became the partnership")
    expect(page.get_by_role("button", name="Start an exploring partnership")).to_have_count(0)
    assert Partnership.objects.count() == 1
    # The only failed load is the refused expiry date this journey asked for.
    assert [error for error in meru.errors if "status of 400" not in error] == []
    assert yunnan_session.errors == []
