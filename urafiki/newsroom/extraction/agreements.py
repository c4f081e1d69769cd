"""From sentences and mentions to agreements: who signed what with whom, and every field of each record."""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from urafiki.places.loaders import CHINESE_SIDE

from .chinese_places import _chinese_mentions, _zh_countries_for
from .dates import (
    _SAME_DAY,
    _date_signed,
    _event_date,
    _full_date_in,
    _latest_year_end,
    _without_dateline,
    article_date,
)
from .fields import (
    _CLAUSE,
    _EXISTING_COOPERATION,
    _SIGNING_RECALLED,
    fields_named,
    sentences_about_fields,
)
from .language import _to_simplified, detect_language, split_sentences
from .people import _assign_party, _people_in
from .places import (
    Mention,
    PlaceRef,
    _countries_in_text,
    _country_code,
    _english_mentions,
    _registry_version,
    _without_unit_words,
)
from .records import ExtractedAgreement, ExtractedParty, ExtractedPerson, Extraction, ExtractionError, Span
from .references import _mark_locators, _with_coreferences
from .signing import (
    _LISTING,
    _STRONG_SIGNING,
    _ZH_PLANNED_CLAUSE,
    RECALLED_AFTER,
    _agreement_type,
    _background_clause,
    _is_signing,
    _signing_verbs,
    background_spans,
)


@dataclass
class _Draft:
    places: list[PlaceRef]
    sentences: list[int]  # indexes of the signing sentences
    type: str | None
    type_sentence: int | None
    pair: bool = False  # two parties only, e.g. one pair of a list: it takes in no third party


_MIDDLE_DOTS = str.maketrans({"•": "·", "・": "·", "‧": "·", "･": "·"})
# A year in Chinese numerals or full-width digits (一九八〇年, ２０２２年), as Taiwanese papers write it, in the digits the
# date and background patterns read; one character for one, so every offset stays.
_ZH_NUMERAL_YEAR = re.compile(r"[〇○零０-９一二三四五六七八九]{4}(?=年)")
_ARABIC_DIGITS = str.maketrans("〇○零０" "１２３４５６７８９" "一二三四五六七八九", "0000" "123456789" "123456789")


def _arabic_years(reading: str) -> str:
    return _ZH_NUMERAL_YEAR.sub(lambda m: m.group(0).translate(_ARABIC_DIGITS), reading)


