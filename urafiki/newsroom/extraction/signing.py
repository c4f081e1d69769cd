"""Whether a sentence reports a signing: news, not a plan, not history; and which kind of document it names."""

from __future__ import annotations

import datetime
import re

_EN_SIGNING = re.compile(
    r"\b(?:signed|signs|(?<=has )sign|(?<=have )sign|"
    # the present of headlines and leads: "Mekelle and Adama sign sisterhood agreement"
    r"sign(?= (?:an? |the |two |three )?(?:[\w\-]+ ){0,3}(?:agreements?|mous?|memorand\w+|letters? of intent|pacts?|deals?|accords?)\b)|"
    r"inked|inks|concluded|sealed|struck|clinched|initialled|entered into|formali[sz]ed|established|forged|penned|"
    r"put pen to paper|exchanged(?= (?:the |signed )*(?:agreements?|documents|memorand\w+|mous?|instruments)\b)|"
    r"are now(?= (?:sister|twin|friendship) (?:cities|provinces|counties|states))|"
    # "Urumqi, Puyang and Xi’an were declared as sister cities to Karachi, Gwadar, and Multan"
    # "Tulsa County and the County of Qiyang have declared each other to be sister counties"
    r"(?:declared|named|designated)(?= (?:each other |one another )?(?:to be |as )?(?:the )?(?:sister|twin|friendship)[ \-]"
    r"(?:cities|city|provinces|province|counties|county|states|state)\b)|"
    r"signature (?:of|ceremony)|"
    # "knotted friendship city ties with Lahore" (Xinhua's English)
    r"knotted|knots?(?= (?:[\w\-]+ ){0,3}ties\b)|"
    # "the friendship agreement … was extended for another three years"
    r"extended(?= (?:for|by) (?:another|a further|an additional)\b)|"
    r"renewed|twinned|twinning ceremon(?:y|ies)|signing(?: ceremony| of)?|became (?:an? )?(?:sister|friendship|twin)|were twinned|"
    r"have (?:become|been) twinned|endorsed(?= (?:the|a|an) (?:agreement|mou|memorandum|document|letter)))\b",
    re.IGNORECASE,
)
_EN_PLANNED = re.compile(
    r"\b(?:will|would|shall|to|plans? to|planning to|planned to|expected to|set to|going to|intends? to|"
    r"aims? to|hopes? to|seeks? to|ready to|about to|yet to|agreed to|proposed|upcoming|future|"
    r"could|may|might|should|must)(?: be)?(?: \w+)?\s*$"
    r"|\b(?:expected|set|scheduled|due|plans?|planning|going|ready|yet) to(?: \w+){1,2}\s*$"
    r"|\b(?:will|would|shall|could|may|might|should|must)(?: (?:soon|also|then|later|jointly|formally|officially|"
    r"eventually|finally|now))?(?: be)?(?: \w+ly)?\s*$"
    # "The sojourn will culminate in the signing of", "would lead to the signing"
    r"|\b(?:will|would|shall)(?: \w+){1,2} (?:in|to)(?: the)?\s*$",
    re.IGNORECASE,
)
# A signing looked forward to ("looking forward to the signing ceremony … to be held early next year").
_EN_AWAITED = re.compile(r"\b(?:look(?:s|ing)? forward to|await\w*|ahead of|in preparation for|prepar\w+ for|"
                         r"pav(?:e|es|ed|ing) (?:the )?way for)\b",
                         re.IGNORECASE)
# "… is expected …" of the signing itself; not "signed an MoU which is expected to enhance development".
_EN_PLANNED_AFTER = re.compile(r"(?:(?!\b(?:which|that)\b)[^,;.]){0,80}?\b(?:to be (?:held|signed)|will (?:be held|take place)|(?:is|are) "
                               r"(?:scheduled|expected|planned)|next (?:week|month|year))\b", re.IGNORECASE)
