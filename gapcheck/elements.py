"""The element model of an instrument (`conventions/<id>/elements.yaml`) and finding elements in
national text.

Terms are compiled once per language into tuples of Snowball stems; a national provision is
indexed once as the set of its stem n-grams, so finding a term is a set look-up, and the original
words that matched can be shown to the adviser.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from gapcheck.errors import GapcheckError
import re

from gapcheck.text import _stemmer, fold

LANG2 = {"eng": "en", "spa": "es", "por": "pt", "fra": "fr"}
LANGS = ("en", "es", "pt", "fr")
MAX_N = 9


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


@dataclass
class ElementModel:
    instrument: str
    kinds: dict[str, dict[str, list[str]]]
    articles: dict[str, ArticleModel]
    path: str = ""
    vocab: dict[str, dict[str, list[str]]] = field(default_factory=dict)


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
        kind = a.get("kind", "general")
        if kind != "general" and kind not in kinds:
            bad(f"article {num}: kind {kind!r} is not defined under 'kinds:'")
        articles[num] = ArticleModel(num=num, title=a.get("title") or {}, kind=kind, key=key,
                                     elements=elements, options=options)
    return ElementModel(instrument=instrument_id, kinds=kinds, articles=articles, path=str(path),
                        vocab=data.get("vocab") or {})


# ------------------------------------------------------------------ finding terms in text

_TOKEN = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")
_STEM_CACHE: dict[str, dict[str, tuple[str, str]]] = {}


def tokenize(text: str, lang3: str) -> tuple[list[str], list[str], list[str]]:
    """(words as written, folded words, stems) of a text, stopwords kept: phrases like 'sin
    autorización' need them. Each word is folded on its own, so the words shown to the adviser are
    the statute's; each distinct word is folded and stemmed once per language."""
    words = _TOKEN.findall(text)
    cache = _STEM_CACHE.setdefault(lang3, {})
    missing = [w for w in set(words) if w not in cache]
    if missing:
        folded = [fold(w) for w in missing]
        for w, f, st in zip(missing, folded, _stemmer(lang3).stemWords(folded)):
            cache[w] = (f, st)
    pairs = [cache[w] for w in words]
    return words, [f for f, _ in pairs], [st for _, st in pairs]


def count_tokens(text: str) -> int:
    return len(_TOKEN.findall(text))


def stem_tokens(text: str, lang3: str) -> tuple[list[str], list[str]]:
    words, _, stems = tokenize(text, lang3)
    return words, stems


@lru_cache(maxsize=100_000)
def compile_term(term: str, lang3: str) -> tuple[str, ...]:
    return tuple(stem_tokens(term, lang3)[1])


_END = "\x00"   # end of a term in the trie
_SEP = "\x01"   # between heading and text: no phrase spans them


class TermTrie:
    """Every term of a model, as a trie over stems: one pass over a text finds all of them (the
    pre-filter before any fuzzy scoring, in the manner of Aho-Corasick)."""

    def __init__(self, terms):
        self.root: dict = {}
        for t in terms:
            if not t:
                continue
            node = self.root
            for st in t:
                node = node.setdefault(st, {})
            node[_END] = t

    def scan(self, stems: list[str]) -> dict[tuple[str, ...], int]:
        found: dict[tuple[str, ...], int] = {}
        root, n = self.root, len(stems)
        for i in range(n):
            node = root.get(stems[i])
            j = i + 1
            while node is not None:
                t = node.get(_END)
                if t is not None and t not in found:
                    found[t] = i
                node = node.get(stems[j]) if j < n else None
                j += 1
        return found


class TextIndex:
    """Where the terms of a model occur in a provision's heading and text.

    With a `trie`, the text is scanned once for all the model's terms (fast); without, every stem
    n-gram of the text is indexed (the unoptimised path, kept to check that both agree)."""

    __slots__ = ("words", "grams", "heading_grams", "heading_words", "lead_end")

    def __init__(self, heading: str, text: str, lang3: str, trie: TermTrie | None = None,
                 tokens: tuple | None = None, lead_tokens: int | None = None):
        hw, _, hs = tokenize(heading, lang3)
        tw, _, ts = tokens if tokens is not None else tokenize(text, lang3)
        self.heading_words = hw
        # the "lead" zone: the heading and the first `lead_tokens` words of the text
        self.lead_end = len(hw) + 1 + (len(tw) if lead_tokens is None else lead_tokens)
        self.words = hw + [_SEP] + tw
        stems = hs + [_SEP] + ts
        if trie is not None:
            self.heading_grams = trie.scan(hs)
            self.grams = trie.scan(stems)
        else:
            self.heading_grams = self._grams(hs)
            self.grams = self._grams(stems)

    @staticmethod
    def _grams(stems: list[str]) -> dict[tuple[str, ...], int]:
        grams: dict[tuple[str, ...], int] = {}
        n = len(stems)
        for i in range(n):
            for k in range(1, min(MAX_N, n - i) + 1):
                g = tuple(stems[i:i + k])
                if g not in grams:
                    grams[g] = i
        return grams

    def count(self, terms: list[tuple[str, ...]]) -> int:
        """How many distinct terms occur (not how often)."""
        return sum(1 for t in terms if t and t in self.grams)

    def find(self, terms: list[tuple[str, ...]], where: str = "text") -> str | None:
        """The national words of the first (longest) term found, or None. `where`: text (heading
        and text), heading, or lead (heading and the lead of the text)."""
        grams, words = (self.heading_grams, self.heading_words) if where == "heading" else (self.grams, self.words)
        for t in terms:
            if t and t in grams:
                i = grams[t]
                if where == "lead" and i + len(t) > self.lead_end:
                    continue
                return " ".join(words[i:i + len(t)])
        return None


def compiled_terms(terms: dict[str, list[str]], lang3: str) -> list[tuple[str, ...]]:
    """An element's terms in the statute's language, longest first (falls back to English)."""
    lang2 = LANG2.get(lang3, "en")
    chosen = terms.get(lang2) or terms.get("en") or []
    out = {compile_term(t, lang3) for t in chosen}
    # longest first, then alphabetical: the same words are reported on every run
    return sorted((t for t in out if t), key=lambda t: (-len(t), t))
