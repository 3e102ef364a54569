"""Matching: which national provisions implement which Convention article, and why.

Each top-level national provision is compared with each assessed article in the statute's own
language. Where the instrument has an element model (`elements.yaml`), a provision is a candidate
for an article only if it is the right kind of provision (an offence for Arts 2-10, a power for
Arts 14-21, …) and carries the article's key elements (the conduct and the object of an
offence, …); candidates are scored on the share of the article's elements they carry, their
heading against the article's title (rapidfuzz) and their text against the article's text
(TF-IDF cosine over stems). Without an element model, the score is heading and text similarity.

Many-to-many: an article may take several provisions (a second provision is kept when it scores
close to the best or carries a required element the others lack, but not when it is only the
aggravated variant of an offence already kept, or another article's own best fit), and a
provision may serve several articles (it is dropped from an article only when it fits another one
clearly better; an offence, when it fits another offence article better at all, unless it is
that article's best).
"""

from __future__ import annotations

import math
import re
import dataclasses
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz

from gapcheck.elements import (LANG2, ArticleModel, ElementModel, TextIndex, compiled_terms, load_elements,
                               no_gap_after, tokenize)
from gapcheck.citations import Citations
from gapcheck.index import Corpus, TermScanner, further_offences, index_corpus, lexicon
from gapcheck.model import Article, Document, Finding, Instrument, Provision
from gapcheck.text import STOPWORDS, fold


@dataclass(frozen=True)
class MatchSettings:
    # Chosen on the reference mappings (tests/reference), checked by leaving each country out in
    # turn: relative and complete_relative are the values chosen on the other five countries in
    # five of the six folds, with the same recall on the country left out.
    min_score: float = 0.45        # below this, no finding (recall first: 0.50 is a little more precise)
    relative: float = 0.85         # keep provisions scoring at least this share of the article's best
    compete: float = 0.90          # drop a pair scoring under this share of the provision's best article
    # a national offence implements the Convention offence it fits best, and another one only as
    # that article's best candidate ("Obstaculización ilegítima de sistema informático" is Art 5,
    # not Art 2 too)
    offence_compete: float = 1.0
    # an article keeps its best candidate even when the provision fits another article better,
    # unless it fits that one clearly better (under this share) and the article has candidates of
    # its own ("Disclosure of preserved data" is Art 17, though its heading names Art 16's elements)
    best_stays: float = 0.80
    max_per_article: int = 3
    # an offence article may take one national offence per conduct (Art 9: producing, offering,
    # distributing, procuring, possessing), often in as many sections
    max_per_offence: int = 4
    complete_relative: float = 0.70  # an offence provision with every required element: kept down to this share
    named_relative: float = 0.60   # a provision whose heading names a rule that is no offence: this share
    # a provision whose heading carries a key element read in headings only (a safeguard, Art 15):
    # floor and share; the Convention's text of such an article is abstract, its words few in any law
    titled_floor: float = 0.35
    titled_relative: float = 0.80
    adds_relative: float = 0.70    # a provision adding an element the chosen ones lack: kept down to this share
    element_weight: float = 0.25
    heading_weight: float = 0.25   # the rest is text similarity
    text_scale: float = 0.30       # a cosine at or above this counts as full text similarity
    fast: bool = True              # terms found by the numpy scanner; False: every n-gram indexed (to check both agree)


# ------------------------------------------------------------------ text similarity

def content_stems(tokens, language: str) -> list[str]:
    """The stems of the meaningful words (no stopwords, no numbers), from `tokenize` output."""
    stop = STOPWORDS.get(language, set())
    _, folded, stems = tokens
    return [st for f, st in zip(folded, stems) if f not in stop and not f.isdigit()]


