"""Bytes → str, and str → the normalised text that is analysed.

Decoding: BOM (UTF-8/16/32) → BOM-less UTF-16 told by its NUL pattern → strict
UTF-8 → a charset the file declares (HTML ``<meta charset>``) → cp1252, where the five
bytes cp1252 leaves undefined are read as Latin-1 (so this step cannot fail).

Normalisation (``normalize``): line ends to ``\\n``; control characters dropped
(tab → space, form feed and other line separators → newline); invisible format
characters (zero-width, bidi controls, soft hyphen, BOM…) dropped so that they
never split a word; NFC; every kind of space → " "; runs of spaces collapsed;
spaces around newlines dropped; at most one blank line in a row; stripped.

Also here: the headline rule for plain text, the markdown stripper, truncation,
and the English heuristic — everything that works on text whatever the file kind.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from . import limits

# The text of an article with a headline is ``title + TITLE_SEPARATOR + body``
# (model.Article: "headline, blank line, body").
TITLE_SEPARATOR = "\n\n"

# ---------------------------------------------------------------- decoding

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same 2 bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


_LATIN1_FALLBACK = "actorgraph-latin1"


def _latin1_for_undefined(err: UnicodeError) -> tuple[str, int]:
    assert isinstance(err, UnicodeDecodeError)
    return err.object[err.start:err.end].decode("latin-1"), err.end


codecs.register_error(_LATIN1_FALLBACK, _latin1_for_undefined)


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    exact: bool  # True when told by a BOM, the UTF-16 pattern or valid UTF-8; False for a guess


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' when the bytes look like mostly-ASCII UTF-16, else None."""
    sample = data[:4096]
    half = len(sample) // 2
    if half < 2:
        return None
    even_nul = sample[0::2].count(0)
    odd_nul = sample[1::2].count(0)
    if odd_nul >= 0.4 * half and even_nul <= 0.05 * half:
        return "utf-16-le"
    if even_nul >= 0.4 * half and odd_nul <= 0.05 * half:
        return "utf-16-be"
    return None


