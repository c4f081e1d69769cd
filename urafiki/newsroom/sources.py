"""Turn a pasted text, a file or a URL into an article: clean text plus what is known about it.

Files are told apart by their content, not their name: an upload called "article.txt" may be a saved web
page. Web pages go through trafilatura, which keeps the article and drops menus, adverts and comments.
"""

from __future__ import annotations

import contextlib
import datetime
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from .extraction import ExtractionError, detect_language

MAX_BYTES = 5 * 1024 * 1024  # a news article is a few kilobytes; more is not an article
_HTML_START = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype html|html|head|body)\b", re.IGNORECASE | re.DOTALL)
_HTML_TAGS = re.compile(r"<(?:p|div|article|br|h1|h2|span|a)\b[^>]*>", re.IGNORECASE)


@dataclass
class Article:
    text: str
    title: str
    url: str
    published: datetime.date | None
    language: str  # "en" | "zh" | "" when neither


class SourceError(ValueError):
    """The source cannot be read; the message is user-facing and translated."""


# The reading some Chinese mirror sites print after a character, "國(guó)際", "締結(jié)": a reading aid, not
# text; left in, it splits names (韓國(guó)昌原市) and clauses.
_PINYIN_READING = re.compile(r"(?<=[\u3400-\u9fff])\((?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)")


def _without_reading_aids(text: str) -> str:
    return _PINYIN_READING.sub("", text)


def _language(text: str) -> str:
    try:
        return detect_language(text)
    except ExtractionError:
        return ""


def article_from_text(text: str, *, url: str = "") -> Article:
    """A pasted article: its first line is taken as the title."""
    text = _without_reading_aids((text or "").replace("\r\n", "\n").replace("\r", "\n").strip())
    if not text:
        raise SourceError(_("The article is empty."))
    title = text.split("\n", 1)[0].strip()[:300]
    return Article(text=text, title=title, url=url, published=None, language=_language(text))


def is_html(content: str) -> bool:
    head = content[:5000]
    return bool(_HTML_START.match(head)) or len(_HTML_TAGS.findall(head)) >= 3


def article_from_html(html: str, *, url: str = "") -> Article:
    """The article inside a web page, with its title and date when the page gives them."""
    import trafilatura

    document = trafilatura.bare_extraction(html, url=url or None, with_metadata=True, include_comments=False,
                                           include_tables=False)
    text = _without_reading_aids((getattr(document, "text", None) or "").strip()) if document is not None else ""
    if not text:
        raise SourceError(_("No article text was found in this web page."))
    published = None
    raw_date = getattr(document, "date", None)
    if raw_date:
        try:
            published = datetime.date.fromisoformat(str(raw_date)[:10])
        except ValueError:
            published = None
    title = (getattr(document, "title", None) or "").strip() or text.split("\n", 1)[0][:300]
    return Article(text=text, title=title, url=url, published=published, language=_language(text))


def _decode(data: bytes) -> str:
    if b"\x00" in data[:8192]:
        raise SourceError(_("This is a binary file, not a text or HTML article."))
    for encoding in ("utf-8-sig", "gb18030"):  # Chinese sites still serve GBK
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SourceError(_("This file is neither UTF-8 nor GB18030 text: it cannot be read as an article."))


def article_from_bytes(data: bytes, *, url: str = "") -> Article:
    """An uploaded or downloaded file: plain text or HTML, decided from the content."""
    if not data or not data.strip():
        raise SourceError(_("The file is empty."))
    if len(data) > MAX_BYTES:
        raise SourceError(_("The file is too large for an article (5 MB at most)."))
    content = _decode(data)
    control = sum(1 for c in content[:5000] if ord(c) < 32 and c not in "\n\r\t\f")
    if control > 10:
        raise SourceError(_("This is a binary file, not a text or HTML article."))
    if is_html(content):
        return article_from_html(content, url=url)
    return article_from_text(content, url=url)


def article_from_file(path: str | Path) -> Article:
    """A plain-text or HTML file (decided from its content, not its name)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise SourceError(_("{path} is a folder, not a file.").format(path=path)) from None
    except FileNotFoundError:
        raise SourceError(_("There is no file {path}.").format(path=path)) from None
    except OSError as error:
        raise SourceError(_("{path} cannot be read: {reason}.").format(path=path, reason=error.strerror)) from None
    return article_from_bytes(data, url="")


def article_from_url(url: str, *, timeout: float = 10) -> Article:
    """Fetch ``url`` and keep the article's text."""
    url = (url or "").strip()
    if not re.match(r"^https?://[^\s/]+", url, re.IGNORECASE):
        raise SourceError(_("“{url}” is not a web address (it must start with http:// or https://).").format(url=url))
    request = urllib.request.Request(url, headers={"User-Agent": "Urafiki newsroom"})  # noqa: S310 (scheme checked)
    try:
        # The scheme is checked above: only http and https reach urlopen.
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            data = response.read(MAX_BYTES + 1)
            charset = response.headers.get_content_charset()
    except urllib.error.HTTPError as error:
        raise SourceError(_("The page {url} could not be fetched: the server answered {status}.").format(
            url=url, status=error.code)) from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise SourceError(_("The page {url} could not be fetched: {reason}.").format(url=url, reason=reason)) from None
    if charset and charset.lower() not in {"utf-8", "utf8"}:
        with contextlib.suppress(LookupError, UnicodeDecodeError):  # a wrong header: let the bytes speak
            data = data.decode(charset).encode("utf-8")
    return article_from_bytes(data, url=url)