def _counts(ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct values of `ids` with their counts, in the order they first occur. Sums over
    them then run in the text's order, not in the order of stem ids (which depend on what else
    the process has read), so scores do not change in their last digits from run to run."""
    u, first, c = np.unique(ids, return_index=True, return_counts=True)
    order = np.argsort(first, kind="stable")
    return u[order], c[order]


_ARTICLES: dict = {}    # an article's content stems (ids and counts) and title, per language: the treaty does not change


def _article_vector(a: Article, lex, am: ArticleModel | None = None, title: str = "") -> tuple[np.ndarray, np.ndarray]:
    """The article's words as stem ids with counts: its title and text and, where the element
    model has it, every term of its elements in the statute's language. The terms are how
    statutes word the article ("allanamiento", "incautación" for a search and seizure): without
    them the text of a Convention article shares few words with the law that implements it.
    `title`: its title in the statute's language, where the text is in another (then the text is
    left out)."""
    key = ("text", lex, a.title, a.text, id(am), title)
    if key not in _ARTICLES:
        # a text in another language than the statute's only dilutes the vector: its title and
        # its elements' terms in the statute's language stand for it
        words = [title] if title else [a.title, a.text]
        if am is not None:
            lang2 = LANG2.get(lex.lang3, "en")
            words += [t for e in am.elements.values() for t in (e.terms.get(lang2) or e.terms.get("en") or [])]
        stems = content_stems(tokenize(" ".join(words), lex.lang3), lex.lang3)
        _ARTICLES[key] = _counts(np.array([lex.stem_id(t) for t in stems], dtype=np.int64))
    return _ARTICLES[key]


def _article_title(a: Article, lex, title: str = "") -> str:
    """The article's title as content stems: `title`, the element model's title in the statute's
    language, where the Convention's text is not bundled in it (a Portuguese law against the English
    text: «Acesso ilegítimo», not «Illegal access»)."""
    title = title or a.title
    key = ("title", lex.lang3, title)
    if key not in _ARTICLES:
        _ARTICLES[key] = " ".join(content_stems(tokenize(title, lex.lang3), lex.lang3))
    return _ARTICLES[key]


class Similarity:
    """Heading and text similarity between the articles and the provisions of one analysis.

    Text: the cosine of TF-IDF vectors over content stems (IDF over both sides, so the
    boilerplate of the treaty and of the code weighs little), all provisions' vectors made in a few
    numpy calls. Heading: rapidfuzz's token_sort_ratio of heading and title as content stems, made
    when a pair first needs it."""

    def __init__(self, articles: list[Article], corpus: Corpus, model: ElementModel | None = None,
                 instrument_language: str = ""):
        self.corpus = corpus
        self.language = language = corpus.language
        lex = corpus.lexicon
        # the element model's titles in the statute's language, where the Convention's text is not
        # bundled in it (a Portuguese law against the English text)
        own = "" if not model or instrument_language in ("", lex.lang3) else LANG2.get(lex.lang3, "")
        titles = {a.num: model.articles[a.num].title.get(own, "") if own and a.num in model.articles else ""
                  for a in articles}
        art_ids = {a.num: _article_vector(a, lex, model.articles.get(a.num) if model else None, titles[a.num])
                   for a in articles}
        S, P = len(lex.stems), len(corpus.provisions)
        # (provision, stem) pairs of the whole corpus, with counts: term frequencies and, counted
        # per stem, document frequencies
        owner = np.repeat(np.arange(P, dtype=np.int64), corpus.ends - corpus.starts + 1)
        keys, counts = _counts(owner[corpus.content] * S + corpus.stem_ids[corpus.content])
        prov, stem = keys // S, keys % S
        df = np.bincount(stem, minlength=S)
        for u, _ in art_ids.values():
            df[u] += 1
        idf = np.log((len(art_ids) + P + 1) / (df + 0.5))
        w = (1 + np.log(counts)) * idf[stem]
        norm = np.sqrt(np.bincount(prov, weights=w * w, minlength=P))
        norm[norm == 0] = 1.0
        self.weight, self.stem = w / norm[prov], stem
        self.ptr = np.searchsorted(prov, np.arange(P + 1))          # provision i: ptr[i]:ptr[i+1]
        self.art_vec = {}
        for num, (u, c) in art_ids.items():
            aw = (1 + np.log(c)) * idf[u]
            self.art_vec[num] = (u, aw / (math.sqrt(float(np.dot(aw, aw))) or 1.0))
        self._dense = np.zeros(S)
        # headings and titles as their content stems, as the index reads them
        self.art_head = {a.num: _article_title(a, lex, titles[a.num]) for a in articles}
        self._prov_head: dict[int, str] = {}

    def heading(self, num: str, i: int) -> float:
        head = self._prov_head.get(i)
        if head is None:
            head = self._prov_head[i] = self.corpus.heading_stems(i)
        title = self.art_head[num]
        if not head or not title:
            return 0.0
        return fuzz.token_sort_ratio(title, head) / 100

    def texts(self, num: str, pool: list[int]) -> list[float]:
        """The cosine of the article's vector with each of the provisions in `pool`."""
        if not pool:
            return []
        u, aw = self.art_vec[num]
        pool_a = np.asarray(pool, dtype=np.int64)
        lo, n = self.ptr[pool_a], self.ptr[pool_a + 1] - self.ptr[pool_a]
        seg = np.repeat(np.arange(len(pool_a)), n)
        idx = np.arange(int(n.sum()), dtype=np.int64) + np.repeat(lo - (np.cumsum(n) - n), n)
        self._dense[u] = aw
        vals = self.weight[idx] * self._dense[self.stem[idx]]
        self._dense[u] = 0.0
        return np.bincount(seg, weights=vals, minlength=len(pool_a)).tolist()

    def shared(self, num: str, i: int) -> list[str]:
        """The stems the article and provision i share, alphabetically."""
        stems = self.corpus.lexicon.stems
        both = np.intersect1d(self.art_vec[num][0], self.stem[self.ptr[i]:self.ptr[i + 1]], assume_unique=True)
        return sorted(stems[k] for k in both.tolist())


# ------------------------------------------------------------------ element evidence

@dataclass
class ElementEvidence:
    found: dict[str, tuple]        # element -> (term, position) of the national words that matched
    missing: list[str]             # elements of the article not in this provision
    options: dict[str, tuple]      # options the provision uses -> (term, position)
    share: float                   # weighted share of the article's elements found
    heading_share: float = 0.0     # share of the article's key groups its heading alone carries


def _weight(name: str, am: ArticleModel) -> float:
    e = am.elements[name]
    if any(name in g for g in am.key):
        return 1.5
    if e.general_part or not e.required:
        return 0.5
    return 1.0


_LEAD_KINDS = ("offence", "power", "aggravation")      # kinds also noted for a provision's lead ("offence_lead")