def extract(text: str, *, published: datetime.date | None = None) -> Extraction:
    """Every agreement between local governments that ``text`` reports as signed."""
    if not text or not text.strip():
        raise ExtractionError(_("The article is empty."))
    text = unicodedata.normalize("NFC", text)
    language = detect_language(text)
    # simplified characters, and one middle dot in foreign names (安德森•法里亚斯 as 安德森·法里亚斯), offsets kept
    reading = _arabic_years(_to_simplified(text).translate(_MIDDLE_DOTS)) if language == "zh" else text
    sentences = split_sentences(text, language)
    texts = [reading[s.start : s.end] for s in sentences]
    if language == "zh":
        countries = _countries_in_text(text, language)
        mentions = _chinese_mentions(text, reading)
    else:
        countries = _countries_in_text(text, language)
        mentions = _english_mentions(text, countries)
    _mark_locators(reading, mentions, language)
    mentions = _with_coreferences(reading, mentions, language)
    base = article_date(text, language=language, published=published)
    # An undated article is no older than the latest year it names: "signed in 1998" beside "in 2005" is history.
    era = base or _latest_year_end(reading)

    def mentions_in(span: Span) -> list[Mention]:
        return [m for m in mentions if span.start <= m.start < span.end]

    def clause_kind(index: int, places: list[PlaceRef]) -> str | None:
        """The document of these parties where a sentence names several, each in its own clause ("A同B签署…协议，
        同C签署…备忘录", "两市市长共同签署了“友好城市关系协议书”，X局和Y局分别签署了…备忘录"); None in a sentence of one."""
        if len(_STRONG_SIGNING.findall(texts[index])) < 2:
            return None
        mentioned = [m for m in mentions_in(sentences[index]) if m.place in places]
        own = [m for m in mentioned if not m.coreference] or mentioned
        return _clause_type(texts[index], sentences[index].start, own, language)

    # The place whose own news this is, when it says 我省/我市 ("our province").
    home = next((m.place for m in mentions if m.coreference and reading.startswith("我", m.start)), None)
    titled_home = _titled_home(reading, mentions) if language == "zh" and home is None else None
    visitor = _visiting_delegation(reading, mentions) if language == "en" else None
    drafts: list[_Draft] = []
    signed_at = -10  # the last sentence that says documents were signed
    last_signing = -10  # the last signing sentence
    last_item = -10  # the last line of a list of pairs under a signing sentence
    for index, span in enumerate(sentences):
        sentence = reading[span.start : span.end]
        if not _is_signing(sentence, language, era, after_signing=index - last_signing == 1):
            follows = max(signed_at, last_item)
            if 0 <= follows < index and all(_LIST_ITEM_REST.match(texts[i]) for i in range(follows + 1, index)) \
                    and (pair := _list_item(text, span, mentions_in(span), language)):
                # "…four pairs signed agreements:" then a line each, "1. Changsha City – Mombasa County (Kenya)"
                kind = _agreement_type(reading[sentences[signed_at].start : sentences[signed_at].end], language)
                _add_group(drafts, pair, index, kind, sentence, base, True)
                for draft in drafts:
                    if draft.sentences == [index]:
                        draft.sentences.insert(0, signed_at)
                last_item = index
                continue
            if index - signed_at <= 3 and _LISTING.search(sentence) and not _planned_list(sentence, language):
                # "此次新增的5对友好城市分别为A与B、C与D": the pairs of a signing just reported
                ordered = [m for m in mentions_in(span) if not m.locator and not m.coreference]
                pairs = _explicit_pairs(reading, ordered, language)
                if len(pairs) >= 2:
                    kind = _agreement_type(sentence, language) or _agreement_type(
                        reading[sentences[signed_at].start : sentences[signed_at].end], language)
                    for pair in pairs:
                        _add_group(drafts, list(pair), index, kind, sentence, base, True)
                    for draft in drafts:  # the signing sentence gives the list its date ("昨日")
                        if draft.sentences == [index]:
                            draft.sentences.insert(0, signed_at)
            elif index - last_signing == 1 and _LISTING.search(sentence) \
                    and _WITH_SEVERAL.search(texts[last_signing]) \
                    and len(hub := _named_places(mentions_in(sentences[last_signing]))) == 1 \
                    and len(listed := _named_places(mentions_in(span))) >= 2 and hub[0] not in listed:
                # "MoUs were renewed between Windhoek and several other local authorities. These include A, B, C …":
                # the one place named signs with each place listed
                kind = _agreement_type(sentence, language) or _agreement_type(texts[last_signing], language)
                for place in listed:
                    _add_group(drafts, [hub[0], place], index, kind, sentence, base, True)
                for draft in drafts:
                    if draft.sentences == [index]:
                        draft.sentences.insert(0, last_signing)
            continue
        last_signing = index
        if _STRONG_SIGNING.search(sentence):
            signed_at = index
        recalled = background_spans(sentence, language, era)  # clauses that recall an older signing
        kind = _agreement_type(_without_spans(sentence, recalled), language) \
            or _agreement_type(sentence, language)  # not the document of a clause that recalls an older one
        groups = _party_groups(index, sentences, reading, mentions_in, language, recalled, era)
        several = len(_STRONG_SIGNING.findall(sentence)) >= 2  # each pair's document is in its own clause
        if visitor is not None and (partners := _partners_of_the_visitor(sentence, span.start, groups, visitor,
                                                                          mentions_in(span))):
            # "Hunan Governor Xu Dazhe led a delegation to Nigeria … he … signed letters of intent with Kano and
            # Jigawa states respectively": the visitor signs with each
            groups = partners
        for places, paired, own_kind in groups:
            if home is not None and len(places) == 1 and places[0].country != home.country and kind \
                    and _STRONG_SIGNING.search(sentence):
                # In a province's own news (我省), "代表团…与蒙巴萨郡…签署…备忘录": the province signs; a pair of its own
                places, paired = [home, places[0]], True
            elif titled_home is not None and len(places) == 1 and places[0].country not in CHINESE_SIDE and kind \
                    and (own := _implied_signer(sentence, titled_home)) is not None:
                # In a city's own news, "市长彭建文与费拉拉市副市长…签署": the mayor with no place is the city's; so is
                # its delegation ("代表团还与布宜诺斯艾利斯省政府…签订") and its secretary who met the partner ("省委书记赵一德…
                # 会见…州长，双方共同签署")
                places, paired = [own, places[0]], True
            elif language == "en" and len(places) == 1 and kind and (verb := _EN_SIGNED.search(sentence)) \
                    and _EN_OFFICIAL_SUBJECT.search(sentence, max(0, verb.start() - 120), verb.start()) \
                    and (own := _named_most(mentions, places[0].country)) is not None:
                # "He has signed a letter of intent … with the Chinese province of Jilin", "the governors X and Y,
                # from the province of Sichuan, signed": the official named by title alone speaks for the place of
                # the other side that the article names most
                places, paired = [own, places[0]], True
            group_kind = own_kind or kind
            if several:
                group_kind = clause_kind(index, places) or kind
            titled = _titled_documents(sentence, language) if len(groups) == 1 and not own_kind else []
            if len(titled) >= 2:
                # "签署了《发展友好城市关系谅解备忘录》和《旅游合作协议书》": two documents named by their titles, two agreements
                for title_kind in titled:
                    _add_group(drafts, places, index, title_kind, sentence, base, paired, another=True)
                continue
            _add_group(drafts, places, index, group_kind, sentence, base, paired,
                       another=bool(_ALSO_SIGNED.search(sentence)))
    drafts = _split_respectively(drafts, texts, clause_kind)
    if _is_title(text, sentences):
        for draft in drafts:
            body = [i for i in draft.sentences if i != 0]
            if draft.sentences[0] == 0 and body:
                # A headline is short ("Huangshan-Milazzo friendship city ties established"): the body names the
                # document and the day, so its sentences come first
                draft.sentences = [*body, 0]
                kind = next(((k, i) for i in body if (k := _agreement_type(texts[i], language))), None)
                if kind:
                    kind = (clause_kind(kind[1], draft.places) or kind[0], kind[1])
                if kind and draft.type_sentence == 0:
                    draft.type, draft.type_sentence = kind
    for draft in drafts:
        if draft.type is None or draft.type == "cooperation_agreement" and not draft.pair and not (
                draft.type_sentence is not None and _STRENGTHENING_TIES.search(texts[draft.type_sentence])):
            # "The twinning of Lusaka province to Sichuan province" ... "signed the cooperative agreement":
            # an agreement establishing sister-city relations, when the article calls it so (guideline 2). One pair
            # of a list keeps the document named for it ("…, as well as a cooperative agreement with Horsens").
            own = {p.id for p in draft.places}
            # where the article reports several agreements, a sentence naming one party may be about another
            needed = 1 if len(drafts) == 1 else 2
            # with no document named where it was signed, the first one a sentence about its parties names
            named_elsewhere = None
            for index, span in enumerate(sentences):
                # not from ties at large or of old: "近年来，贵州以国际友城作为…", "自…建立友好省份关系以来"
                sentence = reading[span.start : span.end]
                about_parties = len(own & {m.place.id for m in mentions_in(span)}) >= needed
                kind = _agreement_type(sentence, language) if about_parties or index in draft.sentences else None
                if kind is None:
                    continue
                background = _background_clause(sentence, 0, len(sentence), language, era)
                if kind == "sister_city" and (index in draft.sentences
                                              or not (_EXISTING_COOPERATION.search(sentence) or background)
                                              and (draft.type is None or _is_signing(sentence, language, era)
                                                   or _ESTABLISHED.search(sentence))):
                    draft.type, draft.type_sentence = "sister_city", index
                    break
                if named_elsewhere is None and about_parties and not background:
                    named_elsewhere = (kind, index)
            if draft.type is None and named_elsewhere is not None:
                draft.type, draft.type_sentence = named_elsewhere

    agreements = []
    single = len({tuple(d.sentences) for d in drafts}) == 1

    def places_of(index: int, parties_only: bool = False) -> list[int]:
        return [m.place.id for m in mentions_in(sentences[index]) if not parties_only or not m.locator]

    # An article reporting three or more agreements reports an event (a forum, a friendship-cities week): its
    # fields are the event's, unless a sentence names the partner of one agreement (its host, the party all
    # the agreements share, does not tell them apart).
    event_host = set.intersection(*({p.id for p in d.places} for d in drafts)) if len(drafts) >= 3 else None
    for position, draft in enumerate(drafts):
        # Sectors are read from the signing sentences, the sentences after them up to the next agreement,
        # and the lead when it speaks of this agreement; only sentences about fields of cooperation count.
        later = [d for d in drafts[position + 1 :] if d.sentences[0] != draft.sentences[0]]
        reach = _scope(draft, later, sentences, mentions_in)  # this agreement's sentences, up to the next one's
        scope = sentences_about_fields(draft.places, draft.sentences, reach, texts, places_of, single, language,
                                       event_host=event_host)
        # a signing sentence that several agreements share gives each the fields of its own clause only
        shared = {i for i in draft.sentences if any(i in other.sentences for other in drafts if other is not draft)}
        agreement = _agreement(draft, scope, reach, text, reading, sentences, mentions, language, base, shared)
        if base is not None and agreement.date_signed is not None and base - agreement.date_signed > RECALLED_AFTER:
            continue  # signed years before the article was written ("1982年8月…9日，双方正式签署"): history, no news
        agreements.append(agreement)
    return Extraction(text=text, language=language, published=base, agreements=agreements)


# A sentence that says ties were established, where no verb of signing does ("…, with Gwangju becoming Qingdao's
# eighth sister city"); not one that hopes for them ("the importance of establishing sister city relations").
_ESTABLISHED = re.compile(r"\b(?:establishment of|becoming|became|has become)\b|结为|缔结|建立了|正式建立")
# A document named for strengthening ties that exist (关于加强友好城市间交流的协议书): no agreement establishing them.
_STRENGTHENING_TIES = re.compile(r"(?:深化|加强)[\u4e00-\u9fff]{0,12}(?:协议|协定)")