# 签字 on a document (协议书签字及文本交换仪式), not the ceremony named as a time (签字仪式前)
# (签定 and 结缔 are common misspellings of 签订 and 缔结; 成为 and 交换 only of ties or documents)
# (建立了 ties, not a sentiment: 两市人民建立了深厚友谊 tells of friendship grown between peoples; nor a mechanism:
# 双方建立了每年一次的…对话机制)
_ZH_SIGNING = re.compile(r"签署|签订|签定|签约|缔结|结缔|结为|结好|结成|续签|正式建立|正式确立|确立了|共同签署|互签|签字(?!仪式)"
                         r"|建立了(?![\u4e00-\u9fff]{0,4}?(?:友谊|感情|情谊|互信|信任|联系))(?![^，,。；;]{0,24}?(?:机制|平台|渠道))"
                         r"|正式成为(?=[\u4e00-\u9fff]{0,6}(?:友好|友城|姐妹))|交换(?=[\u4e00-\u9fff]{0,12}(?:文本|协议书|备忘录))")
# A clause that asks, proposes, approves, supports, plans, hopes for or encourages the signing (获批与…缔结, 提案…缔结,
# 推动…协议的签署, 计划尽快签署, 盼与…结为, 鼓励…结为, 加快两地缔结…步伐); 在…支持下 ("with the support of") is a signing's
# circumstance.
# (将 as "will", not in 将军 "general": 比亚蒙特将军市 is General Viamonte)
_ZH_PLANNED_CLAUSE = re.compile(r"获批|批准|同意|支持(?!下)|议案|提案|审议|提请|计划|拟|即将|有望|希望|盼|推动|争取|力争|尽快|加快|期待|商定|探讨|准备|打算|将(?!军)|等待|等候|鼓励"
                                # "may": 图拉州可能与宁夏…缔结, 或与 (not 或 "or")
                                r"|可能|或(?=与|同|和|将)"
                                # "if": 如能结成友好关系的话
                                r"|如能|如果|若能|一旦")
# "A与B正式结好事宜获全国对外友协批准": the twinning approved, not yet signed
_ZH_APPROVED = re.compile(r"事宜|获[\u4e00-\u9fff]{0,10}?批准|获批|的(?:议案|请示)")
_ZH_PLANNED = re.compile(r"(?:将(?!军)|拟|计划|准备|有望|即将|希望|愿意?|打算|争取|推动|力争|尽快)[\u4e00-\u9fff]{0,3}$")

_EN_TYPES = [
    # the document's own name first (guideline 2): "an MOU renewing the sister-city relations" is an MOU
    ("letter_of_intent", re.compile(r"\b(?:letters? (?:of )?|(?:agreements?|protocols?) of )(?:intent|intention)\b|\bLOI\b",
                                    re.IGNORECASE)),
    # (a memorandum of agreement is an agreement: "signed a memorandum of agreement as sister cities")
    ("mou", re.compile(r"\bmemorand(?:um|a)\b(?! of agreement)|\bMoUs?\b|\bMOUs?\b", re.IGNORECASE)),
    # "re-sign the sister city agreement", "a second twinning agreement", "the second time … signing"
    ("renewal", re.compile(r"\brenew(?:ed|al|s|ing)?\b|\bre-sign(?:ed|s|ing)?\b|\bextended (?:for|by) (?:another|a further|an additional)\b|"
                           # (not "the second agreement the council has entered into": with another partner)
                           r"\b(?:a|the) second (?:time|(?:twinning|sister[ \-]city|friendship) agreement)\b", re.IGNORECASE)),
    # A plan or programme of cooperation is named for itself, though it serves a twinning ("signed a five-year work
    # plan aimed at deepening their twinning partnership", "the executive program", "a framework agreement")
    ("cooperation_agreement", re.compile(r"\b(?:work ?plans?|action plans?|plans? of action|(?:cooperation|executive) "
                                         r"(?:programmes?|programs?|plans?)|framework agreements?)\b", re.IGNORECASE)),
    ("sister_city", re.compile(r"\b(?:sister|twin)(?:[ \-](?:city|cities|province|provinces|state|states|county|"
                               r"counties|relations?|relationships?|ties|status))|\btwinn(?:ed|ing)\b|\bsisterhood\b",
                               re.IGNORECASE)),
    ("sister_city", re.compile(r"\b(?:friendship|friendly)[ \-](?:cooperation |cooperative )?(?:city|cities|province|provinces|regions?|states?|"
                              r"counties|county)", re.IGNORECASE)),
    # A document named a friendship agreement, friendly-exchange relations (the step before sister cities), or
    # friendly relations with no city or province named ("an agreement on friendly relations", "cooperative
    # friendship and partnership").
    ("friendship", re.compile(r"\bfriendship (?:agreement|accord|pact|treaty)|\bfriendly exchange|"
                              r"\b(?:friendly|friendship) (?:relations?|relationships?|ties)\b|"
                              r"\bcooperative friendship\b|\bfriendship and partnership\b", re.IGNORECASE)),
    ("cooperation_agreement", re.compile(r"\b(?:agreements?|accords?|protocols?|pacts?|deals?)\b", re.IGNORECASE)),
]
_ZH_TYPES = [
    ("renewal", re.compile(r"续签")),
    ("letter_of_intent", re.compile(r"意向书|意向(?=[，,。；;、]|$)")),  # 签署结好意向
    ("mou", re.compile(r"备忘录")),
    # The document's own name before the relationship it speaks of: a friendly-exchange agreement
    # (友好交流协议书), or one that deepens ties already there (深化友好省州交流合作协议书).
    # (友好交流合作协议, 友好合作协议, 友好协定: a friendship agreement, as in English)
    ("friendship", re.compile(r"友好(?:交流)?(?:合作)?(?:协议|协定)")),
    ("cooperation_agreement", re.compile(r"(?:深化|加强)[\u4e00-\u9fff]{0,12}(?:协议|协定)|框架协议|(?:工作|行动|执行|合作)计划")),
    # (姊妹市, as Taiwan writes it)
    ("sister_city", re.compile(r"[姐姊]妹(?:城市|市|省|州|县|郡|町)")),
    # 友好市省关系; 友好都市, as Japan and Korea call it
    ("sister_city", re.compile(r"友好(?:城市|都市|市(?!民)|区|省|州|郡|县|关系|合作关系|合作城市)|友城|结好")),
    ("friendship", re.compile(r"友好交流(?:城市)?关系|友好交流城市")),
    ("cooperation_agreement", re.compile(r"协议|协定|合作书")),
]