class ElementMatcher:
    def __init__(self, model: ElementModel, language: str):
        self.model = model
        self.language = language
        self._terms = {}
        for num, am in model.articles.items():
            for name, e in am.elements.items():
                self._terms[(num, name)] = compiled_terms(e.terms, language)
            for name, o in am.options.items():
                self._terms[(num, "option:" + name)] = compiled_terms(o.terms, language)
        self._kinds = {k: compiled_terms(v, language) for k, v in model.kinds.items()}
        self._kind_sets = {k: frozenset(v) for k, v in self._kinds.items()}
        # as written and without accents ("abrogé", "ABROGE"): no folding on every provision
        self._repealed = frozenset(f(w) for ws in model.repealed.values() for w in ws for f in (str.lower, fold))
        # a law's title may be in another language than its text: every language's words
        self._law_terms = {k: [re.compile(r"\b" + re.escape(fold(t)) + r"\b") for ts in v.values() for t in ts]
                           for k, v in model.laws.items()}
        self._weights: dict = {}       # per article and key: each element's weight
        self._kind_rules: dict = {}    # per article: the kinds it excludes, the kinds it requires
        self._key_terms: dict = {}     # per article and key: the key groups as term lists
        # computer words, and data words of two or more words ("datos informáticos", not bare
        # "data"): what makes an offence a cyber offence (national-only offences)
        self.computer = compiled_terms(model.vocab.get("computer_system", {}), language) + \
            [t for t in compiled_terms(model.vocab.get("computer_data", {}), language) if len(t) > 1]
        # the words by which a provision makes others apply to it («regirán», «shall apply»): as
        # stems for the scan, as written (and without accents) for the sentence of a citation
        self.incorporation = compiled_terms(model.incorporation, language) if model.incorporation else []
        written = {f(w) for w in model.incorporation.get(LANG2.get(language, language), []) for f in (str.lower, fold)}
        self.incorporates = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(written, key=len, reverse=True)))
                                       + r")(?!\w)") if written else None
        self._term_kinds = None
        self._function_words = no_gap_after(language)
        model_terms = [t for ts in list(self._terms.values()) + list(self._kinds.values()) for t in ts]
        # the longer terms that can hide a shorter one in a heading ("access" in "access code"):
        # the elements' terms, not the words that say what kind a provision is ("solicitudes de
        # asistencia" is still a request)
        self._term_set = frozenset(t for ts in self._terms.values() for t in ts)
        self.scanner = TermScanner(model_terms + self.computer + self.incorporation, lexicon(language))

    @staticmethod
    def _kid(am: ArticleModel):
        return am.num, tuple(tuple(g) for g in am.key)

    def _weights_of(self, am: ArticleModel) -> dict[str, float]:
        k = self._kid(am)
        if k not in self._weights:
            self._weights[k] = {n: _weight(n, am) for n in am.elements}
        return self._weights[k]

    def _key_terms_of(self, am: ArticleModel) -> list[list[tuple]]:
        # an article's key groups as term lists: a provision lacking every term of one group is
        # not a candidate (the pre-filter)
        k = self._kid(am)
        if k not in self._key_terms:
            self._key_terms[k] = [[t for n in group for t in self._terms[(am.num, n)]] for group in am.key]
        return self._key_terms[k]

    def locate_elements(self, am: ArticleModel, idx: TextIndex, found: dict | None = None) -> dict[str, tuple]:
        """Where each element of `am` (those not already in `found`) first occurs in a provision,
        as (term, position), in the model's order."""
        found = dict(found or {})
        # one national word is evidence of one element: "responsabilidad" is the liability, not
        # also the person responsible ("responsables", the same stem). A phrase may name two
        # ("ampliación del registro": a search, and its extension).
        taken = {hit[1] for hit in found.values() if len(hit[0]) == 1}
        for name, e in am.elements.items():
            if name not in found:
                hit = idx.locate(self._terms[(am.num, name)], e.where)
                if hit is not None and not (len(hit[0]) == 1 and hit[1] in taken):
                    found[name] = hit
                    if len(hit[0]) == 1:
                        taken.add(hit[1])
        return {n: found[n] for n in am.elements if n in found}

    def share(self, am: ArticleModel, found) -> float:
        """The weighted share of the article's elements found; a group of alternatives counts once,
        with the weight of its heaviest member."""
        weights = self._weights_of(am)
        grouped = {n for group in am.alternatives for n in group}
        total = got = 0.0
        for group in am.alternatives:
            w = max(weights[n] for n in group)
            total += w
            got += w if any(n in found for n in group) else 0.0
        for n, w in weights.items():
            if n not in grouped:
                total += w
                got += w if n in found else 0.0
        return got / total if total else 0.0

    def candidates(self, am: ArticleModel, postings: dict) -> list[int] | None:
        """The provisions holding a term of each of the article's key groups (None: no key, every
        provision)."""
        groups = self._key_terms_of(am)
        if not groups:
            return None
        out: set[int] | None = None
        for terms in groups:
            holders = set().union(*(postings.get(t, ()) for t in terms))
            out = holders if out is None else out & holders
            if not out:
                return []
        return sorted(out)

    def is_repealed(self, text: str) -> bool:
        """Whether a provision's words open by saying it is no longer law ("Derogado.", "(Anulado
        este artículo …)", "[Repealed]"): its number is kept, its text is gone."""
        # the first two words, cheaply: this runs on every provision
        return any(w.strip("()[]{}.,;:-–—\"'“”«»").lower() in self._repealed for w in text[:60].split(None, 2)[:2])

    def law_kinds(self, title: str) -> set[str]:
        """What a law is by its title, as kinds "law:<name>" ("law:procedure")."""
        words = fold(title)
        return {"law:" + k for k, terms in self._law_terms.items() if any(t.search(words) for t in terms)}

    def provision_kinds(self, idx: TextIndex, parts: int = 0) -> set[str]:
        """What a provision is: an offence (it punishes), a power, a definitions provision, …
        `parts`: how many sub-provisions it has."""
        kinds = {k for k, terms in self._kind_sets.items() if idx.has(terms)}
        # what its lead (heading, own words, first sub-provision) already is: an offence that
        # mentions a judge further on is still an offence, not a power
        kinds |= {k + "_lead" for k in _LEAD_KINDS if k in kinds and idx.locate(self._kinds[k], "lead") is not None}
        # an interpretation section ("Interpretation", "Definiciones", or a list of terms each
        # "means …") only defines
        if "definition" in kinds and (idx.has(self._kind_sets["definition"], "heading")
                                      or (idx.count(self._kinds["definition"]) >= 3 and parts >= 3)):
            kinds.add("definitions_only")
        return kinds

    def all_provision_kinds(self, corpus: Corpus, found) -> list[set[str]]:
        """`provision_kinds` of every provision at once, from what the scanner found (`index.Found`):
        the same sets, without a look-up per provision and kind."""
        n = len(corpus.provisions)
        pk, tk, pos = found.prov, found.term, found.pos
        if self._term_kinds is None or self._term_kinds[0] is not found.terms:
            index = {t: k for k, t in enumerate(found.terms)}
            member = {}
            for kind, terms in self._kinds.items():
                m = np.zeros(len(found.terms), dtype=bool)
                m[[index[t] for t in terms if t in index]] = True
                member[kind] = m
            self._term_kinds = (found.terms, member)
        member = self._term_kinds[1]
        kinds: list[set[str]] = [set() for _ in range(n)]
        for kind, m in member.items():
            for i in np.unique(pk[m[tk]]).tolist():
                kinds[i].add(kind)
        lead_end = np.array([ix.lead_end for ix in corpus.indexes], dtype=np.int64)
        lengths = np.array([len(t) for t in found.terms], dtype=np.int64)
        in_lead = pos + np.where(found.span > 0, found.span, lengths[tk]) <= lead_end[pk]
        for kind in _LEAD_KINDS:
            if kind in member:
                for i in np.unique(pk[member[kind][tk] & in_lead]).tolist():
                    kinds[i].add(kind + "_lead")
        if "definition" in member:
            d = member["definition"][tk]
            count = np.bincount(pk[d], minlength=n)
            in_heading = np.zeros(n, dtype=bool)
            heading_lens = np.asarray(corpus.heading_lens, dtype=np.int64)
            in_heading[pk[d][pos[d] < heading_lens[pk[d]]]] = True
            for i in np.flatnonzero(count > 0).tolist():
                if in_heading[i] or (count[i] >= 3 and len(corpus.provisions[i].children) >= 3):
                    kinds[i].add("definitions_only")
        return kinds

    def kind_ok(self, am: ArticleModel, kinds: set[str]) -> bool:
        rule = self._kind_rules.get(am.num)
        if rule is None:
            # the kinds each excluded or required name stands for: its lead, or the whole law
            rule = self._kind_rules[am.num] = (
                frozenset(k for x in am.excludes for k in (x + "_lead", "law:" + x)) | {"repealed"},
                [frozenset((x + "_lead", "law:" + x)) for x in am.requires])
        excluded, required = rule
        if not excluded.isdisjoint(kinds) or any(r.isdisjoint(kinds) for r in required):
            return False
        if "definitions_only" in kinds:
            return am.kind == "definition"
        if am.kind == "definition":
            return False           # definitions are implemented by a definitions provision
        if am.kind in ("general", "any") or am.kind not in self._kinds:
            return True
        if am.kind == "cooperation":
            # a domestic power (a provider keeping traffic data "reservado") is not the
            # confidentiality of a foreign request: co-operation speaks of the foreign side
            return "cooperation" in kinds
        if am.kind == "power" and "cooperation" in kinds:
            return False           # answering a foreign request is co-operation, not a domestic power
        if am.kind == "power" and "offence_lead" in kinds and "power_lead" not in kinds:
            return False           # an offence ("será reprimido … quien intercepte"), not a power to intercept
        return am.kind in kinds

    def evidence(self, am: ArticleModel, idx: TextIndex, kinds: set[str]) -> ElementEvidence | None:
        """The elements of `am` in a provision, or None when the provision is not a candidate.
        Where they are is given as (term, position): `TextIndex.words_at` gives the words."""
        if not self.kind_ok(am, kinds):
            return None
        found = {}
        # the key elements first: most provisions stop here, before any other look-up. An offence's
        # key elements must be in its lead (where the offence is defined), not only in a penalty
        # or aggravation clause further down.
        for group in am.key:
            for n in group:
                where = am.elements[n].where
                if am.kind == "offence" and where == "text":
                    where = "lead"
                hit = idx.locate(self._terms[(am.num, n)], where)
                if hit is not None:
                    found[n] = hit
                    break
            else:
                return None
        found = self.locate_elements(am, idx, found)
        share = self.share(am, found)
        options = {}
        for name in am.options:
            # a condition the offence requires is in its definition, not in an exception or a
            # penalty clause further down
            hit = idx.locate(self._terms[(am.num, "option:" + name)], "lead" if am.kind == "offence" else "text")
            if hit is not None:
                options[name] = hit
        in_heading = sum(1 for group in am.key
                         if any(_in_heading(idx, self._terms[(am.num, n)], self._function_words, self._term_set)
                                for n in group))
        return ElementEvidence(found=found, missing=[n for n in am.elements if n not in found],
                               options=options, share=share,
                               heading_share=in_heading / len(am.key) if am.key else 0.0)