# A title with no place before it, opening a clause, then a name and what the person does: 市长彭建文与…, 省长XX同…,
# 省委书记赵一德在西安会见…, 市长胡五岳应邀率团…, 省长马兴瑞以视频形式会见…
_ZH_BARE_TITLE = re.compile(r"(?:^|(?<=[，,。；;：:、\s]))(?:\d{1,2}月\d{1,2}日[，,]?)?(?P<unit>市|省)(?:委)?(?:副)?(?:长|书记)"
                            r"[\u4e00-\u9fff]{2,4}?(?:在|与|同|和|率|应邀|[\u4e00-\u9fff]{0,6}?会见)")
# The Chinese side named by its delegation
_ZH_DELEGATION = re.compile(r"代表团")


def _implied_signer(sentence: str, homes: dict[str, PlaceRef | None]) -> PlaceRef | None:
    """The article's own place where the signing sentence names its side only by a title or its delegation."""
    if title := _ZH_BARE_TITLE.search(sentence):
        return homes[title.group("unit")]
    if _ZH_DELEGATION.search(sentence):  # the delegation of the article's one Chinese city or province
        named = [place for place in homes.values() if place is not None]
        return named[0] if len(named) == 1 else None
    return None


def _titled_home(reading: str, mentions: list[Mention]) -> dict[str, PlaceRef | None]:
    """The Chinese city and province an article mentions most (the place whose news it is, whose 市长 needs no
    name): by the unit of a bare title, the one place of that level named most often, if one is."""
    return {unit: _most_named(m.place for m in mentions if m.place.country == "CN" and m.place.level in levels
                              and not m.coreference and not m.locator)
            for unit, levels in (("市", {"city", "municipality"}), ("省", {"province", "region", "municipality"}))}


def _most_named(places: Iterable[PlaceRef], at_least: int = 1) -> PlaceRef | None:
    """The place named more often than any other (and ``at_least`` times); None when none stands out."""
    ranked = Counter(places).most_common(2)
    if not ranked or ranked[0][1] < at_least or len(ranked) == 2 and ranked[0][1] == ranked[1][1]:
        return None
    return ranked[0][0]


# A signer named by a pronoun or a title, with no place: "He has signed", "the governors X and Y", "Mayor Claudia López"
_EN_OFFICIAL_SUBJECT = re.compile(r"\b(?:[Hh]e|[Ss]he|[Tt]he (?:[Pp]remier|[Gg]overnors?|[Mm]ayors?|[Cc]hief [Mm]inister)"
                                  r"|(?:Premier|Governor|Mayor|Chief Minister)\s+[A-Z]\w+)\b")


_EN_SIGNED = re.compile(r"\b(?:signed|inked|signs|inks)\b")  # not "by signing", a plan's means


def _named_most(mentions: list[Mention], other_than: str) -> PlaceRef | None:
    """The place of a country other than ``other_than`` that the article names most, at least twice and more
    often than any other such place; None when none stands out."""
    return _most_named((m.place for m in mentions if m.place.country != other_than and not m.coreference
                        and not m.locator), at_least=2)


_DOCUMENT_TITLE = re.compile(r"《([^《》]{2,60})》|「([^「」]{2,60})」")


def _titled_documents(sentence: str, language: str) -> list[str]:
    """The kinds of the documents a Chinese sentence names by their titles (《…》, 「…」), one each, in order; a
    title whose kind is not told is left out."""
    if language != "zh":
        return []
    kinds = [_agreement_type(m.group(1) or m.group(2), language) for m in _DOCUMENT_TITLE.finditer(sentence)]
    return list(dict.fromkeys(k for k in kinds if k))


def _named_places(mentions: list[Mention]) -> list[PlaceRef]:
    return list(dict.fromkeys(m.place for m in mentions if not m.locator and not m.coreference))


# A signing with places the text lists after it: "between Windhoek and several other local authorities", 与多个城市
_WITH_SEVERAL = re.compile(r"\b(?:and|with) (?:several|various|a number of|many|\d+|two|three|four|five|six|seven|eight|"
                           r"nine|ten|eleven|twelve|sixteen)\b(?: other)? (?:[\w\-]+ )?(?:local authorities|councils|"
                           r"municipalities|cities|towns|counties|provinces|regions|states)\b")


# "The parties also signed an agreement of intent", "the two cities also signed a sports exchange pact", 还签署了
_ALSO_SIGNED = re.compile(r"\balso (?:signed|inked|concluded)\b|(?:还|也|另外|同时)(?:共同)?(?:签署|签订)")


def _without_spans(sentence: str, spans: list[tuple[int, int]]) -> str:
    """``sentence`` with these spans blanked ("自去年7月签署…意向书以来，此次正式缔结…" reads "…此次正式缔结…")."""
    for start, end in spans:
        sentence = sentence[:start] + " " * (end - start) + sentence[end:]
    return sentence


def _is_title(text: str, sentences: list[Span]) -> bool:
    """Whether the first sentence is the article's title: its own first line, with no full stop."""
    line = text.split("\n", 1)[0]
    return bool(sentences) and "\n" in text and sentences[0].end <= len(line) and bool(line.strip()) \
        and not line.strip().endswith((".", "。", "!", "?", "！", "？"))


# What a line of a list of pairs holds besides its two places: a number or bullet, the joint, the countries.
_LIST_ITEM_REST = re.compile(r"^[\s\d.、)）(（•·\-–—*]*$")


def _list_item(text: str, span: Span, mentions: list[Mention], language: str) -> list[PlaceRef] | None:
    """The pair a line of a list names ("Changsha City and Mombasa County of Kenya;", "2. 株洲市—卡诺州"): a line of
    its own holding two places joined and little else; None for any other sentence."""
    line_start = text.rfind("\n", 0, span.start) + 1
    if not _LIST_ITEM_REST.match(text[line_start : span.start]) or "\n" in text[span.start : span.end].strip():
        return None
    named = [m for m in mentions if not m.coreference]
    if len(named) != 2 or named[0].place.id == named[1].place.id:
        return None
    gap = (_ZH_PAIR_GAP if language == "zh" else _EN_PAIR_GAP).match(text, named[0].end, named[1].start)
    if gap is None:
        return None
    rest = text[span.start : named[0].start] + text[named[1].end : span.end]
    rest = re.sub(r"\((?:[^()]{1,30})\)|（[^（）]{1,15}）|[,;；，。.]", " ", rest)
    rest = re.sub(r"\b(?:of|in)\s+(?:the\s+)?[A-Z][\w\-]*(?: [A-Z][\w\-]*)?", " ", rest)
    if not _LIST_ITEM_REST.match(rest):
        return None
    return [named[0].place, named[1].place]


def _planned_list(sentence: str, language: str) -> bool:
    if language == "zh":
        return bool(_ZH_PLANNED_CLAUSE.search(sentence))
    return bool(re.search(r"\b(?:will|would|shall|to be|plans?|planned|expected|proposed|could|may)\b", sentence,
                          re.IGNORECASE))


def _clause_type(sentence: str, offset: int, own: list[Mention], language: str) -> str | None:
    """The document named from a pair's first party up to the end of the clause of the signing verb after it."""
    if not own:
        return None
    first = min(m.start for m in own) - offset
    last = max(m.end for m in own) - offset
    verb = _STRONG_SIGNING.search(sentence, last)
    if verb is None:
        return None
    # "A与B签署深化…协议书，与C签署建立…关系协议书": C's document is in C's clause, not in B's before it
    opens = [m.end() for m in _CLAUSE.finditer(sentence, first, max(m.start for m in own) - offset)]
    stop = _CLAUSE.search(sentence, verb.end())
    return _agreement_type(sentence[max([first, *opens]) : stop.start() if stop else len(sentence)], language)