_MONTHS_WORDS = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
                 r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?")
# Background, not news: a signing recalled ("which signed an MoU in 2019", "since the two cities became sister
# cities", 自…缔结友好城市以来, 已于2016年签署, 早在2013年) or counted ("have established 166 sister-city
# relationships", 已与…缔结了2571对; see _EN_PERFECT). Read in the clause of the signing verb only, so "X, which
# became a sister city of Y in 2019, on Monday signed an MoU with Z" still reports the MoU with Z.
_EN_BACKGROUND = re.compile(
    r"\b(?:since|previously|formerly|in the past|back in|ago|already|had (?:\w+ )?(?:signed|concluded|established|"
    r"become|been)|earlier(?! (?:on|today|this|in the day))|first (?:signed|established)|so far|to date|in total|"
    r"altogether|over the years|(?:a|its|their) (?:long )?history of|for (?:\w+ )?decades|builds? on|built on|building on|"
    # "has signed similar agreements with Swakopmund, Windhoek, …": the partners it already has; "the pact follows an
    # agreement of intent signed on March 2": the step before
    r"similar (?:agreements|mous|memorand\w+|pacts|accords|deals|partnerships)|follows (?:an?|the))\b",
    re.IGNORECASE,
)
# "Yesterday, A and B had established sister province relationship" (reported speech): the pluperfect of a
# signing dated a day or so before is news.
_EN_RECENT = re.compile(r"\b(?:yesterday|(?:one|a|the) day (?:earlier|before)|earlier (?:that|the same) day|"
                        r"on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b", re.IGNORECASE)
# The anniversary of ties that exist ("celebrated the 30th anniversary of their twinning", 庆祝结好30周年): no
# signing, unless the clause also says something was signed (a renewal at the anniversary).
_ANNIVERSARY = re.compile(r"\b(?:\d+(?:st|nd|rd|th)|\w+(?:th|st|nd|rd)|silver|golden) anniversary\b|\banniversary of\b"
                          r"|[\d一二三四五六七八九十]+\s*周年", re.IGNORECASE)
_SIGNED_WORD = re.compile(r"\bsign|签", re.IGNORECASE)
# How ties began: a sentence that tells their story dates its signings by the year alone.
_HISTORY = re.compile(r"始于|源于|可追溯|起步于|\b(?:dates? back|dating back|began in|started in|go(?:es)? back to)\b",
                      re.IGNORECASE)
