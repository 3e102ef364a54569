"""The element model of an instrument (`conventions/<id>/elements.yaml`) and finding elements in
national text.

Terms are compiled once per language into tuples of Snowball stems; a national provision is
indexed once as the set of its stem n-grams, so finding a term is a set look-up, and the original
words that matched can be shown to the adviser.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import yaml

import re

from gapcheck.errors import GapcheckError
from gapcheck.text import STOPWORDS, fold_many, stem_words

LANG2 = {"eng": "en", "spa": "es", "por": "pt", "fra": "fr"}
LANGS = ("en", "es", "pt", "fr")
MAX_N = 12   # the unoptimised index's longest n-gram (the longest term has 10 words)


@dataclass
class Element:
    name: str
    required: bool = True
    general_part: bool = False
    reservable: str = ""
    where: str = "text"           # text | heading
    terms: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Option:
    name: str
    note: dict[str, str]
    terms: dict[str, list[str]]


@dataclass
class ArticleModel:
    num: str
    title: dict[str, str]
    kind: str
    key: list[list[str]]
    elements: dict[str, Element]
    options: dict[str, Option]
    # elements any one of which is the conduct ("production, sale, procurement … or possession"):
    # each is still required for the article to be covered, but a provision scores as having the
    # conduct when it has one of them
    alternatives: list[list[str]] = field(default_factory=list)
    # articles whose mapped provisions this article is assessed on (Art 13: the offences' penalties)
    assessed_on: list[str] = field(default_factory=list)
    # kinds a provision's lead must not be ("power": substantive criminal law is not implemented by
    # a provision empowering an authority)
    excludes: list[str] = field(default_factory=list)
    # kinds a provision's lead must be ("power": a provision that grants the power, not one that
    # regulates its record or its order)
    requires: list[str] = field(default_factory=list)
    # the key used when no provision carries `key` (Art 15: a provision dedicated to the
    # safeguards, else the conditions written into the powers)
    fallback_key: list[list[str]] = field(default_factory=list)
    # groups of articles: a provision citing provisions that implement an article of each group
    # implements this one (Art 14(2): a law's powers made to apply to another's offences)
    links: list[list[str]] = field(default_factory=list)
    # the citing provision must also carry the article's key elements in its own words (Art 12: the
    # corporate liability it brings the cited offences under)
    links_with_key: bool = False
    # an article built on another one's measure (Art 17: «traffic data that is to be preserved under
    # Article 16»): the provisions implementing that article which carry these elements implement
    # this one too; {article: "16", with: [service_providers]}
    builds_on: dict = field(default_factory=dict)

    @cached_property
    def heading_key(self) -> frozenset[str]:
        """The key elements read in a provision's heading only (Art 15: a safeguard it is titled for)."""
        return frozenset(n for group in self.key for n in group if self.elements[n].where == "heading")


@dataclass
class ElementModel:
    instrument: str
    kinds: dict[str, dict[str, list[str]]]
    articles: dict[str, ArticleModel]
    path: str = ""
    vocab: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    # what a whole law is, from words of its title ("procedure": a code of criminal procedure)
    laws: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    # the words a provision opens with when it is no longer law ("Derogado.", "[Repealed]")
    repealed: dict[str, list[str]] = field(default_factory=dict)
    # the words by which a provision makes others apply to its own measure («Regirán, en lo
    # pertinente, las disposiciones de los artículos 222 a 225»), per language
    incorporation: dict[str, list[str]] = field(default_factory=dict)


def elements_path(instrument_id: str) -> Path:
    from gapcheck.instruments import instrument_dir
    return instrument_dir(instrument_id) / "elements.yaml"


@lru_cache(maxsize=8)
def load_elements(instrument_id: str) -> ElementModel | None:
    """The element model, or None when the instrument has no elements file."""
    path = elements_path(instrument_id)
    if not path.is_file():
        return None
    try:
        from gapcheck.instruments import FastLoader
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=FastLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise GapcheckError(f"YAML error: {getattr(exc, 'problem', exc)}", path=path,
                            line=mark.line + 1 if mark else None) from None
    return parse_elements(data, instrument_id, path)


