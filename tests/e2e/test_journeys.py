"""What a visitor does on Urafiki, in headless Chromium against the live server.

Few tests on purpose: each one costs a reload of the reference data (live_server tests are transactional).
Screenshots go to tests/e2e/screenshots/ (gitignored).
"""

import re

import pytest
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.translation import gettext, override

from urafiki.places.models import Place, PlaceFact

pytestmark = pytest.mark.e2e

LANGUAGES = ("en", "zh-hans", "sw")


def translated(language: str, text: str) -> str:
    with override(language):
        return gettext(text)


def expect(*args, **kwargs):
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(*args, **kwargs)


def html_lang(page) -> str:
    return page.locator("html").get_attribute("lang")


def nav_places_link(page):
    return page.locator("header.site-header nav a[href='/places/']")


def test_search_from_home_then_place_pages(browsing):
    """Journey 1: search 九江 from the home page, open Jiujiang; then Kilifi's profile, products and map."""
    session = browsing("en")
    page = session.page

    page.goto("/")
    assert html_lang(page) == "en"
    page.locator("form.search input#q").fill("九江")
    page.locator("form.search button[type=submit]").click()
    page.wait_for_url(re.compile(r"/places/\?q="))
    first = page.locator("ol.results > li").first
    expect(first).to_contain_text("Jiujiang")
    expect(first).to_contain_text("Jiangxi")
    session.screenshot("1-search-jiujiang")

    first.locator("a").first.click()
    page.wait_for_url(re.compile(r"/places/CN-360400/$"))
    expect(page.locator("h1")).to_have_text("Jiujiang")
    expect(page.locator("p.names [lang=zh-Hans]")).to_have_text("九江市")
    expect(page.locator("nav.breadcrumb a", has_text="Jiangxi")).to_have_attribute("href", "/places/CN-JX/")
    place_map = page.locator("#place-map")
    expect(place_map).to_have_class(re.compile(r"\bleaflet-container\b"))
    expect(
        place_map.locator(".leaflet-map-pane path, .leaflet-map-pane .leaflet-marker-icon").first
    ).to_be_attached()
    session.screenshot("1-place-jiujiang")

    # Kilifi: cited profile, flagship products, county outline with OpenStreetMap attribution.
    page.goto("/places/KE-14/")
    expect(page.locator("h1")).to_have_text("Kilifi")
    population = PlaceFact.objects.filter(place__code="KE-14", fact="population").order_by("-year").first()
    assert population is not None, "the reference data has no population for Kilifi"
    with override("en"):
        shown_population = intcomma(int(population.value))
    row = page.locator("table.facts tr", has=page.locator("th", has_text="Population"))
    expect(row.first).to_contain_text(shown_population)
    expect(row.first.locator("th")).to_contain_text(str(population.year))
    source = row.first.locator("details.source")
    expect(source.locator("summary")).to_have_text("Source")
    source.locator("summary").click()
    expect(source).to_have_attribute("open", "")
    expect(source).to_contain_text("KNBS 2019")
    products = page.locator("section.profile h3:has-text('Flagship products') + ul.tags > li")
    for name in ("Coconut", "Cashew nuts", "Mango", "Baobab fruit"):
        expect(products.filter(has_text=re.compile(rf"^{re.escape(name)}\b"))).to_have_count(1)
    place_map = page.locator("#place-map")
    expect(place_map).to_have_class(re.compile(r"\bleaflet-container\b"))
    expect(place_map.locator(".leaflet-overlay-pane path").first).to_be_attached()
    expect(place_map.locator(".leaflet-control-attribution")).to_contain_text("OpenStreetMap")
    page.wait_for_load_state("networkidle")
    session.screenshot("1-place-kilifi")
    assert session.errors == []


def test_language_switcher_persists(browsing):
    """Journey 2: the Kiswahili button switches the site; the choice stays while browsing."""
    session = browsing("en")
    page = session.page
    places_sw = translated("sw", "Places")
    assert places_sw != "Places", (
        "gettext('Places') is not translated to Kiswahili: translate it in locale/sw/LC_MESSAGES/django.po "
        "and run `manage.py compilemessages`"
    )

    page.goto("/")
    assert html_lang(page) == "en"
    page.locator("form.language button[name=language][value=sw]").click()
    page.wait_for_function("document.documentElement.lang === 'sw'")
    assert html_lang(page) == "sw"
    expect(nav_places_link(page)).to_have_text(places_sw)
    expect(page.locator("form.language button[value=sw]")).to_have_attribute("aria-current", "true")
    session.screenshot("2-home-sw")

    nav_places_link(page).click()
    page.wait_for_url(re.compile(r"/places/$"))
    assert html_lang(page) == "sw"
    expect(page.locator("h1")).to_have_text(places_sw)
    page.goto("/places/KE-14/")
    assert html_lang(page) == "sw"
    expect(nav_places_link(page)).to_have_text(places_sw)
    assert session.errors == []