# (曾 "once" as an adverb, not the surname: 市长曾庆红与…签署; 已于 of a day or of late is news: 已于近日签署; 缔结…较早:
# concluded long ago)
_ZH_BACKGROUND = re.compile(r"自.{0,30}?以来|以来|至今|回顾|[\d一二三四五六七八九十]+年来|早在|此前|多年来|至此|截至|截止|迄今|累计|共有|"
                            r"已同|已与|已和|数量|较早|很早|"
                            r"已于(?!日前|近日|昨日|昨天|今日|今天|本月|本周|当天|当日|\d{1,2}\s*月\s*\d{1,2}\s*日|\d{1,2}\s*日)|"
                            r"曾(?:经|于|在|与|和|同|签|缔|结|是|为|多次|先后|一度)"
                            # what ties are, not news: "B是A缔结的第一个国际友城", "两地结好之后，互访频繁"
                            r"|是[\u4e00-\u9fff]{0,10}?(?:缔结|签署|签订|结好|建立)的|(?:结好|缔结|结为友城)(?:之后|以后)")
# 先后 ("one after another") sums up old ties ("先后与20个城市缔结…"), unless the sentence tells of the visit or the
# day of the news ("访问期间，代表团先后与A、B签署…").
_ZH_NOW = re.compile(r"期间|此次|本次|当天|当日|今天|今日|昨天|昨日|日前|近日|\d{1,2}\s*日")
# A date of a year or of a month only ("in 2019", "in July 2016", 2016年11月) in the signing clause of an
# undated article: the way news recall old agreements (a fresh one is dated "on Monday", 3日, "today").
_EN_YEAR_ONLY = re.compile(rf"\b(?:[Ii]n|[Oo]f|[Dd]uring)\s+(?:(?:early|mid|late)[ \-])?(?:{_MONTHS_WORDS}\s+)?(?:19|20)\d\d\b")
_EN_LAST_YEAR = re.compile(r"\b(?:last|the previous) year\b", re.IGNORECASE)
_EN_LAST_MONTH = re.compile(rf"\blast (?P<month>{_MONTHS_WORDS})(?!\s*\d)")
_EN_IN_MONTH = re.compile(rf"\bin (?P<month>{_MONTHS_WORDS})(?![\s.]*\d)")
_ZH_LAST_YEAR = re.compile(r"去年|前年")  # "去年10月底，…签订了…备忘录": recalled
_ZH_YEAR_ONLY = re.compile(r"(?:19|20)\d\d\s*年(?!\s*\d{1,2}\s*月\s*\d{1,2}\s*日)")
_ZH_THIS_YEARS_MONTH = re.compile(r"(?:今年|本年)(?P<month>\d{1,2})\s*月(?!\s*\d{1,2}\s*日)")
_EN_CLAUSE_STOP = re.compile(r"[,;:()\u2013\u2014\"“”]|\s-\s")
# Without a word for the document or the relationship, "signed" is no signing of an agreement ("signed the
# visitors' book", a bill "signed by the governor"), unless someone signs on a party's behalf.
_EN_AGREEMENT_NOUN = re.compile(
    r"\b(?:agreements?|memorand\w*|mous?|letters? of intent|loi|pacts?|deals?|accords?|protocols?|documents?|"
    r"sister|twin\w*|friendship|friendly|relations?|relationships?|ties|partnerships?|cooperation|co-operation|"
    r"understanding|charter|arrangements?)\b",
    re.IGNORECASE,
)
_EN_SIGNED_FOR = re.compile(r"\s+(?:for|on behalf of)\b", re.IGNORECASE)
_ZH_AGREEMENT_NOUN = re.compile(r"协议|协定|备忘录|意向书|合作书|友好|友城|姐妹|关系|文件|仪式|《")
# A count of ties is background with a perfect tense ("has established 166 sister-city relationships"), news
# without one ("Three sister-city agreements were signed:"); in Chinese 已与/累计/共有 already say it.
_EN_COUNT_OF_TIES = re.compile(
    r"(?<!\bthe )\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|many|more than \w+)\s+(?:other\s+)?"
    r"(?:sister|twin|friendship|friendly)[ \-]?(?:cit|provinc|state|count|relation|tie|pair)"
    r"|\bwith (?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|many) (?:other )?(?:[A-Z][a-z]+ )?"
    r"(?:cities|provinces|counties|states|regions|municipalities|partners|counterparts)\b",
    re.IGNORECASE,
)
_EN_PERFECT = re.compile(
    r"\b(?:has|have)\s+(?:\w+\s+)?(?:signed|established|forged|built|developed|concluded|formed|set up|twinned|"
    r"entered)\b",
    re.IGNORECASE,
)
_ZH_CLAUSE_STOP = re.compile(r"[，,；;：:（）()“”「」]")