def _own_clause(sentence: str, offset: int, own: list[Mention]) -> str:
    """The clause of a shared signing sentence that holds a pair's last party and its signing verb
    ("…；与白俄罗斯戈梅利州签署《…经贸和人文领域合作行动计划》" for Gomel alone)."""
    if not own:
        return sentence
    last = max(m.start for m in own) - offset
    opens = [m.end() for m in _CLAUSE.finditer(sentence, 0, last)]
    verb = _STRONG_SIGNING.search(sentence, last)
    stop = _CLAUSE.search(sentence, verb.end()) if verb else _CLAUSE.search(sentence, last)
    return sentence[max([0, *opens]) : stop.start() if stop else len(sentence)]


def _add_group(drafts: list[_Draft], places: list[PlaceRef], index: int, kind: str | None, sentence: str,
               base: datetime.date | None, paired: bool = False, another: bool = False) -> None:
    """One group of parties of a signing sentence: evidence for an agreement already read, or a new one.
    ``another``: the sentence says the parties also signed a document ("also signed a sports exchange pact"), which
    is another agreement where the one read so far is of another kind."""
    # Places by id: 马尼拉市 and a bare 马尼拉 are one party the registry lacks, written two ways.
    ids = {p.id for p in places}
    for draft in drafts:
        draft_ids = {p.id for p in draft.places}
        if another and kind is not None and draft.type is not None and draft.type != kind and ids == draft_ids:
            continue
        if (draft.pair or paired) and len(places) >= 2 and ids != draft_ids:
            continue  # one pair of a list: only the same two parties speak of it again
        # A later sentence about some of the same parties ("the signing ceremony with officials from
        # Jiangxi Province") adds evidence to that agreement rather than starting another.
        if places and ids <= draft_ids or (
            len(places) >= 2 and ids & draft_ids and not draft.pair
            and (kind is None or draft.type is None or kind == draft.type or kind == "cooperation_agreement")
        ):
            draft.places.extend(p for p in places if p.id not in draft_ids)
            draft.pair = draft.pair or paired  # "沈阳与金贾等三市…" in the title, then one pair of a list
            if index not in draft.sentences:
                draft.sentences.append(index)
            if draft.type in (None, "cooperation_agreement") and kind not in (None, "cooperation_agreement") \
                    or draft.type == "sister_city" and kind in ("mou", "letter_of_intent"):
                # the document's own name first (guideline 2): "缔结友好城市…签署谅解备忘录" is an MOU
                draft.type, draft.type_sentence = kind, index
            return
    if len(places) < 2:
        return  # a national deal, a company deal, or one side only: no local agreement
    if len(places) == 2 and (places[0].parent_id == places[1].id or places[1].parent_id == places[0].id):
        return  # "…分别与广西的钦州、梧州…结为友城": a province locates its own city, it signs nothing with it
    pairs = [d for d in drafts if d.pair and len(d.places) == 2 and ids & {p.id for p in d.places}]
    hubs = set.intersection(*({p.id for p in d.places} for d in pairs)) if len(pairs) >= 2 else set()
    if not paired and hubs and ids <= {p.id for d in pairs for p in d.places}:
        # "沧州市与阿鲁沙市、索卢韦齐市签订…意向书", then "…并与阿鲁沙市、索卢韦齐市分别签订…": the pairs again
        for draft in pairs:
            if index not in draft.sentences:
                draft.sentences.append(index)
        return
    # (another document keeps the name it has: "a sports exchange pact" beside the sister-city agreement, and is
    # signed on the same occasion: the sentences of the first tell its day)
    sibling = next((d for d in drafts if ids == {p.id for p in d.places}), None) if another else None
    drafts.append(_Draft(list(places), [index, *(sibling.sentences if sibling else [])], kind, index if kind else None,
                         pair=paired or another))


# What may stand between the two parties of a pair: a conjunction or a dash, and the country or province
# that locates the second ("长沙市与肯尼亚蒙巴萨郡", "Changsha and Kenya's Mombasa", "Jinhua – Adama").
_ZH_PAIR_GAP = re.compile(r"\s*(?:分别)?(?:与|和|同|跟|—+|–|-|－|―|~|～|/)\s*(?P<country>[\u4e00-\u9fff]{0,8}?)\s*$")
_EN_PAIR_GAP = re.compile(
    r"(?:(?:,\s*|\s+(?:of|in)\s+)(?:the\s+)?(?P<before>[A-Z][a-z]+(?: [A-Z][a-z]+)?),?)?"
    r",?\s*(?:and|with|to|&|–|—|-|/)\s*(?:the\s+)?(?:(?P<country>[A-Z][a-z]+(?: [A-Z][a-z]+)?)(?:[’']s)?\s+"
    r"(?:(?:city|province|county|region|state|town) of\s+)?)?$"
)


_ZH_AND_WITH_CLAUSE = re.compile(r"[，,；;、]\s*(?:并|还)?(?:与|同)[\u4e00-\u9fff]{0,6}$")
_ZH_LISTED_AFTER = re.compile(r"、[\u4e00-\u9fff]{0,6}$")


def _explicit_pairs(reading: str, ordered: list[Mention], language: str) -> list[tuple[PlaceRef, PlaceRef]]:
    """The pairs the text itself joins ("A and B", "A with B", "A与B", "A–B"), read left to right; a place
    already paired is not paired again ("A and B, C and D" is A–B and C–D, never B–C)."""
    gap_pattern = _ZH_PAIR_GAP if language == "zh" else _EN_PAIR_GAP
    pairs: list[tuple[PlaceRef, PlaceRef]] = []
    used: set[int] = set()  # mentions, not places: "山西省与A省、山西省与B郡" pairs Shanxi twice
    if language == "zh":
        # "中卫市、固原市同蒙古国A市、B市签署": two lists joined, paired in their order (A–C, B–D)
        for a, b, c, d in zip(ordered, ordered[1:], ordered[2:], ordered[3:], strict=False):
            if reading[a.end : b.start] == "、" and reading[c.end : d.start] == "、" \
                    and _ZH_PAIR_GAP.match(reading, b.end, c.start) and not {a.start, b.start, c.start, d.start} & used \
                    and a.place.country == b.place.country and c.place.country == d.place.country != a.place.country:
                pairs += [(a.place, c.place), (b.place, d.place)]
                used.update((a.start, b.start, c.start, d.start))
    for first, second in zip(ordered, ordered[1:], strict=False):
        if first.start in used or second.start in used or first.place.id == second.place.id:
            continue
        gap = gap_pattern.match(reading, first.end, second.start) if second.start >= first.end else None
        if gap is None:
            continue
        words = [w for w in (gap.groupdict().get("before"), gap.group("country")) if w]
        if language == "zh":
            codes = _zh_countries_for(_registry_version())[1]
            if words and not any(words[0].startswith(name) for name in codes):
                continue  # 长沙市与代表团: only a country may stand between the two
        elif any(_country_code(w) is None and _country_code(w.split(" ")[-1]) is None for w in words):
            continue  # "Kisumu and Governor Nyong'o": only a country may stand between the two
        pairs.append((first.place, second.place))
        used.update((first.start, second.start))
    if language == "zh" and pairs:
        # "贵州省与A州签署…，与B州签署…，与C省签署…", "沈阳市与A市结为友好城市、与B市建立…": the subject of the
        # first pair signs with each of the others
        hub = next(m.place for m in ordered if m.start in used)  # the first place paired, in the text's order
        previous_joined = False
        for mention in ordered:
            joined = mention.start not in used and mention.place.id != hub.id and (
                _ZH_AND_WITH_CLAUSE.search(reading, max(0, mention.start - 12), mention.start)
                # "；与埃及卢克索省、马尔代夫阿杜市、老挝万象市签署…": the list goes on
                or (previous_joined and _ZH_LISTED_AFTER.search(reading, max(0, mention.start - 10), mention.start)))
            if joined:
                pairs.append((hub, mention.place))
                used.add(mention.start)
            # "滨州市与法国萨维尔纳市、埃塞俄比亚德雷达瓦市签署…": the hub's partner opens a list too
            partner = mention.start in used and mention.place.id != hub.id
            previous_joined = joined or partner or (previous_joined and mention.locator)
    return pairs