def parse_elements(data: dict, instrument_id: str, path="") -> ElementModel:
    def bad(msg):
        raise GapcheckError(msg, path=path, hint="correct the elements file")

    if not isinstance(data, dict) or not isinstance(data.get("articles"), dict):
        bad("an elements file needs 'articles:'")
    kinds = data.get("kinds") or {}
    articles = {}
    for num, a in data["articles"].items():
        num = str(num)
        if not isinstance(a, dict) or not isinstance(a.get("elements"), dict):
            bad(f"article {num}: needs 'elements:'")
        elements = {}
        for name, e in a["elements"].items():
            if not isinstance(e, dict) or not isinstance(e.get("terms"), dict):
                bad(f"article {num}, element {name}: needs 'terms:' per language")
            for lang, ts in e["terms"].items():
                odd = [t for t in (ts if isinstance(ts, list) else [ts]) if not isinstance(t, str)]
                if not isinstance(ts, list) or odd:
                    # YAML reads an unquoted false, no, yes, on, 12 as a boolean or a number
                    bad(f"article {num}, element {name}, {lang}: terms must be a list of words; "
                        f"{odd[0] if odd else ts!r} is not text (put it in quotes)")
            elements[name] = Element(name=name, required=bool(e.get("required", True)),
                                     general_part=bool(e.get("general_part", False)),
                                     reservable=str(e.get("reservable") or ""), where=e.get("where", "text"),
                                     terms={k: [str(t) for t in v] for k, v in e["terms"].items()})
        options = {name: Option(name=name, note=o.get("note") or {}, terms=o.get("terms") or {})
                   for name, o in (a.get("options") or {}).items()}
        key = a.get("key") or []
        for group in key:
            for name in group:
                if name not in elements:
                    bad(f"article {num}: key names {name!r}, which is not one of its elements")
        fallback_key = a.get("fallback_key") or []
        for group in fallback_key:
            for name in group:
                if name not in elements:
                    bad(f"article {num}: fallback_key names {name!r}, which is not one of its elements")
        alternatives = a.get("alternatives") or []
        for group in alternatives:
            for name in group:
                if name not in elements:
                    bad(f"article {num}: alternatives names {name!r}, which is not one of its elements")
        links = a.get("links") or []
        if not isinstance(links, list) or not all(isinstance(g, list) and g for g in links):
            bad(f"article {num}: links must be a list of groups of article numbers, e.g. "
                f"[[\"16\", \"17\"], [\"2\", \"3\"]]")
        builds_on = a.get("builds_on") or {}
        if builds_on and (not isinstance(builds_on, dict) or "article" not in builds_on
                          or not isinstance(builds_on.get("with") or [], list)):
            bad(f"article {num}: builds_on must name an article and the elements it adds, e.g. "
                f"{{article: \"16\", with: [service_providers]}}")
        builds_on = {"article": str(builds_on["article"]), "with": [str(x) for x in builds_on.get("with") or []]} \
            if builds_on else {}
        for name in builds_on.get("with", []):
            if name not in elements:
                bad(f"article {num}: builds_on names {name!r}, which is not one of its elements")
        kind = a.get("kind", "general")
        if kind != "general" and kind not in kinds:
            bad(f"article {num}: kind {kind!r} is not defined under 'kinds:'")
        excludes = [str(x) for x in a.get("excludes") or []]
        requires = [str(x) for x in a.get("requires") or []]
        for field_name, xs in (("excludes", excludes), ("requires", requires)):
            for x in xs:
                if x not in ("offence", "power") and x not in (data.get("laws") or {}):
                    bad(f"article {num}: {field_name} {x!r}; a provision's lead is told apart as an offence or a "
                        f"power, and a law by the kinds under 'laws:'")
        articles[num] = ArticleModel(num=num, title=a.get("title") or {}, kind=kind, key=key,
                                     elements=elements, options=options, alternatives=alternatives,
                                     assessed_on=[str(x) for x in a.get("assessed_on") or []], excludes=excludes,
                                     requires=requires, fallback_key=fallback_key,
                                     links=[[str(x) for x in group] for group in links], builds_on=builds_on,
                                     links_with_key=bool(a.get("links_with_key", False)))
    for num, am in articles.items():
        unknown = [x for x in am.assessed_on + [y for g in am.links for y in g]
                   + ([am.builds_on["article"]] if am.builds_on else []) if x not in articles]
        if unknown:
            bad(f"article {num}: assessed_on, links or builds_on name article {unknown[0]}, "
                f"which the file does not have")
    return ElementModel(instrument=instrument_id, kinds=kinds, articles=articles, path=str(path),
                        vocab=data.get("vocab") or {}, laws=data.get("laws") or {},
                        repealed=data.get("repealed") or {}, incorporation=data.get("incorporation") or {})