def _clause_span(sentence: str, start: int, end: int, language: str) -> tuple[int, int]:
    """The clause around ``sentence[start:end]``: between the punctuation marks nearest it."""
    stops = _ZH_CLAUSE_STOP if language == "zh" else _EN_CLAUSE_STOP
    if language == "zh":
        # the quotes around a short name end no clause: "台北市曾与…等5市以「台湾台北」缔结姊妹市"
        sentence = _ZH_SHORT_QUOTE.sub(lambda m: " " + m.group(1) + " ", sentence)
    left = max((m.end() for m in stops.finditer(sentence, 0, start)), default=0)
    right = stops.search(sentence, end)
    return left, right.start() if right else len(sentence)


_ZH_SHORT_QUOTE = re.compile(r"[「“]([^「」“”，,。；;：:]{1,12})[」”]")


_EN_WHEN = re.compile(r"\s*(?:when|after|as)\b", re.IGNORECASE)
_EN_WHICH = re.compile(r"\s*(?:which|that)\b", re.IGNORECASE)


# A span of time opening a summary ("近五年来，宁夏与A建立…，与B签署…备忘录19对"), or the number of ties
# ("泰国与广西缔结友城的数量引人注目，…这5个府分别与…结为友城"): it covers the clauses after it.
_ZH_SPAN_OPENER = re.compile(r"近[\d一二三四五六七八九十两几]*年来|多年来|长期以来|截至目前|截至\d{4}年|迄今为止|累计|"
                             # "自2004年以来，两市…，两市市长签署了…", "去年11月，我省在…论坛上，签署了…": history
                             r"自[^，,。；;]{0,20}以来|去年|前年|"
                             r"(?:缔结|结为|建立)友[城好][\u4e00-\u9fff]{0,4}?的?数量")


def _zh_span_before(before: str, clause: str) -> bool:
    """Whether a span of past years opens the clauses before this one, with no day of the news after it (in them
    or in this clause: "自去年7月签署意向书以来，两地保持联系，此次A与B正式缔结…")."""
    openers = list(_ZH_SPAN_OPENER.finditer(before))
    return bool(openers) and not _ZH_NOW.search(before, openers[-1].end()) and not _ZH_NOW.search(clause)


def _background_clause(sentence: str, left: int, right: int, language: str, base: datetime.date | None) -> bool:
    """Whether the clause ``sentence[left:right]`` recalls an older signing or counts existing ties (see
    _EN_BACKGROUND); a year without a day that opens the sentence ("In 2018, A and B signed", 2018年，A与B签署)
    dates it too."""
    clause = sentence[left:right]
    # (in Chinese the anniversary may stand in another clause: "祝贺两市结好10周年…，表示两市结好见证了…")
    if (_ANNIVERSARY.search(clause) or language == "zh" and _ANNIVERSARY.search(sentence)) \
            and not _SIGNED_WORD.search(clause):
        return True
    opening = sentence[: _clause_span(sentence, 0, 0, language)[1]]
    # a date standing alone before the clause dates it too ("消息指出，1993年，A与B正式缔结…")
    previous = sentence[_clause_span(sentence, max(0, left - 1), max(0, left - 1), language)[0] : max(0, left - 1)]
    dated = " ".join([clause, *([opening] if len(opening) <= 25 else []), *([previous] if len(previous) <= 12 else [])])
    if language == "zh":
        if _ZH_BACKGROUND.search(clause) or _ZH_LAST_YEAR.search(dated) \
                or "先后" in clause and not _ZH_NOW.search(sentence) or _zh_span_before(sentence[:left], clause):
            return True
        year_only = [m.group(0) for m in _ZH_YEAR_ONLY.finditer(dated)]
    else:
        recalled = [m.group(0).lower() for m in _EN_BACKGROUND.finditer(clause)]
        if recalled and not (all(word.startswith("had ") for word in recalled) and _EN_RECENT.search(sentence)):
            return True
        if _EN_COUNT_OF_TIES.search(clause) and _EN_PERFECT.search(clause):
            return True
        if _EN_WHEN.match(clause) and _EN_BACKGROUND.search(sentence, max(0, left - 60), left):
            return True  # "have collaborated since October 2019, when they signed the MoU"
        if _EN_WHICH.match(clause) and _EN_BACKGROUND.search(sentence, 0, left):
            return True  # "This builds on a 2023 MOU between eThekwini and Xiamen, which established a partnership"
        year_only = [m.group(0) for m in _EN_YEAR_ONLY.finditer(dated)]
    if language == "zh" and base is not None and any(
            base.month - int(m.group("month")) >= 2 for m in _ZH_THIS_YEARS_MONTH.finditer(dated)):
        return True  # "今年5月，两市签署…备忘录" in an October article: a signing of months ago, recalled
    if language == "en" and (_EN_LAST_YEAR.search(clause) or base is not None and any(
            (base.month - _MONTH_NUMBERS[m.group("month")[:3].lower()]) % 12 >= 2
            for pattern in (_EN_LAST_MONTH, _EN_IN_MONTH) for m in pattern.finditer(clause))):
        # "the two cities signed a sister city agreement last October", "the MoU that was signed … in July, this
        # year", in a visit of months later
        return True
    if year_only and _HISTORY.search(sentence):
        return True  # "常州与坦桑尼亚的友好交往始于1996年，2009年与达累斯萨拉姆市缔结…": the story of the ties
    return _long_before(" ".join([dated, *year_only]), base)