# "绍兴市还与韩国昌原市、加拿大高贵林市签订了…备忘录": the first place, joined by 与, then a list
# (a government may follow each place: "长沙市人民政府与乌干达恩德培市政府、马里锡卡索市政府"; the hub's delegation
# signs for it: "长沙市代表团先后与A、B签署")
_ZH_HUB_GAP = re.compile(r"(?:人民政府|政府|代表团)?\s*(?:还|并|也|又|分别|先后)?(?:与|同|和)[\u4e00-\u9fff]{0,8}\s*$")
_ZH_PARTNER_GAP = re.compile(r"(?:人民政府|政府)?\s*[、和及]\s*[\u4e00-\u9fff]{0,8}\s*$")


def _zh_partners(reading: str, ordered: list[Mention]) -> list[PlaceRef]:
    """The places of several other countries that the first place signs with, one agreement each (a city does
    not sign one memorandum with cities of two countries); empty for any other sentence."""
    # the hub is the first place joined by 与 to the next (not 长沙 in the 《…长沙倡议》 named before it)
    first = next((i for i in range(len(ordered) - 2) if _ZH_HUB_GAP.match(reading, ordered[i].end, ordered[i + 1].start)), None)
    if first is None:
        return []
    ordered = ordered[first:]
    partners = [ordered[1]]
    for mention in ordered[2:]:
        if not _ZH_PARTNER_GAP.match(reading, partners[-1].end, mention.start):
            break
        partners.append(mention)
    hub = ordered[0].place
    if len({m.place.country for m in partners} - {hub.country}) < 2:
        return []
    return list(dict.fromkeys(m.place for m in partners if m.place != hub))


def _party_groups(index: int, sentences: list[Span], reading: str, mentions_in, language: str,
                  recalled: list[tuple[int, int]], base: datetime.date | None = None,
                  ) -> list[tuple[list[PlaceRef], bool, str | None]]:
    """The parties of each agreement a signing sentence reports. Two or three places are one agreement
    (an MOU of a county with a province and one of its cities); a sentence or list that joins places two
    by two ("A与B、C与D", list items "A–B") gives one agreement per pair; many places with no such
    pairing give only the pairs the text makes (the cross product would be guesswork). ``recalled``: the
    sentence's clauses that recall an older signing (signing.background_spans)."""
    span = sentences[index]
    # Places named only in a clause that recalls an older signing are not parties of this one.
    found = [m for m in mentions_in(span) if not m.locator
             and not any(span.start + a <= m.start < span.start + b for a, b in recalled)]
    sentence = reading[span.start : span.end]
    named = [m for m in found if not m.coreference]  # in the whole sentence: lists run over its clauses
    if (parallel := _parallel_lists(sentence, named, span.start)) is not None:
        return [(list(pair), True, None) for pair in parallel]
    clauses = _signing_clauses(sentence, language, base)
    # A party is named in the clause of the signing verb or a clause next to it, or joined to such a place
    # by and/with/与/和/同: where the event was, whose officials attended, old ties are in other clauses.
    near = [m for m in found if any(a <= m.start - span.start < b for a, b in clauses)]
    near_ids = {m.start for m in near}
    for first, second in _joined_mentions(reading, [m for m in found if not m.coreference], language):
        if first.start in near_ids or second.start in near_ids:
            near_ids.update((first.start, second.start))
    found = [m for m in found if m.start in near_ids]
    if language == "zh" and _ZH_WITH_AN_ORGANISATION.search(sentence):
        # "…向索维拉市赠送礼品，嵊州市人民政府与…茶叶研究所签订…协议": an institute or company signs with the place;
        # places of clauses that sign nothing are no partners
        kept = []
        for clause in re.finditer(r"[^，,；;。]+", sentence):
            partner = _ZH_WITH_AN_ORGANISATION.search(clause.group(0))
            if _STRONG_SIGNING.search(clause.group(0)) or partner:
                end = clause.start() + (partner.start() if partner else len(clause.group(0)))
                kept += [m for m in found if clause.start() <= m.start - span.start < end]
        found = kept
    if language == "en" and (company := _EN_WITH_A_COMPANY.search(sentence)):
        # "signed an MoU with a Chinese firm to construct a road from Akure to Araromi": the places after the
        # company are the project's, not parties
        found = [m for m in found if m.start - span.start < company.start()]
    places = list(dict.fromkeys(m.place for m in found))
    if len({p.country for p in places}) >= 3 and _DECLARATION.search(sentence):
        return []  # 《第十二次友好省州领导人峰会联合宣言》: a summit's declaration, signed by all its members, is no agreement
    ordered = [m for m in found if not m.coreference]
    pairs = _explicit_pairs(reading, ordered, language)
    if len(pairs) >= 2:
        return [(list(pair), True, None) for pair in pairs]
    if language == "zh" and len(pairs) == 1 and pairs[0][0].country != pairs[0][1].country \
            and _RESPECTIVELY.search(sentence) and "、" in sentence:
        # "对外友协与A研究院、四川天府新区成都管理委员会与B协会、内江市与阿格里真托市分别签订": pairs listed, of
        # which one is of two governments; places inside the other signatories' names are none
        return [(list(pairs[0]), True, None)]
    if language == "en" and len(places) >= 3 and (each := _one_with_each(sentence, span.start, ordered, base)):
        return [([signer, partner], True, kind) for signer, partner, kind in each]
    if language == "zh" and len(places) >= 3 and (partners := _zh_partners(reading, ordered)):
        return [([ordered[0].place, partner], True, None) for partner in partners]
    if len({p.country for p in places}) == 1 and (
            # the whole sentence's places of that country: "to Karachi, Gwadar, Multan" is three, though two are near
            len({m.place for m in named if m.place.country == places[0].country}) > 2
            or not any(_agreement_type(sentence[a:b], language) for a, b in clauses)):
        # one country on both sides (Ghana–Ghana city pairs exist) only for two places, with the agreement named
        # beside the verb; five cities of one province are the partners of places the text does not name
        return []
    return [(places, False, None)]