# ------------------------------------------------------------------ finding terms in text

_SEP = "\x01"   # between heading and text: no phrase spans them
_TOKEN = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")
_STEM_CACHE: dict[str, dict[str, tuple[str, str]]] = {}


def tokenize(text: str, lang3: str) -> tuple[list[str], list[str], list[str]]:
    """(words as written, folded words, stems) of a text, stopwords kept: phrases like 'sin
    autorización' need them. Each word is folded on its own, so the words shown to the adviser are
    the statute's; each distinct word is folded and stemmed once per language."""
    words = _TOKEN.findall(text)
    folded, stems = analyse(words, lang3)
    return words, folded, stems


def analyse(words: list[str], lang3: str) -> tuple[list[str], list[str]]:
    """(folded words, stems) of `tokenize`'s words."""
    cache = _STEM_CACHE.setdefault(lang3, {})
    missing = [w for w in dict.fromkeys(words) if w not in cache]
    if missing:
        folded = fold_many(missing)
        for w, f, st in zip(missing, folded, stem_words(folded, lang3, missing)):
            cache[w] = (f, st)
    pairs = [cache[w] for w in words]
    return [f for f, _ in pairs], [st for _, st in pairs]


def stem_tokens(text: str, lang3: str) -> tuple[list[str], list[str]]:
    words, _, stems = tokenize(text, lang3)
    return words, stems


@lru_cache(maxsize=100_000)
def compile_term(term: str, lang3: str) -> tuple[str, ...]:
    return tuple(stem_tokens(term, lang3)[1])