def _usable_codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip().lower()).name
    except (LookupError, ValueError):
        return None
    if codec.startswith(("utf-16", "utf-32", "utf_16", "utf_32")):
        return None  # a declaration in ASCII cannot be right about a 2/4-byte encoding
    if codec in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"  # what browsers do with these labels
    return codec


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded:
    """Decode ``data``; never fails (Latin-1 is the last resort)."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return Decoded(data[len(bom):].decode(enc, errors="replace"), enc, True)
    utf16 = _utf16_without_bom(data)
    if utf16:
        return Decoded(data[: len(data) // 2 * 2].decode(utf16, errors="replace"), utf16, True)
    try:
        return Decoded(data.decode("utf-8"), "utf-8", True)
    except UnicodeDecodeError:
        pass
    codec = _usable_codec(declared)
    if codec and codec not in ("utf-8", "cp1252"):
        try:
            return Decoded(data.decode(codec), codec, False)
        except (UnicodeError, LookupError, ValueError, TypeError):
            # Any class: "idna" raises a bare UnicodeError, "undefined" always fails,
            # and a text-only codec ("rot13") refuses bytes. The declaration was wrong.
            pass
    # cp1252, with Latin-1 for the 5 bytes cp1252 leaves undefined (0x81 0x8D 0x8F 0x90
    # 0x9D; they become C1 controls, which normalize drops): one stray byte must not turn
    # every smart quote of the file into a control character, as a whole-file Latin-1
    # fallback would.
    return Decoded(data.decode("cp1252", errors=_LATIN1_FALLBACK), "cp1252", False)


_BAD_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")
_NON_ASCII = re.compile("[^\x00-\x7f]")


def looks_binary(decoded: Decoded) -> bool:
    """True when decoded text is really binary data (or text in an encoding we cannot tell)."""
    sample = decoded.text[:65536]
    if not sample:
        return False
    bad = len(_BAD_CHARS.findall(sample))
    if bad > 0.05 * len(sample):
        return True
    if not decoded.exact and len(_NON_ASCII.findall(sample)) > 0.3 * len(sample):
        return True  # cp1252/Latin-1 guess that is mostly accented letters: not Western text
    return False


# ---------------------------------------------------------------- normalising

# Invisible format characters (Unicode category Cf, as of Unicode 15): zero-width
# space/joiners, word joiner, BOM, bidi embeddings/isolates/marks, soft hyphen…; also
# U+FFFC (object replacement: an image placeholder in extracted text).
_INVISIBLE = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffc"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
    "\ud800-\udfff]"  # lone surrogates (only possible in str given by a caller)
)
_LINE_BREAKS = re.compile("\r\n?|[\x0b\x0c\x85\u2028]")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
_SPACES = re.compile("[\t \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_SPACE_AROUND_NL = re.compile(" ?\n ?")
_BLANK_LINES = re.compile("\n{3,}")


def normalize(text: str) -> str:
    """The normalised form of ``text`` (see the module docstring)."""
    text = _LINE_BREAKS.sub("\n", text)
    text = text.replace("\u2029", "\n\n")
    text = _CONTROLS.sub("", text)
    text = _INVISIBLE.sub("", text)
    text = unicodedata.normalize("NFC", text)
    text = _SPACES.sub(" ", text)
    text = _SPACE_AROUND_NL.sub("\n", text)
    text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()


def one_line(text: str) -> str:
    """Normalised, on a single line (titles)."""
    return " ".join(normalize(text).split())


# ---------------------------------------------------------------- headline

def first_line_title(text: str) -> str:
    """The first line of normalised ``text`` when it reads as a headline, else "".

    A headline is short (<= MAX_TITLE_CHARS), contains a letter, does not end like a
    sentence or clause (. , ; :) and is followed by more text.
    """
    first, _, rest = text.partition("\n")
    first = first.strip()
    if not rest.strip() or not first or len(first) > limits.MAX_TITLE_CHARS:
        return ""
    if first.rstrip("\"'\u201d\u2019)]")[-1:] in (".", ",", ";", ":", ""):
        return ""
    if not any(c.isalpha() for c in first):
        return ""
    return first


_JUNK_TITLE = re.compile(
    r"(?:untitled(?: document)?|document ?\d*|new document|doc\d+|title|print|slide ?\d*"
    r"|microsoft (?:word|powerpoint|excel)\b.*|(?:word|powerpoint) (?:document|presentation)"
    r"|.*\.(?:docx?|pdf|rtf|odt|indd|tex|dvi|ps|qxd|txt|html?))",
    re.I,
)


def junk_title(title: str) -> bool:
    """True for document-property titles that are not headlines ("Microsoft Word -
    draft3.docx", "Untitled", "Document1", "Slide 1")."""
    t = " ".join(title.split())
    return (len(t) < 4 or len(t) > 300 or not any(c.isalpha() for c in t)
            or bool(_JUNK_TITLE.fullmatch(t)))


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def compose(title: str, body: str) -> tuple[str, str]:
    """(text, title): ``text`` starts with the title when there is one.

    ``body`` is normalised; if it already begins with the title line, that line is not
    repeated.
    """
    title = one_line(title)
    body = normalize(body)
    if not title:
        return body, ""
    first, _, rest = body.partition("\n")
    if _same(first, title):
        body = rest.strip("\n")
    return (title + TITLE_SEPARATOR + body if body else title), title


# ---------------------------------------------------------------- truncation

_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s")


def truncate(text: str, max_chars: int, total: int | None = None) -> tuple[str, str | None]:
    """Cut ``text`` to at most ``max_chars`` at a paragraph, line, sentence or word end.

    Returns the kept text and, when cut, the notice for the user (``total``: the length
    to report as the whole, when the text given is itself a part).
    """
    if len(text) <= max_chars:
        return text, None
    head = text[:max_chars]
    floor = max_chars // 2
    cut = head.rfind("\n\n")
    if cut < floor:
        cut = head.rfind("\n")
    if cut < floor:
        ends = [m.end() for m in _SENTENCE_END.finditer(head, floor)]
        cut = ends[-1] if ends else -1
    if cut < floor:
        cut = head.rfind(" ")
    if cut < floor:
        cut = max_chars
    kept = head[:cut].rstrip()
    whole = max(total or 0, len(text))
    notice = f"Only the first {len(kept):,} characters of {whole:,} were analysed."
    return kept, notice


_SYMBOL_RUN = re.compile(r"[^\w\s]{2,}|_{2,}")
_TOKEN = re.compile(r"[^\W_]+|\S")


def cut_symbol_runs(text: str) -> tuple[str, str | None]:
    """Cut every run of more than MAX_SYMBOL_RUN symbols to its first SYMBOL_RUN_KEEP.

    spaCy's tokenizer takes time quadratic in such a run ("((((…", "([{\"…"): 5,000
    characters take seconds, 200,000 an hour. Returns the text and, when cut, a notice.
    """
    longest = limits.MAX_SYMBOL_RUN
    cut = 0

    def shorten(m: re.Match[str]) -> str:
        nonlocal cut
        run = m.group(0)
        if len(run) <= longest:
            return run
        cut += 1
        return run[: limits.SYMBOL_RUN_KEEP]

    out = _SYMBOL_RUN.sub(shorten, text)
    if not cut:
        return text, None
    return out, (f"{cut:,} run{'s' if cut != 1 else ''} of more than {longest} symbols in a row "
                 f"{'were' if cut != 1 else 'was'} shortened to {limits.SYMBOL_RUN_KEEP} "
                 "characters before analysis.")


def cap_tokens(text: str, max_tokens: int) -> tuple[str, str | None]:
    """Cut ``text`` after about ``max_tokens`` words and symbols (at a word end), with a notice."""
    n = 0
    for m in _TOKEN.finditer(text):
        n += 1
        if n > max_tokens:
            kept, _ = truncate(text, m.start())
            total = n + sum(1 for _ in _TOKEN.finditer(text, m.end()))
            return kept, (f"Only the first {max_tokens:,} words and symbols of {total:,} "
                          "were analysed.")
    return text, None


# ---------------------------------------------------------------- language

NOT_ENGLISH_NOTICE = (
    "This text does not look like English; ActorGraph analyses English only, "
    "so few or no actors may be found."
)
_FUNCTION_WORDS = frozenset(
    "the of and to is that for with was by it said at from he his her she are were be has "
    "have had this which not or but they their its will after who been would there we you "
    "than also into over about against".split()
)
# Frequent short words of other Latin-script languages (French, Spanish, Portuguese,
# Italian, German, Dutch, Scandinavian, Polish, Turkish, Indonesian/Malay, Tagalog,
# Swahili, Vietnamese) that are not English words.
_OTHER_WORDS = frozenset(
    "le la les des du et est une un dans pour qui que pas sur au aux avec ce cette sont ont "
    "par plus ou mais leur été selon "
    "el los las del y es una por con para se su sus al lo como más pero fue según ha han desde "
    "os da do das dos é um uma em no na não pelo pela ao foi "
    "il gli della di è che per non dei nel alla sono hanno anche più "
    "der die das und ist nicht ein eine zu den dem mit von sich auf für im auch sie wird "
    "werden hat haben nach bei aus wie oder "
    "de het een en van niet dat op te zijn voor door ook als maar bij naar "
    "och att det som på är för med til af og ikke er "
    "się nie jest że jak oraz "
    "ve bir bu ile için olarak daha çok gibi "
    "yang dan di ini itu dengan untuk dari dalam tidak akan pada juga ke oleh ada "
    "ang ng sa mga "
    "ya wa kwa za "
    "và của là các những được trong có".split()
)
_WORD = re.compile(r"[^\W\d_]+")


def _is_latin_letter(c: str) -> bool:
    o = ord(c)
    return o < 0x250 or 0x1E00 <= o <= 0x1EFF or 0xFF21 <= o <= 0xFF5A


def looks_english(text: str) -> bool:
    """Cheap guess: False when the text is mostly in a non-Latin script, or when it has
    more of the common short words of other Latin-script languages than of English.

    Texts without such evidence (fewer than 40 words, lists of names, headline digests)
    count as English, so the notice is shown only when the language is clearly another.
    """
    sample = text[:20_000]
    letters = [c for c in sample if c.isalpha()]
    if not letters:
        return True
    latin = sum(1 for c in letters if _is_latin_letter(c))
    if latin < 0.5 * len(letters):
        return False
    words = _WORD.findall(sample.casefold())
    if len(words) < 40:
        return True
    english = sum(1 for w in words if w in _FUNCTION_WORDS)
    other = sum(1 for w in words if w in _OTHER_WORDS)
    return not (other >= 0.08 * len(words) and other > english)


# ---------------------------------------------------------------- markdown

_MD_FENCE = re.compile(r"^(`{3,}|~{3,})")
_MD_HR = re.compile(r"^ {0,3}([-*_])(?: *\1){2,} *$")
_MD_SETEXT = re.compile(r"^ {0,3}(=+|-+) *$")
_MD_HEADING = re.compile(r"^ {0,3}(#{1,6})(?: +(.*?))?(?: +#+)? *$")
_MD_LINKDEF = re.compile(r"^ {0,3}\[[^\[\]\n]{1,300}\]: *\S")
_MD_TABLE_RULE = re.compile(r"^ *\|? *:?-+:? *(?:\| *:?-+:? *)+\|? *$")
_MD_QUOTE = re.compile(r"^ {0,3}(?:> ?)+")
_MD_ITEM = re.compile(r"^ *(?:[-*+]|\d{1,9}[.)]) +(.*)$")

# Inline rules. Every repeated class excludes its own opening delimiter, so a
# hostile line ("[[[[…", "****…") is scanned in linear time.
_MD_INLINE = (
    (re.compile(r"!\[[^\[\]\n]{0,300}\]\([^()\s]{0,2000}(?: +\"[^\"\n]{0,300}\")?\)"), ""),
    (re.compile(r"!\[[^\[\]\n]{0,300}\]\[[^\[\]\n]{0,100}\]"), ""),
    (re.compile(r"\[([^\[\]\n]{0,300})\]\([^()\s]{0,2000}(?: +\"[^\"\n]{0,300}\")?\)"), r"\1"),
    (re.compile(r"\[([^\[\]\n]{1,300})\]\[[^\[\]\n]{0,100}\]"), r"\1"),
    (re.compile(r"<(?:https?|ftp|mailto):[^<>\s]{1,2000}>"), ""),
    (re.compile(r"</?[A-Za-z][^<>\n]{0,1000}>"), ""),
    (re.compile(r"`([^`\n]{1,1000})`"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)([^*_\n]{1,1000}?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]{1,1000}?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=[^\s_])([^_\n]{1,1000}?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"~~(?=\S)([^~\n]{1,1000}?)(?<=\S)~~"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<])"), r"\1"),
)
_MD_RAW_BLOCK = re.compile(r"<(script|style)\b", re.I)