def _parallel_lists(sentence: str, ordered: list[Mention], offset: int) -> list[tuple[PlaceRef, PlaceRef]] | None:
    """"Xi'an, Urumqi and Puyang … sister cities of Multan, Karachi and Gwadar respectively": two lists of as many
    places, each of one country, paired in their order; None for any other sentence."""
    if not _RESPECTIVELY.search(sentence) or len(ordered) < 4:
        return None
    runs: list[list[Mention]] = []
    for mention in ordered:
        if runs and runs[-1][0].place.country == mention.place.country:
            runs[-1].append(mention)
        else:
            runs.append([mention])
    if len(runs) == 1 and (joint := _ZH_RESPECTIVELY_WITH.search(sentence)):
        # "甘肃省兰州市、张掖市、临夏州分别与青海省西宁市、海北州、海东市签署": the joint parts two lists of one country
        runs = [[m for m in ordered if m.start - offset < joint.start()],
                [m for m in ordered if m.start - offset >= joint.end()]]
    if len(runs) != 2 or len(runs[0]) != len(runs[1]) or len(runs[0]) < 2:
        return None
    return [(a.place, b.place) for a, b in zip(*runs, strict=True)]


_ZH_RESPECTIVELY_WITH = re.compile(r"分别(?:与|同|和)")


_DECLARATION = re.compile(r"宣言|\b(?:joint )?declaration\b", re.IGNORECASE)
_EN_WITH_A_COMPANY = re.compile(r"\bwith (?:an?|the) (?:[\w\-]+ ){0,3}?(?:firm|company|corporation|conglomerate|"
                                r"investor|enterprise|consortium|contractor|developer)s?\b", re.IGNORECASE)


_ZH_WITH_AN_ORGANISATION = re.compile(r"(?:与|同|和)[^，,。；;与和同]{0,40}?(?:研究所|研究院|科学院|公司|集团|大学|学院|协会|"
                                      r"商会|银行|医院|企业|(?i:company|corporation|group|inc\b|ltd\b))"
                                      r"[^，,。；;]{0,4}?(?:签订|签署|签约)")


# Documents or ties in the plural: one for each partner named after them.
_EN_PLURAL_DOCUMENTS = re.compile(r"\b(?:agreements|memorand(?:a|ums)|mous|letters of intent|relationships|relations|ties|"
                                  r"pacts|accords|ceremonies)\b", re.IGNORECASE)
# The signer named after the verb, then "with" its partners ("Council (BCC) with")
_EN_OF_WITH = re.compile(r"[^,;.]{0,25}?\bwith\s+(?:the\s+)?$")


def _one_with_each(sentence: str, offset: int, ordered: list[Mention],
                   base: datetime.date | None) -> list[tuple[PlaceRef, PlaceRef, str | None]]:
    """"Chengdu signed friendship city agreements with Maastricht … and Perth …, as well as a cooperative
    agreement with Horsens": one place signs documents in the plural, or with places of several other
    countries, one agreement each, of the document named last before the partner. Empty when the sentence is
    no such list: "an MOU with Jiangxi Province and Jiujiang City" is one agreement of three parties."""
    verbs = _signing_verbs(sentence, "en", base)
    if not verbs:
        return []
    verb = verbs[0]
    signers = list(dict.fromkeys(m.place for m in ordered if m.start - offset < verb.start()))
    after = [m for m in ordered if m.start - offset >= verb.end() and m.place not in signers]
    if not signers and len(after) >= 3 and _EN_OF_WITH.match(sentence, after[0].end - offset, after[1].start - offset):
        # "the twinning ceremonies of Banjul City Council (BCC) with Nanning City Council …; and Harare City Council"
        signers = [after[0].place]
        after = [m for m in after[1:] if m.place != after[0].place]
    if len(signers) != 1 or len({m.place for m in after}) < 2 or not (
            _EN_PLURAL_DOCUMENTS.search(sentence, verb.end(), after[0].start - offset)
            or len({m.place.country for m in after} - {signers[0].country}) >= 2):
        return []
    each, kind, since = [], None, verb.start()
    for mention in after:
        if any(mention.place == partner for _signer, partner, _kind in each):
            continue
        kind = _agreement_type(sentence[since : mention.start - offset], "en") or kind
        each.append((signers[0], mention.place, kind))
        since = mention.end - offset
    return each


# Clauses for parties: brackets ("Memorandum of Understanding (MOU) with Jiangxi") do not end one.
_PARTY_CLAUSE_STOP = {"en": re.compile(r"[,;:\u2013\u2014\"“”]|\s-\s"), "zh": re.compile(r"[，,；;：:“”「」]")}


_LIST_FOLLOWS = re.compile(r"\b(?:include|includes|including|namely)\b|包括|分别为|分别是")
# "B, a city in C,", "Gaziantep Metropolitan Municipality, member of …, and Ürümqi Municipality, capital of …, signed"
_EN_APPOSITION_OPENS = re.compile(r"\s*(?:a|an|(?:the )?(?:capital|member|home|seat|one) of)\s")
_EN_SIGNED_BY = re.compile(r"\s+by\b", re.IGNORECASE)
_EN_BY_PHRASE_END = re.compile(r",?\s+(?:in the presence of|witnessed by|at\b|in\b|on\b(?! behalf)|during\b)|,\s+(?:the|this|which)\s|[;:.]",
                               re.IGNORECASE)


# A blank between two long runs of characters parts a Chinese headline from its subtitle ("…开展考察交流活动
# 防城港市与希瓦市签订…"); a short run ("加州 江苏省缔结姊妹") is one headline written with a space.
_ZH_HEADLINE_BREAK = re.compile(r"(?<=[\u4e00-\u9fff]{8})[ \u3000]+(?=[\u4e00-\u9fff]{8})")


_EN_PASSIVE = re.compile(r"\b(?:was|were|been)\s+$")
_EN_BETWEEN_WORD = re.compile(r"\bbetween\b")
_EN_QUOTED = re.compile(r"[\"“]([^\"“”]{1,80})[\"”]")


_ZH_WITNESSES = re.compile(r"见证")


