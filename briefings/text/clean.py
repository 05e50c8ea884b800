"""Clean untrusted article text: strip markup, unescape entities, drop control and bidi characters, NFC."""

from __future__ import annotations

import hashlib
import html
import html.entities
import re
import unicodedata
from html.parser import HTMLParser

# C0/C1 controls except tab and newline, bidi embeddings/overrides/isolates, zero-width and BOM.
_DROP: dict[int, str | None] = {c: None for c in range(0x20) if c not in (0x09, 0x0A)}
_DROP.update({c: None for c in range(0x7F, 0xA0)})
_DROP.update({c: None for c in (0x200B, 0x200E, 0x200F, 0x2028, 0x2029, 0xFEFF)})
_DROP.update({c: None for c in range(0x202A, 0x202F)})
_DROP.update({c: None for c in range(0x2066, 0x206A)})
_DROP[0x0D] = "\n"
_DROP[0xA0] = " "
# Lone surrogates (a JSON "\ud800" escape) cannot be stored as UTF-8: each becomes U+FFFD, as browsers decode them.
_DROP.update({c: "\ufffd" for c in range(0xD800, 0xE000)})

_DROP_CHARS = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_DROP)) + "]")
_TAG = re.compile(r"<[A-Za-z/!?]")
_LINE_EDGES = re.compile(r" *\n *")
_SPACES = re.compile(r"[ \t\f\v]{2,}|[\t\f\v]")
_BLANK_LINES = re.compile(r"\n\s*\n+")
_WORDS = re.compile(r"\w+")
_ASCII_WORD_BYTES = bytes(c if chr(c).isalnum() or c == ord("_") else 32 for c in range(128)) + b" " * 128
r"""``\w`` on ASCII text is [A-Za-z0-9_]: every other byte becomes a space (a table lookup, not a regex scan)."""

_BLOCK_TAGS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 tr table blockquote section article header footer pre hr figure"
    " figcaption dd dt".split()
)
_SKIP_TAGS = frozenset(("script", "style", "noscript", "template", "head", "iframe", "svg"))


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _SKIP_TAGS:
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def _visible(markup: str) -> str:
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    return "".join(parser.parts)


def strip_html(text: str) -> str:
    """Return the visible text of an HTML fragment, block elements becoming line breaks. Markup escaped once more
    (``&lt;p&gt;``, common in feeds whose HTML was escaped twice, or CDATA around escaped tags) is markup too: a
    second pass strips what the first one revealed. References to entities nobody defined (``&lol9;`` of an
    expansion attack) are dropped."""
    if not _TAG.search(text):
        text = html.unescape(text) if "&" in text else text
        if not _HTML_ELEMENT.search(text):  # "a &lt;here&gt;" is prose about a tag: kept
            return _UNDEFINED_ENTITY.sub(_defined_only, text) if "&" in text else text
    text = _visible(text)
    if _HTML_ELEMENT.search(text):  # markup escaped inside markup (CDATA, a double escape): one more pass
        text = _visible(text)
    if "&" in text:
        text = _UNDEFINED_ENTITY.sub(_defined_only, text)
    return text


_HTML_ELEMENTS = (
    "a abbr address area article aside audio b base bdi bdo blockquote body br button canvas caption cite code col"
    " colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset figcaption figure font footer form"
    " frame frameset h1 h2 h3 h4 h5 h6 head header hr html i iframe img input ins kbd label legend li link main map"
    " mark marquee math meta meter nav noscript object ol optgroup option output p param picture pre progress q rp"
    " rt ruby s samp script section select small source span strike strong style sub summary sup svg table tbody td"
    " template textarea tfoot th thead time title tr track tt u ul var video wbr xml"
).split()
_HTML_ELEMENT = re.compile(r"</?(?:" + "|".join(_HTML_ELEMENTS) + r")\b", re.IGNORECASE)
"""Escaped markup is stripped only when what unescaping reveals is an HTML element (the WHATWG list, plus the
legacy ones feeds still carry), so prose that mentions "<here>" or "<3" keeps it."""