def _in_heading(idx: TextIndex, terms, function_words: frozenset, model_terms) -> bool:
    """Whether one of `terms` is in the heading as a term of its own, not as part of a longer one
    that adds a word of substance ("access" in "Disclosure of access code" is the password, not the
    conduct of illegal access; "interfering" in "interfering with" is still the conduct)."""
    head = idx.heading_grams

    def words(u):
        return idx.spans.get(u, len(u))

    for t in terms:
        p = head.get(t)
        if p is None:
            continue
        # only the model's terms: the unoptimised index also holds every other n-gram
        if not any(q <= p and q + words(u) >= p + words(t) and words(u) > words(t) and u in model_terms
                   and any(w not in t and w not in function_words for w in u)
                   for u, q in head.items()):
            return True
    return False


_MATCHERS: dict = {}


def element_matcher(model: ElementModel, language: str) -> ElementMatcher:
    """One matcher (compiled terms, automaton) per model and language, kept for the process."""
    key = (id(model), language)
    if key not in _MATCHERS or _MATCHERS[key][0] is not model:
        _MATCHERS[key] = (model, ElementMatcher(model, language))
    return _MATCHERS[key][1]


def _opening(p: Provision) -> str:
    """A provision's first words: its own, else its first sub-provision's."""
    while not p.text.strip() and p.children:
        p = p.children[0]
    return p.text


def index_provisions(documents: list[Document], model: ElementModel | None, language: str,
                     fast: bool = True) -> Corpus:
    """The documents' provisions indexed for matching (and for `national_only`)."""
    em = element_matcher(model, language) if model else None
    if em is None:
        return index_corpus(documents, language)
    corpus = index_corpus(documents, language, em.scanner, lambda ix, p: em.provision_kinds(ix, len(p.children)),
                          em.all_provision_kinds, fast=fast)
    # what each law is, from its title ("Código Procesal Penal"), marks all its provisions
    law_kinds = {d.frbr_uri: em.law_kinds(d.title) for d in documents}
    for p, kinds in zip(corpus.provisions, corpus.kinds):
        kinds |= law_kinds.get(p.document, set())
        if em.is_repealed(_opening(p)):
            kinds.add("repealed")
    return corpus


# ------------------------------------------------------------------ matching

