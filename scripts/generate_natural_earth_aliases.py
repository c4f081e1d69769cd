#!/usr/bin/env python
"""Generate data/places/aliases_natural_earth.csv: the English names the news uses for Africa's first-level
divisions where ISO 3166-2 gives another (Luxor Governorate for Al Uqşur, Benghazi for Banghāzī, Tigray for
Tigrai, North Kivu for Nord-Kivu, Pwani for Coast).

Run once (output committed):  .venv/bin/python scripts/generate_natural_earth_aliases.py

Both names come from Natural Earth's admin-1 features in data/boundaries/africa_china_admin1.geojson
(public domain): `name_en` (the English name) and `name` (a romanised local name). A name is kept when its
search key differs from the ISO name's and from Natural Earth's other name already kept. Left out:
- countries where Natural Earth still has old units under shifted codes (Morocco, Uganda: the loaders'
  NATURAL_EARTH_OUTDATED), and codes Natural Earth gives to several features (Madagascar's 22 regions under
  its 6 former provinces' codes; AMBIGUOUS_BOUNDARY_CODES);
- codes whose Natural Earth feature is another unit (listed in OTHER_UNIT below, with the reason);
- a bare French or English direction ("Nord", "Centre", "Western"), which is a word before it is a place.
"""

import csv
import json
import os
import sys
from collections import Counter
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
django.setup()

from urafiki.places.loaders import AMBIGUOUS_BOUNDARY_CODES, NATURAL_EARTH_OUTDATED  # noqa: E402
from urafiki.places.names import name_keys  # noqa: E402

BOUNDARIES = ROOT / "data" / "boundaries" / "africa_china_admin1.geojson"
OUTPUT = ROOT / "data" / "places" / "aliases_natural_earth.csv"
SOURCE = ("Natural Earth 10m admin-1 v5.1.2 (public domain), field {field} of the feature coded {code} in "
          "data/boundaries/africa_china_admin1.geojson")

# Natural Earth's feature under these codes is another unit than ISO's.
OTHER_UNIT = {
    "SD-DE": "NE names it Central Darfur; ISO's SD-DE is East Darfur",
    "SD-DW": "NE names it West Soudan; its other name, Western Darfur, is ISO's name reworded",
    "SC-13": "NE names Grand'Anse Praslin, a district of Praslin; ISO's SC-13 is Grand'Anse Mahé",
    "ML-3": "NE names the Wassoulou, a cultural area, not the Sikasso region",
}
DIRECTION_WORDS = {"nord", "sud", "est", "ouest", "centre", "center", "western", "eastern", "northern", "southern",
                   "central", "coast"}


def main() -> None:
    features = json.loads(BOUNDARIES.read_text(encoding="utf-8"))["features"]
    per_code = Counter(f["properties"]["iso_3166_2"] for f in features)
    rows = []
    for feature in features:
        props = feature["properties"]
        code, country = props["iso_3166_2"], props["iso_a2"]
        if country in ("CN", *NATURAL_EARTH_OUTDATED) or code in AMBIGUOUS_BOUNDARY_CODES or code in OTHER_UNIT \
                or per_code[code] > 1:
            continue
        subdivision = pycountry.subdivisions.get(code=code)
        if subdivision is None:
            continue  # NE placeholders (LR-X1~) and units ISO does not list: no registry place to name
        known = set(name_keys(subdivision.name))
        for field in ("name_en", "name"):
            name = (props.get(field) or "").strip()
            keys = set(name_keys(name))
            if not name or not keys or keys & known or name.lower() in DIRECTION_WORDS:
                continue
            rows.append({"code": code, "name": name, "language": "en", "source": SOURCE.format(field=field, code=code)})
            known |= keys
    rows.sort(key=lambda row: (row["code"], row["name"]))
    with OUTPUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["code", "name", "language", "source"])
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} aliases written to {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