def _drop_comments(text: str) -> str:
    """Drop HTML comments (to the end when unclosed, as browsers do), in linear time."""
    out: list[str] = []
    pos = 0
    while True:
        i = text.find("<!--", pos)
        if i < 0:
            out.append(text[pos:])
            break
        out.append(text[pos:i])
        j = text.find("-->", i + 4)
        if j < 0:
            break
        pos = j + 3
    return "".join(out)


_MD_RAW_END = {"script": re.compile(r"</script\s*>", re.I),
               "style": re.compile(r"</style\s*>", re.I)}


def _drop_raw_blocks(text: str) -> str:
    """Drop HTML comments and <script>/<style> blocks embedded in markdown."""
    if "<!--" in text:
        text = _drop_comments(text)
    if not _MD_RAW_BLOCK.search(text):
        return text
    out: list[str] = []
    pos = 0
    while True:
        m = _MD_RAW_BLOCK.search(text, pos)
        if not m:
            out.append(text[pos:])
            break
        out.append(text[pos:m.start()])
        end = _MD_RAW_END[m.group(1).lower()].search(text, m.end())
        if not end:
            break
        pos = end.end()
    return "".join(out)


def _md_inline(s: str) -> str:
    for pattern, repl in _MD_INLINE:
        s = pattern.sub(repl, s)
    return s


