"""HTML reader: the article's main text and metadata, via trafilatura."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import lxml.etree
import lxml.html
import trafilatura
from trafilatura.settings import Document as Extracted

from peristiwa.ingest.checks import error, finish, iso_published, lang_code
from peristiwa.ingest.text import BINARY_MESSAGE, decode_bytes, looks_binary, read_file_bytes
from peristiwa.types import Document, DocumentError

_META_CHARSET = re.compile(
    rb"""<(?:meta[^>]+charset|\?xml[^>]+encoding)\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_TAG = re.compile(r"<[A-Za-z]")
_SPACES = re.compile(r"[ \t\f\v\u00a0\u200b]+")
_BLANK_LINES = re.compile(r"\n{2,}")
# Elements whose text is never the article: code, styling, embedded media, page furniture.
_DROP_TAGS = frozenset({"script", "style", "noscript", "template", "iframe", "object", "svg", "head"})
_PAGE_FURNITURE = frozenset({"nav", "header", "footer", "aside", "form", "button", "select"})
_BLOCK_TAGS = frozenset({
    "p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "pre", "table", "tr", "td", "th", "section", "article", "main", "figure",
    "figcaption", "hr", "address", "body", "html",
})
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# trafilatura takes minutes over millions of elements (``<p>`` repeated); a news page has a few
# thousand. Past this many, the page's visible text (furniture dropped) is read instead.
MAX_ELEMENTS = 100_000
_PUBLISHED_XPATH = (
    '//meta[@property="article:published_time" or @name="article:published_time"'
    ' or @itemprop="datePublished" or @name="pubdate" or @name="publishdate"]/@content'
)


def html_fragment_to_text(fragment: str, *, drop: frozenset[str] = frozenset()) -> str:
    """Return the visible text of an HTML fragment, one line per block element.

    Script, style and embedded objects are dropped, and the extra tags in ``drop``.
    Safe for untrusted input: nothing is fetched or executed.
    """
    if not fragment.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return ""
    return _tree_text(root, drop=drop)


def _tree_text(root: lxml.html.HtmlElement, *, drop: frozenset[str]) -> str:
    parts: list[str] = []
    _walk(root, parts, _DROP_TAGS | drop)
    return _tidy("".join(parts))


def _walk(el: lxml.etree._Element, parts: list[str], drop: frozenset[str]) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""  # comments and processing instructions
    if tag and tag.lower() not in drop:
        block = tag.lower() in _BLOCK_TAGS
        if block:
            parts.append("\n")
        if el.text:
            parts.append(el.text)
        for child in el:
            _walk(child, parts, drop)
        if block:
            parts.append("\n")
    if el.tail:
        parts.append(el.tail)


def _tidy(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return _BLANK_LINES.sub("\n", "\n".join(line for line in lines if line)).strip()


def decode_html(data: bytes, *, declared: str | None = None) -> str:
    """Decode an HTML page: the HTTP charset, else the page's meta or XML charset, else sniffing."""
    if not declared:
        match = _META_CHARSET.search(data[:4096])
        declared = match.group(1).decode("ascii") if match else None
    return decode_bytes(data, declared=declared)[0]


def html_to_document(data: bytes | str, *, doc_id: str, max_bytes: int, url: str | None = None,
                     declared: str | None = None, where: str | None = None) -> Document | DocumentError:
    """Extract the article of an HTML page: text, title, date, site name and language.

    trafilatura drops navigation, ads, related-article blocks and footers. When it finds
    no article (a very short or unusual page), the page's visible text without its page
    furniture is used instead, so that no readable document is lost.
    """
    if isinstance(data, bytes):
        if looks_binary(data):
            return error(doc_id, BINARY_MESSAGE, where=where)
        data = decode_html(data, declared=declared)
    if not data.strip():
        return error(doc_id, "empty document", where=where)
    tree = _load_html(data)
    if tree is None:
        return error(doc_id, "not an HTML page", where=where)
    # The HTML parser keeps ``xml:lang`` as a plain attribute name; an XML parser would not.
    lang = lang_code(tree.get("lang") or tree.get("xml:lang") or tree.get(_XML_LANG))
    page_title = _page_title(tree)
    meta_times = [str(value) for value in tree.xpath(_PUBLISHED_XPATH)]
    # bare_extraction prunes the tree it is given, so everything above is read first. It keeps the
    # text of <iframe> and <noscript> (fallback content, ads): code and embeds go before it runs.
    lxml.etree.strip_elements(tree, *(_DROP_TAGS - {"head"}), with_tail=False)
    found = None
    if sum(1 for _ in tree.iter()) <= MAX_ELEMENTS:
        found = trafilatura.bare_extraction(tree, url=url, with_metadata=True, include_comments=False)
    meta: dict[str, Any] = found.as_dict() if isinstance(found, Extracted) else found or {}
    text: str = meta.get("text") or ""
    title = meta.get("title") or page_title
    if not text.strip():
        fresh = _load_html(data)
        text = _tree_text(fresh, drop=_PAGE_FURNITURE) if fresh is not None else ""
    text = _drop_title_line(text, title)
    doc = Document(id=doc_id, text=text, title=title or None,
                   published=_published(meta.get("date"), meta_times), url=url or meta.get("url") or None,
                   source=meta.get("sitename") or meta.get("hostname") or None, lang=lang)
    return finish(doc, max_bytes=max_bytes, where=where)


def _load_html(data: str) -> lxml.html.HtmlElement | None:
    """Parse a page with trafilatura, else with lxml: trafilatura refuses a bare fragment
    (``<div><p>…</p></div>``), whose root has only one child."""
    tree = trafilatura.load_html(data)
    if tree is not None or not _TAG.search(data):  # text without a tag is no page
        return tree
    try:
        return lxml.html.document_fromstring(data)
    except (lxml.etree.ParserError, ValueError):
        return None


def _page_title(tree: lxml.html.HtmlElement) -> str | None:
    titles = tree.xpath("//title")
    if not titles:
        return None
    title = _SPACES.sub(" ", titles[0].text_content()).strip()
    return title or None


def _drop_title_line(text: str, title: str | None) -> str:
    """Drop the headline trafilatura repeats as the body's first line: it is the ``title``."""
    if not title:
        return text
    first, _, rest = text.partition("\n")
    if _SPACES.sub(" ", first).strip() == _SPACES.sub(" ", title).strip() and rest.strip():
        return rest.lstrip("\n")
    return text


def _published(day: str | None, meta_times: list[str]) -> str | None:
    """Prefer the page's full publication datetime when it agrees with trafilatura's day."""
    day = iso_published(day)
    for value in meta_times:
        stamp = iso_published(value)
        if stamp and (day is None or stamp[:10] == day):
            return stamp
    return day


def read_html_file(path: Path, *, max_bytes: int) -> Document | DocumentError:
    """Read a ``.html``/``.htm`` file; its id is the file name."""
    data = read_file_bytes(path, doc_id=path.name, max_bytes=max_bytes)
    if isinstance(data, DocumentError):
        return data
    return html_to_document(data, doc_id=path.name, max_bytes=max_bytes, where=str(path))