class TextIndex:
    """Where the terms of a model occur in a text: the heading, a separator, then the text, as
    stems. `grams` maps each term found to the position (in words) of its first occurrence."""

    __slots__ = ("grams", "spans", "lead_end", "_words", "_heading_len", "_heading_grams")

    def __init__(self, heading: str, text: str, lang3: str):
        hw, _, hs = tokenize(heading, lang3)
        tw, _, ts = tokenize(text, lang3)
        stems = hs + [_SEP] + ts
        spans: dict = {}
        self._set(all_grams(stems, spans=spans, no_gap=no_gap_after(lang3)), len(hs), len(stems),
                  hw + [_SEP] + tw, spans)

    @classmethod
    def of(cls, grams: dict, heading_len: int, lead_end: int, words, spans: dict | None = None) -> "TextIndex":
        """An index made elsewhere (`gapcheck.index`); `words`: the words as written, or a function
        (position, how many) -> words, since they are only needed when a match is shown."""
        self = cls.__new__(cls)
        self._set(grams, heading_len, lead_end, words, spans)
        return self

    def _set(self, grams, heading_len, lead_end, words, spans):
        self.grams = grams
        # two-word terms first found with words between their two: how many words they cover
        self.spans = spans if spans is not None else {}
        self.lead_end = lead_end          # the heading and the lead of the text end here
        self._words = words
        self._heading_len = heading_len
        self._heading_grams = None

    @property
    def heading_grams(self) -> dict:
        """The terms in the heading (first occurrences: a term in the heading is first found there)."""
        if self._heading_grams is None:
            self._heading_grams = {t: i for t, i in self.grams.items() if i < self._heading_len}
        return self._heading_grams

    def count(self, terms: list[tuple[str, ...]]) -> int:
        """How many distinct terms occur (not how often)."""
        return sum(1 for t in terms if t and t in self.grams)

    def locate(self, terms, where: str = "text") -> tuple[tuple[str, ...], int] | None:
        """The first (longest) term found and its position, or None (see `find`)."""
        return self._at(terms, where)

    def words_at(self, hit: tuple[tuple[str, ...], int]) -> str:
        """The national words of a term found by `locate`."""
        t, i = hit
        n = self.spans.get(t, len(t))
        return " ".join(self._words(i, n) if callable(self._words) else self._words[i:i + n])

    def _at(self, terms, where):
        if where == "heading" and not self._heading_len:
            where = "lead"          # a provision without a heading: what it opens with
        grams = self.heading_grams if where == "heading" else self.grams
        for t in terms:
            i = grams.get(t)
            if i is not None and not (where == "lead" and i + self.spans.get(t, len(t)) > self.lead_end):
                return t, i
        return None

    def has(self, terms, where: str = "text") -> bool:
        """Whether any of `terms` occurs (a frozenset of terms is quickest, for text and heading)."""
        if where == "text":
            return not self.grams.keys().isdisjoint(terms)
        if where == "heading":
            return not self.heading_grams.keys().isdisjoint(terms)
        return self._at(terms, where) is not None

    def find(self, terms: list[tuple[str, ...]], where: str = "text") -> str | None:
        """The national words of the first (longest) term found, or None. `where`: text (heading
        and text), heading, or lead (heading and the lead of the text)."""
        hit = self._at(terms, where)
        return None if hit is None else self.words_at(hit)


# A two-word term also matches with up to this many words between its two ("sin su autorización",
# "sin la debida autorización", "sistema o dato informático", "gains unauthorised access"):
# statutes put articles, possessives and coordinated nouns inside the phrases a model lists.
# A pair that begins with a function word does not ("a … sabiendas", "any … device"), unless the
# word is a negation: "sin", "without", "sem", "sans" are where the articles go.
GAP = 2
_NEGATIONS = {"sin", "without", "sem", "sans", "not", "no", "non", "nao", "ni", "nor", "nem"}


@lru_cache(maxsize=16)
def no_gap_after(lang3: str) -> frozenset[str]:
    """The stems a two-word term may not begin with to match with words between its two."""
    return frozenset(stem_words(sorted(STOPWORDS.get(lang3, set()) - _NEGATIONS), lang3))


def all_grams(stems: list[str], max_n: int = MAX_N, spans: dict | None = None,
              no_gap: frozenset[str] = frozenset()) -> dict[tuple[str, ...], int]:
    """Every n-gram of stems (n <= max_n) with its first position, and every pair of stems with at
    most GAP stems between them, the first not in `no_gap` (in `spans`, how many words such a
    pair's first occurrence covers, where that is more than two): the unoptimised index."""
    grams: dict[tuple[str, ...], int] = {}
    n = len(stems)
    for i in range(n):
        for k in range(1, min(max_n, n - i) + 1):
            g = tuple(stems[i:i + k])
            if g not in grams:
                grams[g] = i
        if spans is not None and stems[i] not in no_gap:
            for gap in range(1, GAP + 1):
                j = i + gap + 1
                if j >= n or any(s == _SEP for s in stems[i:j + 1]):
                    break
                g = (stems[i], stems[j])
                if g not in grams:
                    grams[g] = i
                    spans[g] = gap + 2
    return grams


def compiled_terms(terms: dict[str, list[str]], lang3: str) -> list[tuple[str, ...]]:
    """An element's terms in the statute's language, longest first (falls back to English)."""
    lang2 = LANG2.get(lang3, "en")
    chosen = terms.get(lang2) or terms.get("en") or []
    out = {compile_term(t, lang3) for t in chosen}
    # longest first, then alphabetical: the same words are reported on every run
    return sorted((t for t in out if t), key=lambda t: (-len(t), t))