# A relative clause after the verb speaks of something else: "an agreement was signed between the two cities
# which already have an existing agreement, signed in 2003" reports the new one; so does "… a range of areas that
# began 14 years ago".
_EN_RELATIVE = re.compile(r"\s(?:which|who|whose|that)\s")


def _verb_clause(sentence: str, verb: re.Match, language: str) -> tuple[int, int]:
    left, right = _clause_span(sentence, verb.start(), verb.end(), language)
    relative = _EN_RELATIVE.search(sentence, verb.end(), right) if language == "en" else None
    return left, relative.start() if relative else right


def _signing_verbs(sentence: str, language: str, base: datetime.date | None = None) -> list[re.Match]:
    """The verbs of ``sentence`` that report a signing now: not planned, not recalled, not counted."""
    found = []
    pattern = _ZH_SIGNING if language == "zh" else _EN_SIGNING
    for match in pattern.finditer(sentence):
        left, right = _verb_clause(sentence, match, language)
        if _background_clause(sentence, left, right, language, base):
            continue
        found.append(match)
    return found


def background_spans(sentence: str, language: str, base: datetime.date | None = None) -> list[tuple[int, int]]:
    """The clauses of ``sentence`` that recall or count signings (their places are no parties of the news)."""
    spans = []
    pattern = _ZH_SIGNING if language == "zh" else _EN_SIGNING
    for match in pattern.finditer(sentence):
        left, right = _verb_clause(sentence, match, language)
        if _background_clause(sentence, left, right, language, base):
            spans.append((left, right))
    return spans


_ZH_NATIONAL = re.compile(r"两国政府|代表[\u4e00-\u9fff]{1,6}国政府|国家政府")


_PORT_TIES = re.compile(r"友好港|姊妹港|姐妹港|代表两港|\b(?:sister|friendship|friendly) ports?\b", re.IGNORECASE)


def _is_signing(sentence: str, language: str, base: datetime.date | None = None, after_signing: bool = False) -> bool:
    """A sentence that reports a signing. ``after_signing``: the sentence before did, so a verb without its
    document ("湖南省副省长何报翔与郡长…共同签署") may refer to that one."""
    if _PORT_TIES.search(sentence):
        return False  # "广州港与埃及亚历山大港…缔结友好港关系": two port authorities, no local governments
    if language == "zh":
        if _ZH_NATIONAL.search(sentence):
            return False  # "分别代表两国政府签署协定": the two countries sign, not their provinces or cities
        for match in _signing_verbs(sentence, language, base):
            if match.group(0) in ("签署", "签订", "共同签署") and not after_signing \
                    and not _ZH_AGREEMENT_NOUN.search(sentence):
                continue  # 签约, 缔结, 结好 name the agreement themselves
            clause = re.split(r"[，,；;：:。]", sentence[: match.start()])[-1]
            rest = re.split(r"[，,；;：:。]", sentence[match.end() :])[0]
            if not _ZH_PLANNED.search(sentence[max(0, match.start() - 8) : match.start()]) \
                    and not _ZH_PLANNED_CLAUSE.search(clause) and not _ZH_APPROVED.search(rest) \
                    and not _zh_later(clause, base):
                return True
        return False
    has_noun = after_signing or bool(_EN_AGREEMENT_NOUN.search(sentence))
    for match in _signing_verbs(sentence, language, base):
        if _EN_PLANNED.search(sentence[max(0, match.start() - 40) : match.start()]) \
                or _EN_AWAITED.search(sentence, _clause_span(sentence, match.start(), match.end(), language)[0], match.start()) \
                or _EN_PLANNED_AFTER.match(sentence, match.end()):
            continue
        if not has_noun and not _EN_SIGNED_FOR.match(sentence, match.end()):
            continue  # "X signed for Lusaka": signing on a party's behalf names no document, and needs none
        return True
    return False


