"""Compare extractions with gold annotations (../shared/seeds/*.gold.json schema), field by field.

Agreements of one article are paired on their parties: each predicted agreement goes with the gold one
whose set of party places overlaps it most (Jaccard >= 0.5), best pairs first. Then, summed over all
articles (micro-average):
  - agreements: a pair is a true positive, an unpaired prediction a false positive, an unpaired gold a miss;
  - parties, sectors, products, people: the items shared by a pair are true positives, the others false
    positives or misses; every item of an unpaired agreement counts against it;
  - type and date: accuracy over the pairs;
  - people's parties: of the people a pair shares, those whose party is the gold's (the party they signed for);
  - records from negative articles: predicted agreements in articles whose gold has none (target 0).
A party is its place (the registry place its name resolves to in its country), a person a normalised name.
Precision with nothing predicted, or recall with nothing to find, is 1: no error was made.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
FIELDS = ("agreements", "parties", "sectors", "products", "people")


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, gold: set, predicted: set) -> None:
        self.tp += len(gold & predicted)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)


@dataclass
class Score:
    counts: dict[str, Counts] = field(default_factory=lambda: {name: Counts() for name in FIELDS})
    # The fields over matched agreements only: how well they are read, apart from agreements found or missed.
    on_matched: dict[str, Counts] = field(default_factory=lambda: {name: Counts() for name in FIELDS[2:]})
    pairs: int = 0
    type_correct: int = 0
    date_correct: int = 0
    date_errors: dict[str, int] = field(default_factory=lambda: {"missing": 0, "unwarranted": 0, "wrong": 0})
    people_shared: int = 0  # people of matched agreements found in both
    people_party_correct: int = 0  # of them, those said to speak for the gold's party
    articles: int = 0
    negative_articles: int = 0
    negative_records: int = 0
    notes: list[str] = field(default_factory=list)  # what went wrong, article by article

    @property
    def type_accuracy(self) -> float:
        return self.type_correct / self.pairs if self.pairs else 1.0

    @property
    def date_accuracy(self) -> float:
        return self.date_correct / self.pairs if self.pairs else 1.0

    @property
    def people_party_accuracy(self) -> float:
        return self.people_party_correct / self.people_shared if self.people_shared else 1.0

    def as_json(self) -> dict:
        result = {
            name: {"tp": c.tp, "fp": c.fp, "fn": c.fn, "precision": round(c.precision, 4),
                   "recall": round(c.recall, 4), "f1": round(c.f1, 4)}
            for name, c in self.counts.items()
        }
        result.update({
            "type_accuracy": round(self.type_accuracy, 4), "date_accuracy": round(self.date_accuracy, 4),
            "people_party_accuracy": round(self.people_party_accuracy, 4), "people_shared": self.people_shared,
            "matched_agreements": self.pairs, "articles": self.articles,
            "negative_articles": self.negative_articles, "records_from_negative_articles": self.negative_records,
            "date_errors": dict(self.date_errors),
            "on_matched_agreements": {name: {"tp": c.tp, "fp": c.fp, "fn": c.fn, "f1": round(c.f1, 4)}
                                      for name, c in self.on_matched.items()},
        })
        return result


# ----------------------------------------------------------------------------------------------------
# Keys


def person_key(name: str) -> str:
    """"Mr. Gideon Mung’aro" and "gideon mungaro" are one person."""
    name = unicodedata.normalize("NFKD", name or "")
    name = "".join(c for c in name if not unicodedata.combining(c)).lower()
    name = re.sub(r"^(?:mr|mrs|ms|dr|prof|hon|h\.e)\.?\s+", "", name)
    return re.sub(r"[^0-9a-z\u3400-\u9fff]", "", name)


def registry_party_key(party: dict) -> str:
    """The party's place in the registry; its normalised name when the registry does not know it.

    `place` null says the party is no registry unit ("Jinja City" beside the registry's Jinja District), so
    its name is not looked up; only a party without `place` at all is. Neither a country written before the
    name nor the council or government written after it is part of it: "馬拉維利隆圭市" and "利隆圭市",
    "Blantyre City Council" and "Blantyre City" are one party (annotators and the extractor write it
    either way).
    """
    from urafiki.places.names import name_keys

    from .extraction import resolve_place

    country = (party.get("country") or "").upper()
    if party.get("place"):
        return f"{country}:{name_keys(party['place'])[-1] if name_keys(party['place']) else party['place']}"
    written = _MIRROR_READING.sub("", party.get("name") or "")
    if "place" in party:
        # (the body first: 老挝色贡省行政委员会 is 老挝色贡省, then 色贡省)
        bare = _GOVERNING_BODY.sub("", written) or written
        name = _GOVERNING_BODY.sub("", _without_locator(_without_country(bare, country), country)) or written
        keys = name_keys(name)
        return f"{country}:~{keys[-1] if keys else name}"  # ~: never a registry place's key
    for name in dict.fromkeys([written, _without_country(written, country)]):
        ref = resolve_place(name, unit=party.get("level") or "", countries=frozenset({country}))
        if ref is not None and (not country or ref.country == country):
            keys = name_keys(ref.name_en)
            return f"{ref.country}:{keys[-1] if keys else ref.name_en}"
    keys = name_keys(_without_country(written, country))
    return f"{country}:{keys[-1] if keys else written}"


_CJK = re.compile(r"[\u3400-\u9fff]")
# The pinyin some mirror sites print after a character ("布列塔尼大區(qū)"): no part of the name.
_MIRROR_READING = re.compile(r"(?<=[\u3400-\u9fff])\([a-zü\u00e0-\u01dc]{1,7}\)")
_UNIT_ALONE = re.compile(r"[市省州县郡区]|(?i:city|province|region|state|county)")
# The body that governs a place, written around its name: "City of Windhoek", "City Council of Duque de Caxias",
# "Blantyre City Council", 市政府.
_GOVERNING_BODY = re.compile(
    r"^(?:the\s+)?(?:(?:urban|rural)\s+)?(?:city|municipality|town|commune|county)(?:\s+council)?\s+of\s+"
    r"|\s+(?:(?:city|municipal|metropolitan|town|district)\s+)?(?:council|assembly|government|authority|corporation)$"
    r"|(?:人民)?政府$|议会$|議會$"
    r"|人民委员会$|行政委员会$", re.IGNORECASE)  # (and Viet Nam's and Laos's: 岘港市人民委员会, 色贡省行政委员会)


def place_id_party_key(party: dict) -> str:
    """A party of the review pages: its registry place's id, or its name as written when it has none."""
    return f"id:{party['place_id']}" if party.get("place_id") else f"name:{person_key(party.get('name') or '')}"


def _without_country(name: str, country: str) -> str:
    """The name without its country's name in front: "Malawi's Lilongwe City", "馬拉維利隆圭市"."""
    from urafiki.places.names import name_keys

    names, keys = _country_names(country)
    # Latin names as written, so that the words keep their spaces for the search; Chinese ones by their simplified
    # keys below, longest first (哈薩克斯坦 before Taiwan's 哈薩克)
    for country_name in names if not _CJK.search(name) else ():
        if name.lower().startswith(country_name.lower()):
            after = name[len(country_name):]
            rest = re.sub(r"^(?:['’]s)?[\s,:-]+", "", after)
            # After a Latin name a separator must follow ("Malawian Airlines" keeps its name); Chinese has none.
            # A city named as its country (突尼斯市, Djibouti City) keeps its name: a unit alone is none.
            if rest and (rest != after or _CJK.match(after)) and not _UNIT_ALONE.fullmatch(rest):
                return rest
    if not _CJK.search(name):
        return name
    full = name_keys(name)[0] if name_keys(name) else ""
    for prefix in keys:  # traditional Chinese (馬拉維) only matches once simplified, as a key
        # the country's long form too: 阿尔巴尼亚共和国发罗拉市, 柬埔寨王国茶胶省
        rest = re.sub(r"^(?:共和国|王国|国)(?=[\u3400-\u9fff]{2})", "", full[len(prefix):]) if full.startswith(prefix) else ""
        if rest and not _UNIT_ALONE.fullmatch(rest):
            return rest
    return name


# The division a name is written in, before it (马里兰州蒙哥马利, 撒马尔罕州努拉巴德区, 全罗北道扶安郡): it locates the
# party; 怀化市芷江侗族自治县 too: a prefecture's city before one of its counties or districts; and 嘉義縣竹崎鄉, a county
# before its township.
_ZH_LOCATING_DIVISION = re.compile(r"^[\u4e00-\u9fff][\u4e00-\u9fff\-‐–—·•]{1,9}?(?:自治区|大区|地区|州|省|邦|道|"
                                   r"市(?=[\u4e00-\u9fff]{2,}[县縣區区旗乡鄉镇鎮]$)|[县縣](?=[\u4e00-\u9fff]+[乡鄉镇鎮]$))"
                                   r"(?=[\u4e00-\u9fff]{2,}$)")


def _without_locator(name: str, country: str) -> str:
    """The party's own name without the division or country that locates it: "马里兰州蒙哥马利" and "蒙哥马利",
    "Victoria of Australia" and "Victoria" are one party."""
    if _CJK.search(name):
        return _ZH_LOCATING_DIVISION.sub("", name)
    for country_name in _country_names(country)[0]:
        if not _CJK.search(country_name):
            for joint in (" of ", ", ", " in "):
                if name.lower().endswith((joint + country_name).lower()):
                    return name[: -len(joint + country_name)]
    # "Tustin, California": a first-level division of the country after a comma locates the city
    head, _comma, tail = name.rpartition(", ")
    if head and tail.lower() in _division_names(country):
        return head
    return name


@lru_cache(maxsize=256)
def _division_names(country: str) -> frozenset[str]:
    import pycountry

    return frozenset(s.name.lower() for s in pycountry.subdivisions.get(country_code=country) or () if s.parent_code is None)


@lru_cache(maxsize=256)
def _country_names(country: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A country's names (English, Chinese, Kiswahili, aliases) and their keys, longest first."""
    from urafiki.places.models import Place, PlaceAlias
    from urafiki.places.names import name_keys

    place = Place.objects.filter(code=country, admin_level=0).first()
    if place is None:
        return (), ()
    from .extraction import ZH_COUNTRY_SHORT_NAMES

    names = {name for name in (place.name_en, place.name_zh, place.name_sw,
                               *PlaceAlias.objects.filter(place=place).values_list("name", flat=True)) if name}
    names |= {name for name, code in ZH_COUNTRY_SHORT_NAMES.items() if code == country}  # 老挝 as the news writes it
    names |= {name + "国" for name in names if _CJK.fullmatch(name[-1:] or "x") and not name.endswith("国")}  # 蒙古国
    keys = {key for name in names for key in name_keys(name)}
    return tuple(sorted(names, key=len, reverse=True)), tuple(sorted(keys, key=len, reverse=True))


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def _pair(gold: list[dict], predicted: list[dict], party_key: Callable[[dict], str]) -> list[tuple[int, int]]:
    gold_sets = [{party_key(p) for p in g.get("parties", [])} for g in gold]
    predicted_sets = [{party_key(p) for p in a.get("parties", [])} for a in predicted]
    candidates = sorted(
        ((_jaccard(gs, ps), gi, pi) for gi, gs in enumerate(gold_sets) for pi, ps in enumerate(predicted_sets)),
        reverse=True,
    )
    pairs, used_gold, used_predicted = [], set(), set()
    for overlap, gi, pi in candidates:
        if overlap < 0.5:
            break
        if gi in used_gold or pi in used_predicted:
            continue
        pairs.append((gi, pi))
        used_gold.add(gi)
        used_predicted.add(pi)
    return pairs


def _items(agreement: dict, name: str, party_key: Callable[[dict], str]) -> set:
    if name == "parties":
        return {party_key(p) for p in agreement.get("parties", [])}
    if name == "people":
        return {person_key(p.get("name", "")) for p in agreement.get("people", [])}
    return set(agreement.get(name) or [])


def score_article(score: Score, *, label: str, gold: list[dict], predicted: list[dict],
                  party_key: Callable[[dict], str] = registry_party_key) -> None:
    """Add one article's comparison to ``score``."""
    score.articles += 1
    if not gold:
        score.negative_articles += 1
        score.negative_records += len(predicted)
        if predicted:
            score.notes.append(f"{label}: {len(predicted)} record(s) from a negative article")
    pairs = _pair(gold, predicted, party_key)
    paired_gold = {gi for gi, _pi in pairs}
    paired_predicted = {pi for _gi, pi in pairs}
    score.counts["agreements"].tp += len(pairs)
    score.counts["agreements"].fp += len(predicted) - len(pairs)
    score.counts["agreements"].fn += len(gold) - len(pairs)
    for gi, pi in pairs:
        g, p = gold[gi], predicted[pi]
        score.pairs += 1
        score.type_correct += g.get("type") == p.get("type")
        gold_date, predicted_date = g.get("date_signed") or None, p.get("date_signed") or None
        score.date_correct += gold_date == predicted_date
        if gold_date != predicted_date:  # the text's day not found, a day the text does not give, or another day
            score.date_errors["missing" if predicted_date is None else "unwarranted" if gold_date is None
                              else "wrong"] += 1
        for name in FIELDS[1:]:
            gold_items, predicted_items = _items(g, name, party_key), _items(p, name, party_key)
            score.counts[name].add(gold_items, predicted_items)
            if name in score.on_matched:
                score.on_matched[name].add(gold_items, predicted_items)
            if gold_items != predicted_items:
                score.notes.append(f"{label}: {name} missing {sorted(gold_items - predicted_items)}, "
                                   f"extra {sorted(predicted_items - gold_items)}")
        _score_people_parties(score, label, g, p, party_key)
        for what in ("type", "date_signed"):
            if (g.get(what) or None) != (p.get(what) or None):
                score.notes.append(f"{label}: {what} {g.get(what)!r} expected, {p.get(what)!r} found")
    for gi in set(range(len(gold))) - paired_gold:
        for name in FIELDS[1:]:
            score.counts[name].fn += len(_items(gold[gi], name, party_key))
        score.notes.append(f"{label}: agreement missed: {sorted(_items(gold[gi], 'parties', party_key))}")
    for pi in set(range(len(predicted))) - paired_predicted:
        for name in FIELDS[1:]:
            score.counts[name].fp += len(_items(predicted[pi], name, party_key))
        if gold:
            score.notes.append(f"{label}: extra agreement: {sorted(_items(predicted[pi], 'parties', party_key))}")


def _score_people_parties(score: Score, label: str, gold: dict, predicted: dict,
                          party_key: Callable[[dict], str]) -> None:
    """Whether each person found in both speaks for the same party in both: a person's party is written as one of
    the agreement's parties is named, so it is keyed as that party is."""
    def parties_of(agreement: dict) -> dict[str, dict]:
        return {p.get("name", ""): p for p in agreement.get("parties", [])}

    def key(person: dict, parties: dict[str, dict]) -> str | None:
        party = parties.get(person.get("party") or "")
        return party_key(party) if party is not None else None

    gold_parties, predicted_parties = parties_of(gold), parties_of(predicted)
    gold_people = {person_key(p.get("name", "")): p for p in gold.get("people", [])}
    seen: set[str] = set()
    for person in predicted.get("people", []):
        name = person_key(person.get("name", ""))
        expected = gold_people.get(name)
        if expected is None or name in seen:
            continue  # a person named twice counts once, as in the people's F1
        seen.add(name)
        score.people_shared += 1
        expected_key, found_key = key(expected, gold_parties), key(person, predicted_parties)
        if expected_key is not None and expected_key == found_key:
            score.people_party_correct += 1
        else:
            score.notes.append(f"{label}: {person.get('name')} speaks for {expected.get('party')!r}, "
                               f"found {person.get('party')!r}")


# ----------------------------------------------------------------------------------------------------
# Files


def gold_files(paths: Iterable[str | Path]) -> list[Path]:
    """The gold files named, in the folders named, or next to the articles named."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(sorted(path.glob("*.gold.json")))
        elif path.name.endswith(".gold.json"):
            found.append(path)
        elif path.suffix in ARTICLE_SUFFIXES:
            found.append(path.with_name(path.stem + ".gold.json"))
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def article_stem(path: str | Path) -> str:
    name = Path(path).name
    if name.endswith(".gold.json"):
        return name[: -len(".gold.json")]
    for suffix in ARTICLE_SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def article_next_to(gold: Path) -> Path | None:
    stem = article_stem(gold)
    for suffix in ARTICLE_SUFFIXES:
        candidate = gold.with_name(stem + suffix)
        if candidate.exists():
            return candidate
    return None


def read_predictions(lines: Iterable[str]) -> dict[str, list[dict]]:
    """{article stem: agreements} from the JSON lines of `urafiki extract --json`; error lines predict nothing."""
    predictions: dict[str, list[dict]] = {}
    for line in lines:
        if line.strip():
            record = json.loads(line)
            predictions[article_stem(record["file"])] = record.get("agreements") or []
    return predictions


def format_table(score: Score) -> str:
    lines = [f"{'':<12}{'TP':>6}{'FP':>6}{'FN':>6}{'precision':>11}{'recall':>8}{'F1':>7}"]
    for name, c in score.counts.items():
        lines.append(f"{name:<12}{c.tp:>6}{c.fp:>6}{c.fn:>6}{c.precision:>11.3f}{c.recall:>8.3f}{c.f1:>7.3f}")
    lines.append("")
    lines.append(f"type accuracy  {score.type_accuracy:.3f}  ({score.type_correct}/{score.pairs} matched agreements)")
    lines.append(f"date accuracy  {score.date_accuracy:.3f}  ({score.date_correct}/{score.pairs} matched agreements; "
                 f"not found {score.date_errors['missing']}, given where the text has none "
                 f"{score.date_errors['unwarranted']}, another day {score.date_errors['wrong']})")
    lines.append(f"people's party  {score.people_party_accuracy:.3f}  ({score.people_party_correct}/"
                 f"{score.people_shared} people found in matched agreements)")
    lines.append(f"records from negative articles  {score.negative_records}  "
                 f"({score.negative_articles} negative of {score.articles} articles)")
    lines.append("on matched agreements only:  " + ", ".join(
        f"{name} F1 {c.f1:.3f} ({c.tp}/{c.fp}/{c.fn})" for name, c in score.on_matched.items()))
    return "\n".join(lines)