_UNDEFINED_ENTITY = re.compile(r"&([A-Za-z][A-Za-z0-9]{1,31});")


def _defined_only(match: re.Match[str]) -> str:
    return match.group(0) if match.group(1) + ";" in html.entities.html5 else ""


def clean_text(text: str, *, markup: bool = False) -> str:
    """Normalise untrusted text: optional HTML stripping, entities, controls, bidi, NFC, whitespace."""
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    if markup:
        text = strip_html(text)
    elif "&" in text:
        text = html.unescape(text)
    if _DROP_CHARS.search(text):
        text = text.translate(_DROP)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if "  " in text or "\t" in text or "\f" in text or "\v" in text:
        text = _SPACES.sub(" ", text)
    if "\n" in text:
        text = _BLANK_LINES.sub("\n\n", _LINE_EDGES.sub("\n", text))
    return text.strip()


def clean_input(text: str) -> str:
    """Text a person typed (a command's arguments): the controls, bidi overrides and zero-width characters that
    could reorder or hide what a reply echoes are dropped, NFC; no markup or entities are interpreted."""
    if _DROP_CHARS.search(text):
        text = text.translate(_DROP)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


def clean_line(text: str, *, markup: bool = False) -> str:
    """Like :func:`clean_text`, folded onto one line (titles, outlet names)."""
    return " ".join(clean_text(text, markup=markup).split())


def words(text: str) -> list[str]:
    """Lower-case word tokens."""
    return _WORDS.findall(text.lower())


def word_string(text: str) -> str:
    """The text's lower-case words joined by single spaces (punctuation and spacing dropped)."""
    if text.isascii():  # most news text: the same words as the regex, about a third faster
        return b" ".join(text.lower().encode("ascii").translate(_ASCII_WORD_BYTES).split()).decode("ascii")
    return " ".join(_WORDS.findall(text.lower()))


def content_hash(title: str, body: str, joined: str | None = None) -> str:
    """Hash of the normalised text: equal for copies that differ only in case, spacing or punctuation.

    ``joined`` may pass ``word_string(body)`` when the caller already has it."""
    if joined is None:
        joined = word_string(body)
    return hashlib.sha256((joined or word_string(title)).encode("utf-8")).hexdigest()


_STOPWORDS = {
    "en": frozenset("the and of to in is that for on with was as by at from it said has have are were be this".split()),
    "de": frozenset("der die und das ist nicht mit den von zu auf ein eine sich des dem im für auch wird".split()),
    "fr": frozenset("le la les et des est pour une dans que qui sur du au pas par avec sont été".split()),
    "es": frozenset("el la los las y que de en por con para una es del se al fue como más".split()),
    "it": frozenset("il lo la gli le di che è per una del della con non sono nel alla".split()),
    "pt": frozenset("o os as e que de em para com uma não foi do da dos das pelo".split()),
    "nl": frozenset("de het een en van is dat op niet met voor zijn ook aan door".split()),
    "ru": frozenset("и в не на что с по как это из за от для его он она был".split()),
    "uk": frozenset("і в не на що з як це до за від для його він вона був та".split()),
}


def guess_language(text: str, joined: str | None = None) -> str | None:
    """A two-letter language code from the stop words among the first words, or None when none stands out."""
    sample = (joined if joined is not None else word_string(text[:1000])).split(" ", 150)[:150]
    if len(sample) < 8:
        return None
    present = set(sample)
    scores = {lang: len(stop & present) for lang, stop in _STOPWORDS.items()}
    lang, best = max(scores.items(), key=lambda item: item[1])
    return lang if best >= 3 else None


def normalise_language(code: str | None) -> str | None:
    """``en-US`` → ``en``; None for empty or implausible codes."""
    if not code:
        return None
    code = code.strip().lower().replace("_", "-").split("-")[0]
    return code if 2 <= len(code) <= 3 and code.isalpha() else None