# A time still to come: next year, next month, within the year, or a later month of this year (今年12月签署 in March).
_ZH_LATER = re.compile(r"明年|下个?月|年底前|年内|今年(?P<month>\d{1,2})月")


def _zh_later(clause: str, base: datetime.date | None) -> bool:
    return any(not later.group("month") or base is not None and int(later.group("month")) > base.month
               for later in _ZH_LATER.finditer(clause))


def _agreement_type(sentence: str, language: str) -> str | None:
    """The most specific document the sentence names; a letter of intent "to establish a friendly
    relationship" is a letter of intent, so the kinds are tried from the least to the most binding."""
    for name, pattern in _ZH_TYPES if language == "zh" else _EN_TYPES:
        if pattern.search(sentence):
            return name
    return None


# Words that introduce a list ("分别为", "including", "namely", a colon) and the verbs that report a signing
# itself (not "twinned", "paired", "established", which also describe plans and old ties).
_LISTING = re.compile(r"分别为|分别是|包括|如下|[:：]|\b(?:including|include[sd]?|namely|are|were)\b")
_STRONG_SIGNING = re.compile(r"签署|签订|签约|缔结|\b(?:signed|signs|inked|inks|concluded|signing|(?<=has )sign)\b",
                             re.IGNORECASE)

_YEAR = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)(?:\s*年|(?!\d))")


_ZH_FULL_DAY = re.compile(r"(?P<year>(?:19|20)\d\d)\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日")
# How long after its signing an article no longer reports an agreement but recalls it.
RECALLED_AFTER = datetime.timedelta(days=180)


def _zh_full_day(match: re.Match) -> datetime.date | None:
    """The day of a _ZH_FULL_DAY match (2024年1月18日); None for a day no calendar has."""
    try:
        return datetime.date(int(match.group("year")), int(match.group("month")), int(match.group("day")))
    except ValueError:
        return None


def _long_before(sentence: str, base: datetime.date | None) -> bool:
    """The signing sentence dates it in a year that ended half a year or more before the article, or on a day
    half a year or more before it ("2024年1月18日，两市…完成…意向书签署" in a November article)."""
    if base is None:
        return False
    for match in _ZH_FULL_DAY.finditer(sentence):
        day = _zh_full_day(match)
        if day is not None and base - day > RECALLED_AFTER:
            return True
    for match in _MONTH_OF_YEAR.finditer(sentence):
        # "signed a twinning agreement in October 2022" in an April 2023 article, 2022年10月: months ago, recalled
        month = _MONTH_NUMBERS.get((match.group("name") or "")[:3].lower()) or int(match.group("number") or 0)
        year = int(match.group("year") or match.group("zh_year"))
        if 1 <= month <= 12:
            last_day = datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1)
            if (base - last_day).days > 60:
                return True
    years = [int(m.group("year")) for m in _YEAR.finditer(sentence)]
    return bool(years) and max(years) < base.year and base - datetime.date(max(years), 12, 31) > RECALLED_AFTER


_MONTH_NUMBERS = {name: number for number, name in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}
_MONTH_OF_YEAR = re.compile(rf"\b(?P<name>{_MONTHS_WORDS})\s+(?P<year>(?:19|20)\d\d)\b"
                            r"|(?P<zh_year>(?:19|20)\d\d)\s*年\s*(?P<number>\d{1,2})\s*月(?!\s*\d{1,2}\s*日)")