def strip_markdown(text: str) -> tuple[str, str]:
    """(title, prose) of markdown ``text`` (already line-normalised).

    The title is the YAML front-matter ``title:``, else a first block that is a heading,
    else "" (the caller may still apply the first-line rule).
    """
    text = _drop_raw_blocks(text)
    lines = text.split("\n")
    title = ""
    start = 0
    if lines and lines[0].strip() == "---":  # YAML front matter
        for n in range(1, min(len(lines), 200)):
            if lines[n].strip() in ("---", "..."):
                for fm in lines[1:n]:
                    key, sep, value = fm.partition(":")
                    if sep and key.strip().lower() == "title":
                        title = value.strip().strip("\"'")
                start = n + 1
                break

    blocks: list[tuple[str, str]] = []  # (kind, text): kind is "h" (heading) or "p"
    para: list[str] = []
    fence = ""

    def flush() -> None:
        if para:
            blocks.append(("p", " ".join(para)))
            para.clear()

    for line in lines[start:]:
        s = line.strip()
        if fence:
            if s.startswith(fence):
                fence = ""
            continue
        m = _MD_FENCE.match(s)
        if m:
            flush()
            fence = m.group(1)[0] * 3
            continue
        if not s:
            flush()
            continue
        if para and _MD_SETEXT.match(line):
            blocks.append(("h", " ".join(para)))
            para.clear()
            continue
        if _MD_HR.match(line) or _MD_TABLE_RULE.match(line) or _MD_LINKDEF.match(line):
            flush()
            continue
        m = _MD_HEADING.match(line)
        if m:
            flush()
            if m.group(2):
                blocks.append(("h", m.group(2)))
            continue
        s = _MD_QUOTE.sub("", line).strip()
        if not s:
            flush()
            continue
        m = _MD_ITEM.match(s)
        if m:
            flush()
            para.append(m.group(1))
            continue
        if s.startswith("|"):
            flush()
            cells = [c.strip() for c in s.strip("|").split("|")]
            blocks.append(("p", " ; ".join(c for c in cells if c)))
            continue
        para.append(s)
    flush()

    out = [(kind, normalize(_md_inline(b))) for kind, b in blocks]
    out = [(kind, b) for kind, b in out if b]
    if not title and out and out[0][0] == "h":
        title = out.pop(0)[1]
    return title, "\n\n".join(b for _, b in out)
