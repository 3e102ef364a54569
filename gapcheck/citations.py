"""Cross-references: the provisions a national provision cites («los artículos 222 a 226 del Código
Procesal Penal», «sections 3 to 8 of this Act»), resolved to the provisions of the laws analysed.

A provision that makes one law's powers apply to another's offences implements Art 14 through what
it cites, not through its own words; the matcher reads the citations to see that. A citation of a
law that was not analysed is kept with the law's name and no provisions, so a report can say so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from gapcheck.memo import remembered
from gapcheck.model import Document, Provision
from gapcheck.text import fold

_NUM = {
    # a number as statutes print it: «5°», «225 bis», «226-A», «13.º», «4A», «269A»
    "spa": r"\d+(?:\s?[°º]|\.?º)?(?:[\s-]?(?:bis|ter|qu[aá]ter|quinquies|sexies|septies|octies|[A-Z])\b)?",
    "por": r"\d+(?:\.?[°º])?(?:-?[A-Z]\b)?",
    "eng": r"\d+[A-Z]{0,2}\b",
}
_NUM["fra"] = _NUM["spa"]
_JOIN = {"spa": r"\s*(?:,\s*(?:y\s+|e\s+|o\s+)?|\s+y\s+|\s+e\s+|\s+o\s+|\s+al?\s+|\s+hasta(?:\s+el)?\s+)",
         "por": r"\s*(?:,\s*|\s+e\s+|\s+ou\s+|\s+a\s+|\s+até\s+(?:ao\s+)?)",
         "eng": r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|\s+to\s+)",
         "fra": r"\s*(?:,\s*|\s+et\s+|\s+ou\s+|\s+à\s+)"}
_RANGE = {"spa": ("a", "al", "hasta", "hasta el"), "por": ("a", "até", "até ao"),
          "eng": ("to",), "fra": ("à",)}
# the words as printed, longest first, and no \b before them: a pattern opening with plain words is
# scanned two to three times faster (`_read` checks the word boundary)
_WORD = {"spa": r"(?:Artículos|artículos|Articulos|articulos|ARTÍCULOS|Artículo|artículo|Articulo|articulo|ARTÍCULO"
                r"|Arts\.|arts\.|Art\.|art\.)",
         "por": r"(?:Artigos|artigos|Artigo|artigo|Arts\.|arts\.|Art\.|art\.)",
         "eng": r"(?:Sections|sections|Section|section|ss\.|s\.)",
         "fra": r"(?:Articles|articles|Article|article|Art\.|art\.)"}
# the law cited: this one, or another named by its kind and title or number
_SELF = {"spa": r"(?:de\s+(?:esta|la\s+presente)\s+[Ll]ey|de\s+este\s+[Cc][óo]digo)",
         "por": r"(?:desta\s+[Ll]ei|da\s+presente\s+[Ll]ei|deste\s+[Cc][óo]digo)",
         "eng": r"(?:of\s+this\s+(?:Act|Code|Part))",
         "fra": r"(?:de\s+la\s+présente\s+[Ll]oi|du\s+présent\s+[Cc]ode)"}
# (a law may be named by what it does: «la ley que sanciona delitos informáticos», as an amending
# law names itself in the text it inserts into another, before it has a number)
_LAW = {"spa": r"(?:del?\s+(?:la\s+)?)(?P<law>C[óo]digo(?:\s+(?:de\s+|del\s+)?[A-ZÁÉÍÓÚ][\wáéíóúñ]+)+|[Ll]ey\s+N?[°º.]*\s*\d+(?:\.\d+)*|[Ll]ey\s+que(?:\s+[a-záéíóúñ]+){2,6})",
        "por": r"(?:d[oa]\s+)(?P<law>C[óo]digo(?:\s+(?:de\s+|do\s+)?[A-ZÁÉÍÓÚ][\wáéíóúãõç]+)+|Lei\s+n\.?\s*[°º]?\s*\d+(?:[./-]\d+)*|[Ll]ei\s+que(?:\s+[a-záéíóúãõç]+){2,6})",
        "eng": r"(?:of\s+the\s+)(?P<law>(?:[A-Z][\w']*\s+)(?:(?:[A-Z][\w']*|of|in|and|on)\s+){0,8}(?:Act|Code)(?:,?\s+\d{4})?)",
        "fra": r"(?:du\s+|de\s+la\s+)(?P<law>[Cc]ode(?:\s+(?:de\s+)?[a-zé]+)+|loi\s+n[°º]\s*\d+(?:-\d+)*)"}
# divisions of a law: «Título I», «Título III del Libro Segundo», «Part 2», «Chapitre II» (AKN names);
# not «párrafo», which is also a paragraph of an article («el párrafo segundo del artículo 217»)
_DIVISIONS = {
    "spa": {"título": "title", "capítulo": "chapter", "libro": "book", "parte": "part", "sección": "division"},
    "por": {"título": "title", "capítulo": "chapter", "livro": "book", "parte": "part", "secção": "division",
            "seção": "division"},
    "eng": {"part": "part", "chapter": "chapter", "division": "division", "title": "title"},
    "fra": {"titre": "title", "chapitre": "chapter", "livre": "book", "partie": "part"},
}
_ORDINALS = {  # division numbers written as words («Capítulo SEGUNDO», «Livro Primeiro»)
    **{w: n for n, ws in enumerate([("primero", "primer", "primeiro", "first", "premier", "único", "unico"),
                                   ("segundo", "second", "deuxième"), ("tercero", "terceiro", "third", "troisième"),
                                   ("cuarto", "quarto", "fourth"), ("quinto", "fifth"), ("sexto", "sixth"),
                                   ("séptimo", "sétimo", "seventh"), ("octavo", "oitavo", "eighth"),
                                   ("noveno", "nono", "ninth"), ("décimo", "tenth")], 1) for w in ws}}
_FOLDED_ORDINALS = {fold(w): n for w, n in _ORDINALS.items()}
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def _printed(words) -> str:
    """An alternation of words in lower case, capitalised and upper case, longest first."""
    return "|".join(sorted({f(w) for w in words for f in (str.lower, str.capitalize, str.upper)}, key=len, reverse=True))


@lru_cache(maxsize=4096)
def division_number(num: str) -> tuple[int, str] | None:
    """A division's number as (integer, suffix), however printed: «III», «3º», «tercero», «3» are
    (3, ""); «VII BIS» is (7, "bis")."""
    m = re.match(r"\s*(\S+?)\.?(?:\s+(bis|ter|quater))?\s*$", fold(re.sub("[°º]", "", num)))
    if not m:
        return None
    n, suffix = m.group(1), m.group(2) or ""
    if n.isdigit():
        return int(n), suffix
    if n in _FOLDED_ORDINALS:
        return _FOLDED_ORDINALS[n], suffix
    if all(c in _ROMAN for c in n):
        values = [_ROMAN[c] for c in n]
        return sum(-v if k + 1 < len(values) and v < values[k + 1] else v for k, v in enumerate(values)), suffix
    return None


# a law named outside a citation («Modifícase la ley N° 20.393»): unqualified citations after it
# are to that law (the article 1 it amends), not to the citing one
_MENTION = {"spa": r"\b(?:la\s+|el\s+)(?P<law>[Ll]ey\s+N?[°º.]*\s*\d+(?:\.\d+)*|C[óo]digo(?:\s+(?:de\s+|del\s+)?[A-ZÁÉÍÓÚ][\wáéíóúñ]+)+)",
            "por": r"\b(?:a\s+|o\s+)(?P<law>Lei\s+n\.?\s*[°º]?\s*\d+(?:[./-]\d+)*|C[óo]digo(?:\s+(?:de\s+|do\s+)?[A-ZÁÉÍÓÚ][\wáéíóúãõç]+)+)",
            "eng": r"\bthe\s+(?P<law>(?:[A-Z][\w']*\s+)(?:(?:[A-Z][\w']*|of|in|and|on)\s+){0,8}Act(?:,?\s+\d{4})?)\s+is\s+(?:hereby\s+)?amended",
            "fra": r"\b(?:la\s+|le\s+)(?P<law>loi\s+n[°º]\s*\d+(?:-\d+)*|[Cc]ode(?:\s+(?:de\s+)?[a-zé]+)+)"}


@dataclass(frozen=True)
class Citation:
    """A cross-reference in a provision's text, resolved to the top-level provisions it names."""

    words: str                 # as written: «artículos 222 a 226 del Código Procesal Penal»
    law: str                   # the law cited, as written; "" for the citing law itself
    targets: tuple[str, ...]   # refs (FRBR URI ~ eId) of the provisions cited, in the laws analysed
    at: int = 0                # where it starts in the provision's `full_text`


