"""The partnership journey of issue 3, in headless Chromium against the live server.

An officer of Kilifi signs in, records the MOU with Jiangxi and Jiujiang (three signatories, the sectors
and products of the seed article), adds a commitment and an activity and sees the health with its
reason; an officer of Meru can neither edit it on the page nor through the API; the history says who
changed what; the exported CSV contains it.
"""

import csv
import datetime
import io
import re
from pathlib import Path

import pytest
from django.utils import timezone
from people import expect, officer_of, sign_in

from urafiki.partnerships.models import Partnership

pytestmark = pytest.mark.e2e
ARTICLE = "https://www.kbc.co.ke/kenyan-counties-benefiting-from-twinning-with-chinese-counterparts/"








def pick_place(page, field: str, typed: str, code: str):
    """Type a name as a person would and choose the suggestion with the expected code."""
    page.fill(f"input[name={field}]", typed)
    page.locator(f"input[name={field}] + .place-suggestions button", has_text=f"({code})").first.click()
    expect(page.locator(f"input[name={field}]")).to_have_value(re.compile(re.escape(f"({code})") + "$"))


def test_kilifi_records_the_mou_and_meru_cannot_change_it(browsing):
    officer_of("KE-14", "amina.kilifi@example.org", "Amina Kilifi")
    officer_of("KE-26", "kendi.meru@example.org", "Kendi Meru")
    today = timezone.localdate()

    kilifi = browsing()
    page = kilifi.page
    sign_in(page, "amina.kilifi@example.org")
    page.goto("/partnerships/")
    page.get_by_role("link", name="Record a partnership").click()

    pick_place(page, "place_1", "Kilifi", "KE-14")
    pick_place(page, "place_2", "Jiangxi", "CN-JX")
    pick_place(page, "place_3", "九江", "CN-360400")
    page.select_option("select[name=kind]", "cooperation")
    page.select_option("select[name=stage]", "mou_signed")
    # The article gives no date: the field stays empty, and the date is recorded as unknown.
    signatories = [("Gideon Mung’aro", "Governor of Kilifi County", "KE-14"),
                   ("Ren Zhufeng", "Executive Vice Governor of the People’s Government of Jiangxi Province", "CN-JX"),
                   ("Xiong Jinxi", "Deputy Mayor of Jiujiang Municipal", "CN-360400")]
    for i, (name, title, party) in enumerate(signatories):
        page.fill(f"input[name=signatories-{i}-name]", name)
        page.fill(f"input[name=signatories-{i}-title]", title)
        # the party is chosen among the suggestions, as a person would: a suggestion list still arriving for a
        # typed code would push the form down under the next click
        pick_place(page, f"signatories-{i}-party", party, party)
    for sector in ["agriculture", "tourism", "culture", "investment", "trade", "blue_economy", "health", "youth",
                   "technology"]:
        page.check(f"input[name=sectors][value={sector}]")
    page.select_option("select[name=products]", ["baobab", "mango", "coconut"])
    page.fill("input[name=source_url]", ARTICLE)
    page.get_by_role("button", name="Record the partnership").click()

    expect(page.locator("h1")).to_have_text("Kilifi – Jiangxi – Jiujiang")
    partnership = Partnership.objects.get()
    for name, _title, _party in signatories:
        expect(page.locator(".timeline")).to_contain_text(name)
    expect(page.locator("main")).to_contain_text("Blue economy")
    expect(page.locator(".health-box")).to_contain_text("No dated record yet")

    page.get_by_role("link", name="Add a commitment").click()
    page.fill("textarea[name=description]", "Send 20 young people on the exchange programme to Jiujiang")
    page.select_option("select[name=party]", label="Kilifi")
    page.fill("input[name=owner_email]", "amina.kilifi@example.org")
    page.fill("input[name=due_on]", (today - datetime.timedelta(days=10)).isoformat())
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Record an activity").click()
    page.select_option("select[name=kind]", "delegation_visit")
    page.fill("input[name=happened_on]", (today - datetime.timedelta(days=30)).isoformat())
    page.fill("input[name=title]", "Jiangxi delegation visits Kilifi")
    page.fill("input[name=value]", "250000")
    page.fill("input[name=currency]", "KES")
    page.get_by_role("button", name="Save").click()

    health = page.locator(".health-box")
    expect(health).to_contain_text("at risk")
    expect(health).to_contain_text("1 commitment is overdue.")
    expect(page.locator(".timeline")).to_contain_text("Jiangxi delegation visits Kilifi")
    expect(page.locator(".audit")).to_contain_text("Amina Kilifi")
    kilifi.screenshot("partnership-kilifi-jiangxi-jiujiang")
    assert kilifi.errors == []

    meru = browsing()
    page = meru.page
    sign_in(page, "kendi.meru@example.org")
    page.goto(partnership.get_absolute_url())
    expect(page.locator("h1")).to_have_text("Kilifi – Jiangxi – Jiujiang")
    expect(page.get_by_role("link", name="Edit")).to_have_count(0)
    response = page.goto(f"/partnerships/{partnership.pk}/edit/")
    assert response.status == 403
    csrf = next(c["value"] for c in meru.context.cookies() if c["name"] == "csrftoken")
    api = page.request.patch(f"/api/partnerships/{partnership.pk}", data={"title": "Meru was here"},
                             headers={"X-CSRFToken": csrf, "Referer": page.url})
    assert api.status == 403, api.text()
    partnership.refresh_from_db()
    assert partnership.title == "Kilifi – Jiangxi – Jiujiang"

    # The history, seen by anyone: who recorded what.
    page.goto(partnership.get_absolute_url() + "#history")
    audit = page.locator(".audit")
    expect(audit).to_contain_text("Amina Kilifi")
    expect(audit).to_contain_text("Jiangxi delegation visits Kilifi")
    expect(audit).not_to_contain_text("Kendi Meru")

    page.goto("/partnerships/?place=Kilifi")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV").click()
    text = Path(download_info.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(row["title"], row["party_codes"], row["stage"]) for row in rows] == [
        ("Kilifi – Jiangxi – Jiujiang", "KE-14|CN-JX|CN-360400", "mou_signed")]
    # The only failed loads are the refusals this journey asked for.
    assert [error for error in meru.errors if "status of 403" not in error] == []