def match(instrument: Instrument, documents: list[Document], settings: MatchSettings = MatchSettings(),
          model: ElementModel | None = None, corpus: Corpus | None = None) -> dict[str, list[Finding]]:
    """Findings per assessed article number, best first. `corpus`: the documents already indexed
    (`index_provisions`), else they are indexed here."""
    articles = [a for a in instrument.articles if a.assessed]
    by_article: dict[str, list[Finding]] = {a.num: [] for a in articles}
    if not any(d.provisions for d in documents):
        return by_article
    model = model if model is not None else load_elements(instrument.id)
    if corpus is None:
        corpus = index_provisions(documents, model, documents[0].language or instrument.language, settings.fast)
    provisions = corpus.provisions
    sim = Similarity(articles, corpus, model, instrument.language)
    em = element_matcher(model, corpus.language) if model else None
    everyone = range(len(provisions))
    # a law that prints no headings (many amending laws) is matched on its elements and text
    # alone: a heading it lacks is not evidence against its provisions
    headless = {d.frbr_uri for d in documents if d.provisions and not any(p.heading for p in d.provisions)}
    text_weight = 1 - settings.element_weight - settings.heading_weight
    candidates: list[Finding] = []
    heading_names: dict[int, dict[str, float]] = {}   # provision -> article -> key share its heading names
    at: dict[int, int] = {}          # finding -> its provision's number in the corpus

    def pool_for(am):
        # the fast path looks only at provisions holding the article's key terms; the unoptimised
        # path looks at every provision (and finds the same)
        pool = em.candidates(am, corpus.postings) if am is not None and corpus.postings is not None else None
        return everyone if pool is None else pool

    for a in articles:
        am = model.articles.get(a.num) if model else None
        if am is not None and am.assessed_on:
            continue                 # assessed on other articles' provisions, below
        pool = pool_for(am)
        evidence_of = {}
        if am is not None:
            evidence_of = _evidence_of(am, pool, corpus, em)
            if not evidence_of and am.fallback_key:
                # no provision carries the article's key: the laws may still carry it in the
                # words of other provisions (the conditions written into each power, for Art 15)
                am = dataclasses.replace(am, key=am.fallback_key, fallback_key=[])
                evidence_of = _evidence_of(am, pool_for(am), corpus, em)
            pool = list(evidence_of)
        for i, text in zip(pool, sim.texts(a.num, list(pool))):
            head = sim.heading(a.num, i)
            ev = evidence_of.get(i)
            if ev is not None:
                # a heading naming the article's key elements ("Preservación provisoria de datos
                # informáticos") counts as much as a heading worded like the article's title
                head = (head + ev.heading_share) / 2
                parts = settings.element_weight * ev.share + text_weight * min(1.0, text / settings.text_scale)
                if provisions[i].document in headless:
                    score = parts / (settings.element_weight + text_weight)
                else:
                    score = parts + settings.heading_weight * head
                evidence = {"elements_found": ev.found, "elements_missing": ev.missing,
                            "options_used": ev.options}
                heading_names.setdefault(i, {})[a.num] = ev.heading_share
            else:
                score = 0.4 * head + 0.6 * min(1.0, text / 0.45)
                evidence = {}
            if score < (settings.titled_floor if ev is not None and _titled(am, ev.found) else settings.min_score):
                continue
            evidence.update({"heading_similarity": round(head, 3), "text_similarity": round(text, 3),
                             "shared_terms": []})     # filled in once the finding is kept
            candidates.append(Finding(article=a.num, provision=provisions[i], score=round(score, 4),
                                      evidence=evidence))
            at[id(candidates[-1])] = i
    offence_names = {i: {x: v for x, v in shares.items() if model.articles[x].kind == "offence"}
                     for i, shares in heading_names.items()}
    kept, only_as_best, elsewhere = _settle(candidates, at, offence_names, model, settings)
    pools = {num: [] for num in by_article}
    for f in kept:
        pools[f.article].append(f)

    def select(num):
        fs = pools[num]
        fs.sort(key=lambda f: (-f.score, f.provision.document, f.provision.eid))
        named = {id(f) for f in fs if heading_names.get(at[id(f)], {}).get(num, 0.0) >= 1.0}
        aggravating = {id(f) for f in fs if "aggravation_lead" in corpus.kinds[at[id(f)]]} if corpus.kinds else set()
        offences = {id(f) for f in fs if "offence_lead" in corpus.kinds[at[id(f)]]} if corpus.kinds else set()
        return _select(fs, model.articles.get(num) if model else None, settings, named, aggravating, offences)

    for num in by_article:
        by_article[num] = select(num)
    # a provision left out of an article because it fits another better comes back when the other
    # does not take it (a code's «Audiencia de control de legalidad posterior» speaks of the
    # interceptions it reviews, but Art 21 has its interception power: the hearing is Art 15's)
    taken = {f.provision.ref for fs in by_article.values() for f in fs}
    back = [f for f in elsewhere if f.provision.ref not in taken]
    for f in back:
        pools[f.article].append(f)
    for num in {f.article for f in back}:
        by_article[num] = select(num)
    # a provision that is one article's own best fit is not also a further provision of another
    # (the interception power that implements Art 21 is not also a second production order);
    # one kept only as an article's best, for want of another, does not count
    primary = {fs[0].provision.ref: num for num, fs in by_article.items() if fs and id(fs[0]) not in only_as_best}
    for num, fs in by_article.items():
        by_article[num] = fs[:1] + [f for f in fs[1:] if primary.get(f.provision.ref, num) == num]
        # the words as written and the shared stems, for the findings kept
        for f in by_article[num]:
            i = at[id(f)]
            ev = f.evidence
            for k in ("elements_found", "options_used"):
                if k in ev:
                    ev[k] = {n: corpus.indexes[i].words_at(hit) for n, hit in ev[k].items()}
            ev["shared_terms"] = sim.shared(num, i)[:12]
    if model is not None:
        for num, fs in _built_on(model, by_article, at, corpus, em).items():
            by_article[num] = by_article[num] + fs
    cited_by = None
    if model is not None and (model.incorporation or any(am.links for am in model.articles.values())):
        cited_by = Citations(documents)       # read when first asked; remembers what it read on a re-run
    if model is not None and model.incorporation:
        for num, fs in _by_incorporation(model, by_article, corpus, em, cited_by).items():
            by_article[num] = by_article[num] + fs
    if model is not None and any(am.links for am in model.articles.values()):
        for num, fs in _by_citation(model, by_article, corpus, em, cited_by).items():
            by_article[num] = by_article[num] + fs
    for a in articles:
        am = model.articles.get(a.num) if model else None
        if am is not None and am.assessed_on:
            by_article[a.num] = _assessed_on(am, by_article, at, corpus, em)
    return by_article