def test_every_page_in_three_languages(browsing):
    """Journey 3: a first visit follows the browser's Accept-Language; every page renders without JS errors."""
    pages = ["/", "/places/?q=Kilifi", "/places/KE-14/", "/places/CN-360400/", "/map/"]
    failures = []
    for language in LANGUAGES:
        session = browsing(language)
        page = session.page
        places = translated(language, "Places")
        with override(language):
            names = {code: Place.objects.get(code=code).name for code in ("KE-14", "CN-360400")}
        for url in pages:
            response = page.goto(url)
            page.wait_for_load_state("networkidle")
            where = f"[{language}] {url}"
            if response is None or response.status != 200:
                failures.append(f"{where}: status {response and response.status}")
                continue
            if html_lang(page) != language:
                failures.append(f"{where}: <html lang={html_lang(page)!r}>, expected {language!r}")
            if page.locator("h1").count() != 1 or not page.locator("h1").inner_text().strip():
                failures.append(f"{where}: no h1")
            if nav_places_link(page).count() != 1 or nav_places_link(page).inner_text().strip() != places:
                failures.append(
                    f"{where}: nav shows {nav_places_link(page).all_inner_texts()}, expected {places!r}"
                )
            if url.startswith("/places/") and url.endswith("/") and "?" not in url:
                code = url.strip("/").split("/")[-1]
                if page.locator("h1").inner_text().strip() != names[code]:
                    failures.append(
                        f"{where}: h1 {page.locator('h1').inner_text()!r}, expected {names[code]!r}"
                    )
                if page.locator("#place-map.leaflet-container").count() != 1:
                    failures.append(f"{where}: the place map was not initialised")
                session.screenshot(f"3-place-{code}-{language}")
            if (
                url.startswith("/places/?q=")
                and page.locator("ol.results a[href='/places/KE-14/']").count() != 1
            ):
                failures.append(f"{where}: Kilifi is not in the results")
        failures += [f"[{language}] {error}" for error in session.errors]
        session.screenshot(f"3-map-{language}")
    assert failures == []


def test_map_and_bad_input(browsing, live_server):
    """Journeys 4 and 5: the overview map and Kenya's counties; bad filters give messages, not a crash."""
    session = browsing("en")
    page = session.page

    page.goto("/map/")
    overlay = page.locator("#overview-map .leaflet-overlay-pane path")
    page.wait_for_function(
        "document.querySelectorAll('#overview-map .leaflet-overlay-pane path').length > 50", timeout=20_000
    )
    countries = overlay.count()
    assert countries > 50
    session.screenshot("4-map-countries")

    # The children outlines the map fetches on a click on Kenya: the country and its 47 counties.
    counties = Place.objects.filter(parent__code="KE", admin_level=1, boundary__isnull=False).count()
    assert counties == 47
    response = page.request.get(f"{live_server.url}/map/boundaries/KE.geojson")
    assert response.status == 200
    features = response.json()["features"]
    assert len([f for f in features if f["properties"]["level"] == 1]) == counties

    # Click Kenya: find its outline by its tooltip (Leaflet paths carry no name), then click it.
    found = page.evaluate(
        """(name) => {
            const pane = document.querySelector('#overview-map .leaflet-tooltip-pane');
            for (const path of document.querySelectorAll('#overview-map .leaflet-overlay-pane path')) {
                path.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));
                // Closed tooltips linger while they fade out: the newest one is the last.
                const text = pane.lastElementChild ? pane.lastElementChild.textContent.trim() : '';
                path.dispatchEvent(new MouseEvent('mouseout', {bubbles: true}));
                if (text === name) {
                    path.dispatchEvent(new MouseEvent('click', {bubbles: true}));
                    return true;
                }
            }
            return false;
        }""",
        "Kenya",
    )
    assert found, "no country outline has the tooltip 'Kenya'"
    page.wait_for_function(
        f"document.querySelectorAll('#overview-map .leaflet-overlay-pane path').length >= {countries + counties}",
        timeout=20_000,
    )
    expect(page.locator("#overview-map .leaflet-control-attribution")).to_contain_text("OpenStreetMap")
    page.wait_for_timeout(500)  # the fitBounds animation
    session.screenshot("4-map-kenya-counties")

    # Journey 5: an unknown country and an impossible level.
    response = page.goto("/places/?country=ZZ&admin_level=9")
    assert response.status == 200
    errors = page.locator(".error")
    expect(errors).to_have_count(2)
    expect(page.locator("#country ~ .error")).to_contain_text("ZZ")
    expect(page.locator("#admin_level ~ .error")).to_contain_text("between 0 and 3")
    expect(page.locator("h1")).to_have_text("Places")
    session.screenshot("5-bad-filters")
    assert session.errors == []