def _signing_clauses(sentence: str, language: str, base: datetime.date | None) -> list[tuple[int, int]]:
    """Around each verb that reports a signing: its clause with the two clauses before and the clause after it,
    within its part of a headline."""
    stops = _PARTY_CLAUSE_STOP[language]
    breaks = [m.start() for m in _ZH_HEADLINE_BREAK.finditer(sentence)] if language == "zh" else []
    spans = []
    verbs = _signing_verbs(sentence, language, base)
    if language == "en":
        # the quotes around a document's name ("have signed a "Letters of Intent" … with Punjab") end no clause
        sentence = _EN_QUOTED.sub(lambda m: f" {m.group(1)} " if _agreement_type(m.group(1), "en") else m.group(0), sentence)
    for verb in verbs:
        # An apposition ("B, a city in C,") is no clause of its own: the subject may stand before two of them.
        ends = [m.end() for m in stops.finditer(sentence, 0, verb.start())
                if language != "en" or not _EN_APPOSITION_OPENS.match(sentence, m.end())]
        left = ends[-3] if len(ends) >= 3 else 0  # the subject may stand before an apposition ("B, the capital of C,")
        right = stops.search(sentence, verb.end())
        right = right.start() if right else len(sentence)
        if language == "en" and _EN_SIGNED_BY.match(sentence, verb.end()):
            # "Signed by the president of A's council, X, and the secretary of B, Y, …": the signatories'
            # places run over the commas of their names, up to who else was there
            end = _EN_BY_PHRASE_END.search(sentence, verb.end())
            right = max(right, end.start() if end else len(sentence))
        if language == "en" and _EN_PASSIVE.search(sentence, max(0, verb.start() - 20), verb.start()) \
                and (between := _EN_BETWEEN_WORD.search(sentence, verb.end())):
            # "An MOU was signed on Tuesday, June 13, in Tema, Ghana between the Tema Metropolitan Assembly and
            # Loudoun County": the parties come after "between", past the day and the place
            right = max(right, (stop.start() if (stop := stops.search(sentence, between.end())) else len(sentence)))
        after = stops.search(sentence, right + 1)
        # "…现场签约，分别是：A与B、C与D": the clause after the verb's may open the list
        next_end = after.start() if after else len(sentence)
        if sentence[right : right + 1] in (":", "：") or _LIST_FOLLOWS.search(sentence, verb.end(), right) \
                or _LIST_FOLLOWS.search(sentence, right, next_end) and sentence[next_end : next_end + 1] in (":", "："):
            # "were signed on Monday: A and B, C and D", "The newly signed agreements include A-B, C-D, …": the
            # list after it names the parties
            after = None
        end = after.start() if after else len(sentence)
        if language == "zh" and _ZH_WITNESSES.search(sentence, right, next_end) \
                and not _STRONG_SIGNING.search(sentence, right, next_end):
            end = right  # "…市长出席签署，西里西亚省、…皆派代表出席见证": who witnessed the signing did not sign
        left = max([left, *(b for b in breaks if b < verb.start())])
        right = min([end, *(b for b in breaks if b > verb.end())])
        spans.append((left, right))
    return spans


def _joined_mentions(reading: str, ordered: list[Mention], language: str) -> list[tuple[Mention, Mention]]:
    """Neighbouring mentions the text joins with a conjunction ("A and B", "A with B", A与B, A同B)."""
    gap_pattern = _ZH_PAIR_GAP if language == "zh" else _EN_PAIR_GAP
    return [(a, b) for a, b in zip(ordered, ordered[1:], strict=False)
            if b.start >= a.end and gap_pattern.match(reading, a.end, b.start)]


# "Hunan Governor Xu Dazhe led a delegation", "a delegation from Hunan Province": whose visit the article reports.
_EN_LED_DELEGATION = re.compile(r"(?:[’']s)?\s+(?:(?:Provincial|Municipal|State|County)\s+)?(?:Vice |Deputy |Executive )*"
                                r"(?:Governor|Mayor|Premier|Party Secretary|Chairman)\s+(?:[A-Z][\w\-]+\s+){1,3}"
                                r"(?:led|headed)\s+(?:a|an|the)\s+(?:[\w\-]+\s+){0,3}delegation\b")
_EN_DELEGATION_FROM = re.compile(r"\bdelegation (?:from|of) (?:the )?$")
# A sentence whose subject is the visitor, not a place: "During his stay, he met … and signed …"
_EN_VISITOR_SUBJECT = re.compile(r"^(?:[^,.]{0,40},\s*)?(?:he|she|they|the delegation|the governor|the mayor)\b",
                                 re.IGNORECASE)
_EN_SEVERAL_DOCUMENTS = re.compile(r"\b(?:letters|memoranda|memorandums|mous|agreements)\b|\brespectively\b",
                                   re.IGNORECASE)


def _visiting_delegation(text: str, mentions: list[Mention]) -> PlaceRef | None:
    """The place whose delegation the article follows, from the first sentence that says who led it."""
    for mention in mentions:
        if mention.coreference or mention.locator:
            continue
        if _EN_LED_DELEGATION.match(text, mention.end) or _EN_DELEGATION_FROM.search(text, max(0, mention.start - 30),
                                                                                   mention.start):
            return mention.place
    return None


def _partners_of_the_visitor(sentence: str, offset: int, groups, visitor: PlaceRef,
                             mentions: list[Mention]) -> list[tuple[list[PlaceRef], bool, str | None]]:
    """Where the visitor (he, the delegation) signs with places of one other country, named after the verb: one
    agreement with each when the documents are several, one with all of them otherwise; [] for any other sentence."""
    places = [p for group, _paired, _kind in groups for p in group]
    verb = _STRONG_SIGNING.search(sentence)
    if not places or visitor in places or len({p.country for p in places}) != 1 or places[0].country == visitor.country \
            or verb is None or not _EN_VISITOR_SUBJECT.match(sentence):
        return []
    partners = list(dict.fromkeys(m.place for m in mentions if m.start - offset > verb.end() and m.place in places
                                  and not m.coreference))
    if not partners:
        return []
    if len(partners) > 1 and _EN_SEVERAL_DOCUMENTS.search(sentence, verb.end()):
        return [([visitor, partner], True, None) for partner in partners]
    return [([visitor, *partners], False, None)]


_RESPECTIVELY = re.compile(r"分别|各自|\brespectively\b|\bseparate(?:ly)?\b", re.IGNORECASE)


def _split_respectively(drafts: list[_Draft], sentences: list[str], clause_kind) -> list[_Draft]:
    """"A signed letters of intent with B and C respectively" is two agreements, A–B and A–C: the
    place named first speaks with each of the others, each of the document named in its own clause
    ("分别与A、B签署结好意向，与C签署…谅解备忘录")."""
    result = []
    for draft in drafts:
        if len(draft.places) >= 3 and any(_RESPECTIVELY.search(sentences[i]) for i in draft.sentences):
            hub, *others = draft.places
            for other in others:
                kind = draft.type
                if draft.type_sentence is not None:
                    kind = clause_kind(draft.type_sentence, [hub, other]) or kind
                result.append(_Draft([hub, other], list(draft.sentences), kind, draft.type_sentence))
        else:
            result.append(draft)
    return result


def _scope(draft: _Draft, later: list[_Draft], sentences: list[Span], mentions_in) -> list[int]:
    """The sentences about an agreement: from its first signing sentence up to where the next one's
    parties come in (the sectors and products are read there)."""
    first = draft.sentences[0]
    end = len(sentences)
    if later:
        end = min(d.sentences[0] for d in later)
        own = {p.id for p in draft.places}
        others = {p.id for d in later for p in d.places} - own
        while end - 1 > max(draft.sentences) and {m.place.id for m in mentions_in(sentences[end - 1])} & others:
            end -= 1
    return [i for i in range(first, end) if i >= first]


def _party_name(place: PlaceRef, mentions: list[Mention], language: str) -> str:
    written = [m for m in mentions if m.place.id == place.id and not m.coreference]
    with_unit = [m for m in written if m.has_unit]
    if with_unit:
        return re.sub(r"\s+(?:People’s |People's )?Government$", "", with_unit[0].written)
    if language == "zh":
        return place.name_zh or place.name_en
    unit = {"county": "County", "province": "Province", "city": "City", "state": "State", "region": "Region",
            "prefecture": "Prefecture"}.get(place.level)
    if unit and place.id > 0 and not place.name_en.endswith(unit):
        return f"{place.name_en} {unit}"
    return place.name_en  # a place the registry lacks, as the article writes it ("Entebbe", "Cape Town")