def _implemented(by_article: dict[str, list[Finding]]) -> dict[str, list[Finding]]:
    """The findings of each top-level provision mapped to an article."""
    implements: dict[str, list[Finding]] = {}
    for fs in by_article.values():
        for f in fs:
            implements.setdefault(f.provision.top_ref, []).append(f)
    return implements


def _kind_fits(articles: list[ArticleModel], corpus: Corpus, em: ElementMatcher) -> list[list[ArticleModel]]:
    """Per provision, the articles among `articles` its kind fits (`kind_ok`), worked out once per
    set of kinds: most provisions share theirs with many others."""
    memo: dict[frozenset, list[ArticleModel]] = {}
    out = []
    for kinds in corpus.kinds:
        key = frozenset(kinds)
        if key not in memo:
            memo[key] = [am for am in articles if em.kind_ok(am, kinds)]
        out.append(memo[key])
    return out


def _finding_through(am: ArticleModel, p: Provision, idx: TextIndex, hits: dict, score: float, **how) -> Finding:
    """A finding made through other articles' provisions (`how`: what it cites, the article it
    builds on), with the elements of `am` its own words carry (`hits`, from `locate_elements`)."""
    found = {n: idx.words_at(hit) for n, hit in hits.items()}
    return Finding(article=am.num, provision=p, score=score,
                   evidence={"elements_found": found, "elements_missing": [n for n in am.elements if n not in found],
                             "options_used": {}, **how, "heading_similarity": 0.0, "text_similarity": 0.0,
                             "shared_terms": []})


