"""Cross-references: the provisions a national provision cites («los artículos 222 a 226 del Código
Procesal Penal», «sections 3 to 8 of this Act»), resolved to the provisions of the laws analysed.

A provision that makes one law's powers apply to another's offences implements Art 14 through what
it cites, not through its own words; the matcher reads the citations to see that. A citation of a
law that was not analysed is kept with the law's name and no provisions, so a report can say so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
_WORD = {"spa": r"\b(?:[Aa]rt[íi]culos?|ARTÍCULOS?|[Aa]rts?\.)", "por": r"\b(?:[Aa]rtigos?|[Aa]rts?\.)",
         "eng": r"\b(?:[Ss]ections?|ss?\.)", "fra": r"\b(?:[Aa]rticles?|[Aa]rt\.)"}
# the law cited: this one, or another named by its kind and title or number
_SELF = {"spa": r"(?:de\s+(?:esta|la\s+presente)\s+[Ll]ey|de\s+este\s+[Cc][óo]digo)",
         "por": r"(?:desta\s+[Ll]ei|da\s+presente\s+[Ll]ei|deste\s+[Cc][óo]digo)",
         "eng": r"(?:of\s+this\s+(?:Act|Code|Part))",
         "fra": r"(?:de\s+la\s+présente\s+[Ll]oi|du\s+présent\s+[Cc]ode)"}
_LAW = {"spa": r"(?:del?\s+(?:la\s+)?)(?P<law>C[óo]digo(?:\s+(?:de\s+|del\s+)?[A-ZÁÉÍÓÚ][\wáéíóúñ]+)+|[Ll]ey\s+N?[°º.]*\s*\d+(?:\.\d+)*)",
        "por": r"(?:d[oa]\s+)(?P<law>C[óo]digo(?:\s+(?:de\s+|do\s+)?[A-ZÁÉÍÓÚ][\wáéíóúãõç]+)+|Lei\s+n\.?\s*[°º]?\s*\d+(?:[./-]\d+)*)",
        "eng": r"(?:of\s+the\s+)(?P<law>(?:[A-Z][\w']*\s+)(?:(?:[A-Z][\w']*|of|in|and|on)\s+){0,8}(?:Act|Code)(?:,?\s+\d{4})?)",
        "fra": r"(?:du\s+|de\s+la\s+)(?P<law>[Cc]ode(?:\s+(?:de\s+)?[a-zé]+)+|loi\s+n[°º]\s*\d+(?:-\d+)*)"}
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
        self._named: dict[str, Document | None] = {}
        key = tuple(id(d) for d in documents)
        kept = _RECENT.pop(key, None)
        if kept is None or any(a is not b for a, b in zip(kept[0], documents)):
            kept = (list(documents), {})       # the documents kept with it: their ids are not reused
        _RECENT[key] = kept                    # the most recent last
        while len(_RECENT) > _RECENT_SETS:
            del _RECENT[next(iter(_RECENT))]
        self._memo = kept[1]
        lang = next((d.language for d in documents if d.language in _NUM), "eng")
        num, join = _NUM[lang], _JOIN[lang]
        self._lang = lang
        self._cite = re.compile(
            rf"{_WORD[lang]}\s+(?P<nums>{num}(?:{join}{num})*)"
            rf"(?:,?\s+(?:(?P<self>{_SELF[lang]})|{_LAW[lang]}))?")
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
        out = []
        for m in self._cite.finditer(text):
            if m.group("self"):
                law, uri = "", provision.document
            elif m.groupdict().get("law"):
                law = " ".join(m.group("law").split())
                d = self.document_named(law)
                uri = d.frbr_uri if d is not None else ""
            else:
                # unqualified: the law last named before it, else the citing law
                if mentions is None:
                    mentions = [(x.start(), " ".join(x.group("law").split())) for x in self._mention.finditer(text)]
                before = [name for at, name in mentions if at < m.start()]
                law = before[-1] if before else ""
                d = self.document_named(law) if law else None
                uri = provision.document if not law else (d.frbr_uri if d is not None else "")
            targets = tuple(r for r in (self._expand(m.group("nums"), uri) if uri else [])
                            if r != provision.ref)
            out.append(Citation(words=" ".join(m.group(0).split()), law=law, targets=targets))
        return out