def _agreement(draft: _Draft, scope: list[int], reach: list[int], text: str, reading: str, sentences: list[Span],
               mentions: list[Mention], language: str, base: datetime.date | None,
               shared: set[int] = frozenset()) -> ExtractedAgreement:
    signing_spans = [sentences[i] for i in draft.sentences]
    parties = []
    for place in draft.places:
        evidence = [s for s in signing_spans if any(m.place.id == place.id and s.start <= m.start < s.end
                                                    for m in mentions)]
        parties.append(ExtractedParty(
            name=_party_name(place, mentions, language), country=place.country, level=place.level,
            place=place.name_en if place.id > 0 else None, place_id=place.id if place.id > 0 else None,
            evidence=evidence,
        ))

    contexts = [_full_date_in(reading[sentences[i - 1].start : sentences[i - 1].end])
                if language == "zh" and i > 0 and "\n" not in text[sentences[i - 1].end : sentences[i].start] else None
                for i in draft.sentences]
    # (not the dateline's day, "中新网成都9月13日电", which opens the first sentence: the day the news was filed)
    date_signed, date_at = _date_signed([_without_dateline(reading[s.start : s.end], language) for s in signing_spans],
                                        language=language, base=base, contexts=contexts)
    date_spans = signing_spans
    if date_signed is None:
        # The signing sentences give no day: the sentence just before them in the same paragraph ("23日, … held
        # talks. After the talks, A and B signed"), or a sentence soon after about the ceremony ("During the
        # ceremony on Thursday") may; recalled dates are not taken.
        first = draft.sentences[0]
        nearby = []
        if first > 0 and ("\n" not in text[sentences[first - 1].end : sentences[first].start]
                          # "Pakistan and China on Thursday signed agreements …", then "The newly signed
                          # agreements include A-B, C-D": the signing recalled is the one just reported
                          or _SIGNING_RECALLED.search(reading[sentences[first].start : sentences[first].end])
                          and _STRONG_SIGNING.search(reading[sentences[first - 1].start : sentences[first - 1].end])):
            nearby.append(sentences[first - 1])
        nearby += [sentences[i] for i in range(first + 1, min(len(sentences), first + 4))
                   if i not in draft.sentences and _SIGNING_EVENT.search(reading[sentences[i].start : sentences[i].end])]
        nearby = [s for s in nearby if not _background_clause(reading[s.start : s.end], 0, s.end - s.start, language, base)]
        # the day of the news filed ("贵阳9月10日电") is not the day of what the sentence reports ("9日在贵阳举行")
        date_signed, date_at = _date_signed([_without_dateline(reading[s.start : s.end], language) for s in nearby],
                                            language=language, base=base)
        date_spans = nearby
    if date_signed is None and any(_SAME_DAY.search(reading[s.start : s.end]) for s in signing_spans):
        # "当天，还签署了…", "on the same day": the day of the latest dated sentence before
        for index in range(draft.sentences[0] - 1, -1, -1):
            sentence = reading[sentences[index].start : sentences[index].end]
            if _background_clause(sentence, 0, len(sentence), language, base):
                continue
            date_signed, date_at = _date_signed([_without_dateline(sentence, language)], language=language, base=base)
            if date_signed is not None:
                date_spans, date_at = [sentences[index]], 0
                break
    if date_signed is None:
        # "会上，还签署4个市级友城协议。A与B签署…": the event may be named in the sentence that introduces the list
        first = draft.sentences[0]
        introducing = [sentences[first - 1]] if first > 0 and "\n" not in text[sentences[first - 1].end : sentences[first].start] \
            else []
        earlier = sentences[: draft.sentences[0]]
        date_signed, date_at = _event_date([reading[s.start : s.end] for s in [*signing_spans, *introducing]],
                                           [reading[s.start : s.end] for s in earlier], language=language, base=base)
        date_spans = earlier

    read = []
    for index in scope:
        span = sentences[index]
        whole = reading[span.start : span.end]
        own = whole if index not in shared else _own_clause(
            whole, span.start, [m for m in mentions if span.start <= m.start < span.end and m.place in draft.places
                                and not m.locator])
        read.append((span, own, whole))
    sectors, products = fields_named(read, language)

    people: list[ExtractedPerson] = []
    signing_text = " ".join(reading[s.start : s.end] for s in signing_spans)
    candidates = []
    # People may be introduced before the signing sentence ("Mombasa governor Hassan Joho ... signed by Joho"),
    # and speak after it.
    for index in range(0, max([*reach, *draft.sentences]) + 1):  # the sectors' scope lies within reach
        span = sentences[index]
        for person in _people_in(reading[span.start : span.end], span.start, mentions, language):
            # Who signed or led: named in a signing sentence, in full or by surname ("signed by Joho").
            surname = person.name.replace("·", " ").split(" ")[-1]
            if person.name in signing_text or (language == "en" and re.search(rf"\b{re.escape(surname)}\b", signing_text)):
                candidates.append(person)
            elif language == "en" and _HEAD.search(person.role) and (
                    person.place in draft.places or any(_without_unit_words(p.name) in person.role for p in parties)):
                # "Zhang Yadan, mayor of Dujiangyan, said at the ceremony": the head of a party leads it there
                candidates.append(person)
    for person in candidates:
        at = _assign_party(person, parties, draft.places)
        if at is None or any(_same_person(p.name, person.name) for p in people):
            continue
        party = parties[at]
        role = person.role
        if role and not person.role_names_place:
            role = f"{party.name}{role}" if language == "zh" else f"{role} of {party.name}"
        name = person.name
        if (at := reading.find(name, person.span.start, person.span.end)) >= 0:
            name = text[at : at + len(name)]  # as the article writes it (鄭勁龍 in a traditional-script article)
        people.append(ExtractedPerson(name=name, role=role, party=party.name, evidence=[person.span]))

    evidence = {
        "type": [sentences[draft.type_sentence]] if draft.type_sentence is not None else signing_spans[:1],
        "date_signed": [date_spans[date_at]] if date_at >= 0 else [],
        "sectors": sorted({s for spans in sectors.values() for s in spans}, key=lambda s: s.start),
        "products": sorted({s for spans in products.values() for s in spans}, key=lambda s: s.start),
    }
    return ExtractedAgreement(
        type=draft.type or "other", parties=parties, date_signed=date_signed, sectors=list(sectors),
        products=list(products), people=people, evidence=evidence,
    )


# Who leads a local government's side: its mayor, governor or premier (or their deputy), party secretary or chief
# executive; not an official of one of its offices.
_HEAD = re.compile(r"^(?:[\w\s]*\b(?:Mayor|Governor|Premier|Party Secretary|Chief Executive|Lord Mayor)\b|"
                   r"[\u4e00-\u9fff]*(?:市长|省长|州长|郡长|书记|主席))", re.IGNORECASE)


# A sentence about the signing event itself, whose date is the signing's.
_SIGNING_EVENT = re.compile(r"\b(?:ceremony|signing|signed)\b|仪式|签约|签署", re.IGNORECASE)


def _same_person(a: str, b: str) -> bool:
    return re.sub(r"\W", "", a).lower() == re.sub(r"\W", "", b).lower()