@lru_cache(maxsize=65536)
def _key(num: str) -> tuple[int, str] | None:
    """A provision number as (number, suffix): «225 bis» (225, 'bis'), «5°» (5, ''), «4A» (4, 'a')."""
    m = re.match(r"\s*(\d+)\s*\.?\s*-?\s*([a-z]*)", fold(re.sub("[°º]", "", num)))
    return (int(m.group(1)), m.group(2)) if m else None


# the citations read for the last few sets of documents, by provision: a re-run (an override
# changed) or the benchmark reads the same texts again; a matrix moves on, and keeps only these
_RECENT: dict[tuple, tuple[list, dict]] = {}
_RECENT_SETS = 4


class Citations:
    """Reads and resolves the citations of the provisions of a set of documents."""

    def __init__(self, documents: list[Document]):
        self.documents = documents
        self._by_uri = {d.frbr_uri: d for d in documents}
        self._by_num: dict[str, dict] = {}          # per document, made when first cited
        self._held: dict[str, list] = {}            # per document, its provisions' divisions, the same
        self._named: dict[str, Document | None] = {}
        self._memo = remembered(_RECENT, documents, dict, _RECENT_SETS)     # provision id -> (it, citations)
        lang = next((d.language for d in documents if d.language in _NUM), "eng")
        num, join = _NUM[lang], _JOIN[lang]
        self._lang = lang
        self._cite = re.compile(
            rf"{_WORD[lang]}\s+(?P<nums>{num}(?:{join}{num})*)"
            rf"(?:,?\s+(?:(?P<self>{_SELF[lang]})|{_LAW[lang]}))?")
        # the words as printed («título», «Título», «TÍTULO»), and no \b before them, as `_WORD`
        words = _printed(_DIVISIONS[lang])
        div_num = rf"(?:[IVXLC]+\b|\d+\s?[°º]?|(?:{_printed(_ORDINALS)})\b)(?:\s+(?i:bis|ter|qu[aá]ter)\b)?"
        one = rf"(?:{words})\s+{div_num}"
        self._division = re.compile(
            rf"(?P<divs>{one}(?:\s+(?:del?|of|do|da|du|de\s+la)\s+{one})*)"
            rf"(?:,?\s+(?:(?P<self>{_SELF[lang]})|{_LAW[lang]}))?")
        self._div_part = re.compile(rf"(?P<word>{words})\s+(?P<num>{div_num})")
        self._mention = re.compile(_MENTION[lang])
        self._num = re.compile(num)

    def _table(self, uri: str) -> dict:
        """A document's top-level provisions by number: (225, 'bis') -> refs."""
        if uri not in self._by_num:
            table: dict = {}
            d = self._by_uri.get(uri)
            for p in d.provisions if d is not None else []:
                k = _key(p.top_num or p.num)
                if k is not None:
                    table.setdefault(k, []).append(p.ref)
            self._by_num[uri] = table
        return self._by_num[uri]

    def document_named(self, law: str) -> Document | None:
        """The analysed document a citation names: by its number («ley N° 19.696»), else by its
        name in the document's title («Código Procesal Penal», «Criminal Procedure Act, 1977»)."""
        if law not in self._named:
            self._named[law] = self._document_named(law)
        return self._named[law]

    def _document_named(self, law: str) -> Document | None:
        name = fold(re.sub("[°º]", "", law))    # NFKD would make «nº» «no»
        # «ley N° 20.393», «Lei n.º 12.737/2012», «Ley 599 de 2000»: the number before any year
        numbered = re.match(r"(?:ley|lei|loi)\W+(?:n\W*)?(\d+(?:\.\d+)*)", name)
        if numbered:
            number = numbered.group(1).replace(".", "")
            return next((d for d in self.documents
                         if number in {x.replace(".", "") for x in re.findall(r"\d+(?:\.\d+)*", d.title)}
                         or d.frbr_uri.rstrip("/").endswith("/" + number)), None)
        # named by what it does («ley que sanciona delitos informáticos»): the words after the verb
        # are in the title («Ley 21.459 que establece normas sobre delitos informáticos …»); not
        # «la ley que modifica el Código Penal», an amending law, which is not the code it names
        described = re.match(r"(?:ley|lei)\s+que\s+(?!modific|reform|adicion|sustitu|derog|alter|acrescent|revog|introduc)"
                             r"\w+\s+(.+)", name)
        if described:
            words = [w for w in re.findall(r"\w+", described.group(1)) if len(w) > 3]
            return next((d for d in self.documents
                         if words and all(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", fold(d.title)) for w in words)),
                        None)
        # a year printed after the name is not part of it: titles print it, or not, in their way
        name = re.sub(r",?\s+\d{4}$", "", name)
        return next((d for d in self.documents if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", fold(d.title))), None)

    def _expand(self, nums: str, uri: str) -> list[str]:
        """The refs of the provisions «222 a 226», «1°, 2° y 7°», «3 to 8» name in document `uri`."""
        table = self._table(uri)
        out: list[str] = []
        spans = list(self._num.finditer(nums))
        for k, m in enumerate(spans):
            key = _key(m.group(0))
            if key is None:
                continue
            between = nums[spans[k - 1].end():m.start()].strip(" ,").lower() if k else ""
            prev = _key(spans[k - 1].group(0)) if k else None
            if prev is not None and between in _RANGE[self._lang] and prev[0] < key[0]:
                # a range takes every number between, with its «bis» and lettered insertions
                for (n, suffix), refs in table.items():
                    if prev < (n, suffix) and (n < key[0] or (n == key[0] and suffix <= key[1])):
                        out += [r for r in refs if r not in out]
            out += [r for r in table.get(key, []) if r not in out]
        return out

    def of(self, provision: Provision) -> list[Citation]:
        """The citations in a provision's text (with its sub-provisions), in reading order."""
        hit = self._memo.get(id(provision))
        if hit is not None and hit[0] is provision:
            return hit[1]
        out = self._read(provision)
        self._memo[id(provision)] = (provision, out)     # kept with it: its id is not reused meanwhile
        return out

    def _read(self, provision: Provision) -> list[Citation]:
        text = provision.full_text
        mentions = None          # the laws named outside citations: looked for when needed
        found = [(m, lambda m, uri: self._expand(m.group("nums"), uri)) for m in self._cite.finditer(text)] + \
            [(m, lambda m, uri: self._in_divisions(m.group("divs"), uri)) for m in self._division.finditer(text)]
        # whole words only («Departamento» is no «parte», «bus.» no «s.»)
        found = sorted(((m, r) for m, r in found if not (m.start() and text[m.start() - 1].isalnum())),
                       key=lambda x: x[0].start())
        out = []
        for m, resolve in found:
            if m.group("self"):
                law, uri = "", provision.document
            elif m.groupdict().get("law"):
                law = " ".join(m.group("law").split())
                d = self.document_named(law)
                uri = d.frbr_uri if d is not None else ""
            else:
                # unqualified: the law last named before it, else the citing law
                if mentions is None:
                    # (an English law is mentioned as amended: without the word, no scan)
                    mentions = [] if self._lang == "eng" and "amended" not in text else \
                        [(x.start(), " ".join(x.group("law").split())) for x in self._mention.finditer(text)]
                before = [name for at, name in mentions if at < m.start()]
                law = before[-1] if before else ""
                d = self.document_named(law) if law else None
                uri = provision.document if not law else (d.frbr_uri if d is not None else "")
            targets = tuple(r for r in (resolve(m, uri) if uri else []) if r != provision.ref)
            out.append(Citation(words=" ".join(m.group(0).split()), law=law, targets=targets, at=m.start()))
        return out

    def _in_divisions(self, divs: str, uri: str) -> list[str]:
        """The refs of the top-level provisions in the division «Título I», «Título III del Libro
        Segundo» names in document `uri`; none when the document does not mark every level cited."""
        cited = set()
        for m in self._div_part.finditer(divs):
            n = division_number(m.group("num"))
            if n is None:
                return []
            cited.add((_DIVISIONS[self._lang][m.group("word").lower()], n))
        held = self._divisions(uri)
        if not any(held):
            return []
        inside = [cited <= h for h in held]
        # a division is one run of provisions; two runs are two divisions of that number in
        # levels the document does not mark (a code's Título IV in each of its Libros): which one
        # is cited is not known
        runs = sum(1 for k, x in enumerate(inside) if x and (k == 0 or not inside[k - 1]))
        return [p.ref for p, x in zip(self._by_uri[uri].provisions, inside) if x] if runs == 1 else []

    def _divisions(self, uri: str) -> list[frozenset]:
        """Per top-level provision of document `uri`, the divisions holding it as (AKN name, number)."""
        if uri not in self._held:
            d = self._by_uri.get(uri)
            self._held[uri] = [frozenset((name, division_number(num)) for name, num in p.divisions)
                               for p in (d.provisions if d is not None else [])]
        return self._held[uri]