_SENTENCE_END = re.compile(r"[.;:]\s|\n")


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence of `text` holding text[start:end]."""
    before = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    after = _SENTENCE_END.search(text, end)
    return text[before[-1] if before else 0:after.start() if after else len(text)]


def _by_incorporation(model: ElementModel, by_article: dict[str, list[Finding]], corpus: Corpus,
                      em: ElementMatcher, cited_by: Citations) -> dict[str, list[Finding]]:
    """Findings for powers: a power carrying an article's conduct (the first group of its key)
    that makes provisions implementing that article apply to its own measure («… captar, grabar y
    registrar subrepticiamente imágenes o sonidos … Regirán, en lo pertinente, las disposiciones de
    los artículos 222 a 225»: the interception power of Art 21)."""
    if em.incorporates is None:
        return {}
    powers = [am for am in model.articles.values() if am.kind == "power" and am.key and am.num in by_article]
    implements = _implemented(by_article)
    mapped = {am.num: {f.provision.top_ref for f in by_article[am.num]} for am in powers}
    out: dict[str, list[Finding]] = {}
    # only the provisions with a word of incorporation are read (their stems: the words themselves
    # are checked in the sentence of each citation)
    if corpus.postings is not None:
        holders = set().union(*(corpus.postings.get(t, ()) for t in em.incorporation))
    else:
        holders = {i for i, ix in enumerate(corpus.indexes) if ix.find(em.incorporation) is not None}
    for i in sorted(holders):
        p = corpus.provisions[i]
        candidates = [am for am in powers if em.kind_ok(am, corpus.kinds[i]) and p.top_ref not in mapped[am.num]]
        if not candidates:
            continue
        # what it cites first (read once, and remembered on a re-run); its elements only then
        citations = [c for c in cited_by.of(p) if any(t in implements for t in c.targets)]
        if not citations:
            continue
        text = p.full_text
        for am in candidates:
            stood_on, cites = [], []
            for c in citations:
                fs = [f for t in c.targets for f in implements.get(t, []) if f.article == am.num]
                if fs and em.incorporates.search(_sentence(text, c.at, c.at + len(c.words)).lower()):
                    stood_on += fs
                    if all(x["words"] != c.words for x in cites):
                        cites.append({"words": c.words, "articles": [am.num]})
            if not stood_on:
                continue
            hits = em.locate_elements(am, corpus.indexes[i])
            if any(n in hits for n in am.key[0]):
                out.setdefault(am.num, []).append(_finding_through(
                    am, p, corpus.indexes[i], hits, min(f.score for f in stood_on), cites=cites, incorporates=True))
    return out


def _by_citation(model: ElementModel, by_article: dict[str, list[Finding]], corpus: Corpus,
                 em: ElementMatcher, cited_by: Citations) -> dict[str, list[Finding]]:
    """Findings for the articles with `links`: provisions citing provisions that implement an
    article of each linked group (Art 14: «las técnicas previstas en los artículos 222 a 226 del
    Código Procesal Penal» for «los delitos contemplados en los artículos 1° … de esta ley»).
    Found after the other articles are mapped, from their findings, and never before them."""
    linked = [am for num, am in model.articles.items() if am.links and num in by_article]
    implements = _implemented(by_article)      # top-level provision -> its findings
    taken = {am.num: {f.provision.ref for f in by_article[am.num]} for am in linked}
    # the provisions holding terms of every key group, for the articles whose key must be there
    keyed = {am.num: set(em.candidates(am, corpus.postings) or []) for am in linked
             if am.links_with_key and corpus.postings is not None}
    out: dict[str, list[Finding]] = {}
    for i, (p, candidates) in enumerate(zip(corpus.provisions, _kind_fits(linked, corpus, em))):
        candidates = [am for am in candidates if p.ref not in taken[am.num] and (
            not am.links_with_key or ((am.num not in keyed or i in keyed[am.num])
                                      and em.evidence(am, corpus.indexes[i], corpus.kinds[i]) is not None))]
        citations = cited_by.of(p) if candidates else []
        for am in candidates:
            cites, stood_on = [], []
            for group in am.links:
                # a rule joining powers and offences names sets of them («artículos 222 a 226»,
                # «artículos 1°, 2° … y 7°»): a power citing one offence in passing (for its
                # definition of a protected computer) or one power is not that rule
                hits = [(c, [f for t in c.targets for f in implements.get(t, []) if f.article in group])
                        for c in citations]
                if len({f.provision.top_ref for _, fs in hits for f in fs}) < 2:
                    break
                for c, fs in hits:
                    if fs and all(x["words"] != c.words for x in cites):     # the same words cited twice: once
                        cites.append({"words": c.words, "articles": sorted({f.article for f in fs}, key=_article_order)})
                stood_on += [f for _, fs in hits for f in fs]
            else:                    # every group cited
                # no words of the article's own to be scored on: as strong as the weakest finding
                # it stands on
                out.setdefault(am.num, []).append(_finding_through(
                    am, p, corpus.indexes[i], em.locate_elements(am, corpus.indexes[i]),
                    min(f.score for f in stood_on), cites=cites))
    return out


def _built_on(model: ElementModel, by_article: dict[str, list[Finding]], at: dict, corpus: Corpus,
              em: ElementMatcher) -> dict[str, list[Finding]]:
    """Findings for the articles with `builds_on`: the provisions implementing the article built on
    that carry the elements named (Art 17: «la conservación … de datos informáticos» asked of «cualquier
    proveedor de servicio», the power of Art 16), each as strong as its finding there."""
    out: dict[str, list[Finding]] = {}
    for num, am in model.articles.items():
        base = am.builds_on.get("article") if am.builds_on else None
        if num not in by_article or base not in by_article:
            continue
        taken = {f.provision.ref for f in by_article[num]}
        for f in by_article[base]:
            if f.provision.ref in taken or id(f) not in at:
                continue
            i = at[id(f)]
            hits = em.locate_elements(am, corpus.indexes[i])
            if all(n in hits for n in am.builds_on["with"]):
                out.setdefault(num, []).append(_finding_through(am, f.provision, corpus.indexes[i], hits, f.score,
                                                                builds_on=base))
    return out


def _article_order(num: str):
    return (int(re.match(r"\d+", num).group(0)) if re.match(r"\d+", num) else 0, num)


def _evidence_of(am: ArticleModel, pool, corpus: Corpus, em: ElementMatcher) -> dict:
    """The element evidence of each provision in `pool` that is a candidate for `am`."""
    out = {}
    for i in pool:
        if em.kind_ok(am, corpus.kinds[i]):
            ev = em.evidence(am, corpus.indexes[i], corpus.kinds[i])
            if ev is not None:
                out[i] = ev
    return out


def _settle(candidates: list[Finding], at: dict, heading_names: dict, model: ElementModel | None,
            settings: MatchSettings) -> tuple[list[Finding], set[int], list[Finding]]:
    """The candidates each article keeps before selection, when a provision could serve several;
    (as ids) those kept only as an article's best candidate though they fit another better; and
    those left out because they fit another article better."""
    # an offence whose heading names every key element of one offence article ("Unauthorised
    # disclosure of password": Art 6; "Violación a los derechos morales de autor": Art 10) and none
    # of another is not taken for the other; unless it defines a further offence in a later
    # paragraph ("Na mesma pena incorre quem produz … dispositivo": Art 6 beside the invasion of
    # Art 2), which is left to the rules below when it scores below the named one
    score_of = {(f.article, at[id(f)]): f.score for f in candidates}

    def named_elsewhere(f):
        shares = heading_names.get(at[id(f)], {})
        if shares.get(f.article, 1.0) != 0.0:
            return False
        named = [x for x, v in shares.items() if v >= 1.0 and (x, at[id(f)]) in score_of]
        if not named:
            return False
        further = bool(further_offences(f.provision, start=0))
        return any(not further or score_of[(x, at[id(f)])] < f.score for x in named)

    candidates = [f for f in candidates if not named_elsewhere(f)]
    # a provision stays with an article unless another article fits it clearly better; an
    # article's best candidate stays too (else an article could lose the provision that implements
    # it to a neighbour: one section may create two offences), unless the article has candidates
    # that fit it best and this one fits another article far better
    best_for_provision: dict[str, float] = {}
    best_for_article: dict[str, float] = {}
    for f in candidates:
        best_for_provision[f.provision.ref] = max(best_for_provision.get(f.provision.ref, 0.0), f.score)
        best_for_article[f.article] = max(best_for_article.get(f.article, 0.0), f.score)

    def fits_here(f):
        am = model.articles.get(f.article) if model else None
        share = settings.offence_compete if am is not None and am.kind == "offence" else settings.compete
        return f.score >= share * best_for_provision[f.provision.ref]

    fits = {id(f) for f in candidates if fits_here(f)}
    has_own = {f.article for f in candidates if id(f) in fits}
    kept = [f for f in candidates
            if id(f) in fits or (f.score >= best_for_article[f.article] and (
                f.article not in has_own or f.score >= settings.best_stays * best_for_provision[f.provision.ref]))]
    kept_ids = {id(f) for f in kept}
    return kept, {id(f) for f in kept if id(f) not in fits}, [f for f in candidates if id(f) not in kept_ids]


def _assessed_on(am: ArticleModel, by_article: dict[str, list[Finding]], at: dict, corpus: Corpus,
                 em: ElementMatcher) -> list[Finding]:
    """The provisions mapped to the articles `am` is assessed on (Art 13: the offences of Arts 2-10),
    each with the elements of `am` it carries (deprivation of liberty)."""
    out: list[Finding] = []
    seen: set[str] = set()
    for src in am.assessed_on:
        for f in by_article.get(src, []):
            if f.provision.ref in seen:
                continue
            seen.add(f.provision.ref)
            ix = corpus.indexes[at[id(f)]]
            found = {n: ix.words_at(hit) for n, hit in em.locate_elements(am, ix).items()}
            out.append(Finding(article=am.num, provision=f.provision, score=em.share(am, found), source="derived",
                               evidence={"assessed_on": src, "elements_found": found,
                                         "elements_missing": [n for n in am.elements if n not in found]}))
    return out


def _titled(am: ArticleModel, found) -> bool:
    """Whether a provision carries a key element that the model reads in headings only."""
    return any(n in found for n in am.heading_key)


def _lacks_required(am: ArticleModel, evidence: dict) -> bool:
    """Whether a provision lacks a required element (of a group of alternatives, all of them)."""
    found = evidence.get("elements_found", {})
    had = {n for group in am.alternatives if any(m in found for m in group) for n in group}
    return any(am.elements[n].required and not am.elements[n].general_part and n not in had
               for n in evidence.get("elements_missing", []))


def _select(fs: list[Finding], am: ArticleModel | None, settings: MatchSettings,
            named: set[int] = frozenset(), aggravating: set[int] = frozenset(),
            offences: set[int] = frozenset()) -> list[Finding]:
    """The best candidate, then those close to it or adding a required element it lacks.
    `named`: (ids of) provisions whose heading names every key element of the article;
    `aggravating`: (ids of) provisions whose lead raises the penalty of offences defined elsewhere;
    `offences`: (ids of) provisions whose lead punishes."""
    if not fs:
        return []
    if am is not None and am.kind == "offence" and fs[0].evidence.get("options_used"):
        # the plain offence implements the article before its aggravated variant ("Access with
        # intent to commit offences" beside "Unauthorised access"), when it fits about as well
        plain_offence = next((f for f in fs[1:] if f.score >= settings.relative * fs[0].score
                              and not f.evidence.get("options_used") and not _lacks_required(am, f.evidence)), None)
        if plain_offence is not None:
            fs = [plain_offence] + [f for f in fs if f is not plain_offence]
    chosen = [fs[0]]
    covered = set(fs[0].evidence.get("elements_found", {}))
    plain = not fs[0].evidence.get("options_used")
    for k, f in enumerate(fs[1:], 1):
        if len(chosen) >= (settings.max_per_offence if am is not None and am.kind == "offence"
                           else settings.max_per_article):
            break
        adds = set(f.evidence.get("elements_found", {})) - covered
        # an element of the article the chosen ones lack (Art 6: the password offence beside the
        # device offence; Art 25(5): assistance "incluso si la conducta … no se encuentra
        # tipificada" beside the request for assistance); not one only an offence's penalty
        # carries for a rule that is no offence ("not more than one year" is no extradition threshold)
        optional_too = am is not None and (am.kind == "offence" or id(f) not in offences)
        adds_element = am is not None and any(
            (am.elements[n].required or any(n in g for g in am.alternatives) or optional_too)
            and not am.elements[n].general_part for n in adds)
        # a second offence that carries every element of the article implements it too (one law
        # punishes modifying data, another destroying it), even when the first fits better
        complete = am is not None and am.kind == "offence" and not _lacks_required(am, f.evidence)
        # a further offence that adds a condition the Party may add (access "with intent to commit
        # an offence") beside one without it is the aggravated variant, not another implementation
        if complete and not adds_element and f.evidence.get("options_used") and plain:
            continue
        # a provision raising the penalty of offences defined elsewhere is not another of them
        if am is not None and am.kind == "offence" and id(f) in aggravating:
            continue
        # beside the rule of the general part, an offence of the special part adding nothing to it is
        # no further implementation («Instigación a delinquir» beside «Son partícipes el
        # determinador y el cómplice»: incitement is an offence of its own)
        if am is not None and am.kind == "general" and id(f) in offences and not adds \
                and id(fs[0]) not in offences:
            continue
        # a limb of a rule of the general part that codes put in a provision of its own (attempt
        # beside complicity, Art 11) is implemented by its best provision, however the other scores
        limb = am is not None and am.kind != "offence" and any(n in g for g in am.alternatives for n in adds)
        if limb and id(f) in offences:
            # an offence of its own that speaks of an attempt ("si el suicidio no se consuma, pero
            # su intento…") is not the rule of the general part, when the laws have that rule
            limb = not any(id(g) not in offences and set(g.evidence.get("elements_found", {})) & adds
                           for g in fs[k + 1:])
        # a rule that a code splits among provisions its headings name ("Territorialidad",
        # "Territorialidad por extensión", "Extraterritorialidad": Art 22) is implemented by each,
        # when its heading is as close to the article as the best one's; not by an offence that
        # names it ("Resistance to extradition agent")
        named_part = am is not None and am.kind != "offence" and not am.alternatives and id(f) in named \
            and id(f) not in offences \
            and f.evidence.get("heading_similarity", 0.0) >= fs[0].evidence.get("heading_similarity", 0.0)
        # a provision titled for the article (its heading names a safeguard: Art 15) is one of its
        # provisions, however little its words share with the Convention's abstract text
        titled = am is not None and _titled(am, f.evidence.get("elements_found", {}))
        # an offence whose heading names the article ("Disclosure of access code": Art 6) is
        # another of its offences, though its words fit less closely than the first's
        if limb or f.score >= settings.relative * fs[0].score \
                or ((adds_element or (id(f) in named and am is not None and am.kind == "offence"))
                    and f.score >= settings.adds_relative * fs[0].score) \
                or (named_part and f.score >= settings.named_relative * fs[0].score) \
                or (titled and f.score >= settings.titled_relative * fs[0].score) \
                or (complete and f.score >= settings.complete_relative * fs[0].score):
            chosen.append(f)
            covered |= adds
            plain = plain or not f.evidence.get("options_used")
    return chosen


def national_only(documents: list[Document], findings: dict[str, list[Finding]], model: ElementModel | None,
                  corpus: Corpus | None = None) -> list[Provision]:
    """Cyber offences of the national law that implement no article (identity theft, cyberstalking…):
    provisions that punish, speak of computers or data, and were matched to nothing."""
    if model is None or "offence" not in model.kinds:
        return []
    if corpus is None:
        corpus = index_provisions(documents, model, documents[0].language if documents else "eng")
    em = element_matcher(model, corpus.language)
    used = {f.provision.ref for fs in findings.values() for f in fs}
    if corpus.postings is not None:
        computer = set().union(*(corpus.postings.get(t, ()) for t in em.computer))
        speaks_of_computers = computer.__contains__
    else:
        def speaks_of_computers(i):
            return corpus.indexes[i].find(em.computer) is not None
    return [p for i, (p, kinds) in enumerate(zip(corpus.provisions, corpus.kinds))
            if p.ref not in used and "offence" in kinds and "power" not in kinds and "repealed" not in kinds
            and speaks_of_computers(i)]
