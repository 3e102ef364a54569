"""Matching: which national provisions implement which Convention article, and why.

Each top-level national provision is compared with each assessed article in the statute's own
language. Where the instrument has an element model (`elements.yaml`), a provision is a candidate
for an article only if it is the right kind of provision (an offence for Arts 2-10, a power for
Arts 14-21, …) and carries the article's key elements (the conduct and the object of an
offence, …); candidates are scored on the share of the article's elements they carry, their
heading against the article's title (rapidfuzz) and their text against the article's text
(TF-IDF cosine over stems). Without an element model, the score is heading and text similarity.

Many-to-many: an article may take several provisions (a second provision is kept when it scores
close to the best or carries a required element the others lack), and a provision may serve
several articles (it is dropped from an article only when it fits another one clearly better).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from gapcheck.elements import (ArticleModel, ElementModel, TermTrie, TextIndex, compiled_terms, count_tokens,
                               load_elements, tokenize)
from gapcheck.model import Article, Document, Finding, Instrument, Provision
from gapcheck.text import STOPWORDS, normalise


@dataclass(frozen=True)
class MatchSettings:
    min_score: float = 0.45        # below this, no finding
    relative: float = 0.92         # keep provisions scoring at least this share of the article's best
    compete: float = 0.90          # drop a pair scoring under this share of the provision's best article
    max_per_article: int = 4
    element_weight: float = 0.50
    heading_weight: float = 0.35   # the rest is text similarity
    text_scale: float = 0.40       # a cosine at or above this counts as full text similarity
    fast: bool = True              # term pre-filter by trie; False: index every n-gram (to check both agree)


# ------------------------------------------------------------------ text similarity

def _vector(tokens: list[str], idf: dict[str, float]) -> dict[str, float]:
    tf = Counter(tokens)
    vec = {t: (1 + math.log(c)) * idf.get(t, 0.0) for t, c in tf.items()}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {t: v / norm for t, v in vec.items()}


def _cosine(a: dict[str, float], b: dict[str, float]) -> tuple[float, list[str]]:
    if len(a) > len(b):
        a, b = b, a
    shared = [t for t in a if t in b]
    return sum(a[t] * b[t] for t in shared), shared


def content_stems(tokens, language: str) -> list[str]:
    """The stems of the meaningful words (no stopwords, no numbers), from `tokenize` output."""
    stop = STOPWORDS.get(language, set())
    _, folded, stems = tokens
    return [st for f, st in zip(folded, stems) if f not in stop and not f.isdigit()]


class Similarity:
    """Heading and text similarity between the articles and the provisions of one analysis.
    IDF is taken over both sides, so the boilerplate of the treaty and of the code weighs little."""

    def __init__(self, articles: list[Article], provisions: list[Provision], language: str, prov_tokens=None):
        art_tokens = {a.num: content_stems(tokenize(a.title + " " + a.text, language), language) for a in articles}
        if prov_tokens is None:
            prov_tokens = [content_stems(tokenize(p.heading + " " + p.full_text, language), language) for p in provisions]
        df: Counter = Counter()
        for toks in list(art_tokens.values()) + prov_tokens:
            df.update(set(toks))
        n = len(art_tokens) + len(prov_tokens)
        idf = {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}
        self.art_vec = {k: _vector(v, idf) for k, v in art_tokens.items()}
        self.prov_vec = [_vector(t, idf) for t in prov_tokens]
        art_head = [normalise(a.title, language) for a in articles]
        prov_head = [normalise(p.heading, language) for p in provisions]
        # every heading against every title in one batched call, on the machine's cores
        scores = process.cdist(art_head, prov_head, scorer=fuzz.token_sort_ratio, workers=-1)
        self._row = {a.num: k for k, a in enumerate(articles)}
        self._head = scores
        self._empty = [not h for h in prov_head]
        self._art_empty = {a.num: not h for a, h in zip(articles, art_head)}

    def heading(self, num: str, i: int) -> float:
        if self._empty[i] or self._art_empty[num]:
            return 0.0
        return float(self._head[self._row[num], i]) / 100

    def text(self, num: str, i: int) -> tuple[float, list[str]]:
        return _cosine(self.art_vec[num], self.prov_vec[i])


# ------------------------------------------------------------------ element evidence

@dataclass
class ElementEvidence:
    found: dict[str, str]          # element -> the national words that matched
    missing: list[str]             # elements of the article not in this provision
    options: dict[str, str]        # options the provision uses -> the words
    share: float                   # weighted share of the article's elements found
    heading_share: float = 0.0     # share of the article's key groups its heading alone carries


def _weight(name: str, am: ArticleModel) -> float:
    e = am.elements[name]
    if any(name in g for g in am.key):
        return 1.5
    if e.general_part or not e.required:
        return 0.5
    return 1.0


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
        self.trie = TermTrie([t for ts in list(self._terms.values()) + list(self._kinds.values()) for t in ts])

    def index(self, provision: Provision, tokens=None, fast: bool = True) -> TextIndex:
        # the lead is a prefix of the text: counting its words is enough
        lead = count_tokens(provision.lead_text) if provision.children else None
        return TextIndex(provision.heading, "" if tokens is not None else provision.full_text, self.language,
                         trie=self.trie if fast else None, tokens=tokens, lead_tokens=lead)

    def provision_kinds(self, idx: TextIndex, parts: int = 0) -> set[str]:
        """What a provision is: an offence (it punishes), a power, a definitions provision, …
        `parts`: how many sub-provisions it has."""
        kinds = {k for k, terms in self._kinds.items() if idx.find(terms) is not None}
        # an interpretation section ("Interpretation", "Definiciones", or a list of terms each
        # "means …") only defines
        if "definition" in kinds and (idx.find(self._kinds["definition"], "heading") is not None
                                      or (idx.count(self._kinds["definition"]) >= 3 and parts >= 3)):
            kinds.add("definitions_only")
        return kinds

    def kind_ok(self, am: ArticleModel, kinds: set[str]) -> bool:
        if "definitions_only" in kinds:
            return am.kind == "definition"
        if am.kind == "definition":
            return False           # definitions are implemented by a definitions provision
        if am.kind in ("general", "any") or am.kind not in self._kinds:
            return True
        if am.kind == "cooperation":
            return bool(kinds & {"cooperation", "power"})
        if am.kind == "power" and "cooperation" in kinds:
            return False           # answering a foreign request is co-operation, not a domestic power
        return am.kind in kinds

    def evidence(self, am: ArticleModel, idx: TextIndex, kinds: set[str]) -> ElementEvidence | None:
        """The elements of `am` in a provision, or None when the provision is not a candidate."""
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
                words = idx.find(self._terms[(am.num, n)], where)
                if words is not None:
                    found[n] = words
                    break
            else:
                return None
        for name, e in am.elements.items():
            if name not in found:
                words = idx.find(self._terms[(am.num, name)], e.where)
                if words is not None:
                    found[name] = words
        found = {n: found[n] for n in am.elements if n in found}     # in the model's order
        total = sum(_weight(n, am) for n in am.elements)
        share = sum(_weight(n, am) for n in found) / total if total else 0.0
        options = {}
        for name in am.options:
            words = idx.find(self._terms[(am.num, "option:" + name)])
            if words is not None:
                options[name] = words
        in_heading = sum(1 for group in am.key
                         if any(idx.find(self._terms[(am.num, n)], "heading") is not None for n in group))
        return ElementEvidence(found=found, missing=[n for n in am.elements if n not in found],
                               options=options, share=share,
                               heading_share=in_heading / len(am.key) if am.key else 0.0)


# ------------------------------------------------------------------ matching

def match(instrument: Instrument, documents: list[Document], settings: MatchSettings = MatchSettings(),
          model: ElementModel | None = None) -> dict[str, list[Finding]]:
    """Findings per assessed article number, best first."""
    articles = [a for a in instrument.articles if a.assessed]
    provisions = [p for d in documents for p in d.provisions]
    by_article: dict[str, list[Finding]] = {a.num: [] for a in articles}
    if not provisions:
        return by_article
    language = documents[0].language or instrument.language
    model = model if model is not None else load_elements(instrument.id)
    # each provision is tokenised once: for the term index and for text similarity
    tokens = [tokenize(p.full_text, language) for p in provisions]
    heads = [tokenize(p.heading, language) for p in provisions]
    sim = Similarity(articles, provisions, language,
                     prov_tokens=[content_stems(h, language) + content_stems(t, language) for h, t in zip(heads, tokens)])
    em = ElementMatcher(model, language) if model else None
    indexes = [em.index(p, tokens[i], settings.fast) for i, p in enumerate(provisions)] if em else []
    kinds = [em.provision_kinds(ix, len(p.children)) for ix, p in zip(indexes, provisions)] if em else []
    candidates: list[Finding] = []
    for a in articles:
        am = model.articles.get(a.num) if model else None
        for i, p in enumerate(provisions):
            head = sim.heading(a.num, i)
            if am is not None:
                ev = em.evidence(am, indexes[i], kinds[i])
                if ev is None:
                    continue
                text, shared = sim.text(a.num, i)
                # a heading naming the article's key elements ("Preservación provisoria de datos
                # informáticos") counts as much as a heading worded like the article's title
                head = (head + ev.heading_share) / 2
                score = (settings.element_weight * ev.share + settings.heading_weight * head
                         + (1 - settings.element_weight - settings.heading_weight) * min(1.0, text / settings.text_scale))
                evidence = {"elements_found": ev.found, "elements_missing": ev.missing,
                            "options_used": ev.options}
            else:
                text, shared = sim.text(a.num, i)
                score = 0.4 * head + 0.6 * min(1.0, text / 0.45)
                evidence = {}
            if score < settings.min_score:
                continue
            evidence.update({"heading_similarity": round(head, 3), "text_similarity": round(text, 3),
                             "shared_terms": sorted(shared)[:12]})
            candidates.append(Finding(article=a.num, provision=p, score=round(score, 4), evidence=evidence))
    # a provision stays with an article unless another article fits it clearly better; an
    # article's best candidate always stays (else an article could lose the provision that
    # implements it to a neighbour: one section may create two offences)
    best_for_provision: dict[str, float] = {}
    best_for_article: dict[str, float] = {}
    for f in candidates:
        best_for_provision[f.provision.ref] = max(best_for_provision.get(f.provision.ref, 0.0), f.score)
        best_for_article[f.article] = max(best_for_article.get(f.article, 0.0), f.score)
    for f in candidates:
        if f.score >= best_for_article[f.article] or f.score >= settings.compete * best_for_provision[f.provision.ref]:
            by_article[f.article].append(f)
    for num, fs in by_article.items():
        fs.sort(key=lambda f: (-f.score, f.provision.document, f.provision.eid))
        by_article[num] = _select(fs, model.articles.get(num) if model else None, settings)
    return by_article


def _select(fs: list[Finding], am: ArticleModel | None, settings: MatchSettings) -> list[Finding]:
    """The best candidate, then those close to it or adding a required element it lacks."""
    if not fs:
        return []
    chosen = [fs[0]]
    covered = set(fs[0].evidence.get("elements_found", {}))
    for f in fs[1:]:
        if len(chosen) >= settings.max_per_article:
            break
        adds = set(f.evidence.get("elements_found", {})) - covered
        adds_required = am is not None and any(am.elements[n].required and not am.elements[n].general_part for n in adds)
        if f.score >= settings.relative * fs[0].score or (adds_required and f.score >= 0.8 * fs[0].score):
            chosen.append(f)
            covered |= adds
    return chosen


def national_only(documents: list[Document], findings: dict[str, list[Finding]], model: ElementModel | None) -> list[Provision]:
    """Cyber offences of the national law that implement no article (identity theft, cyberstalking…):
    provisions that punish, speak of computers or data, and were matched to nothing."""
    if model is None or "offence" not in model.kinds:
        return []
    language = documents[0].language if documents else "eng"
    em = ElementMatcher(model, language)
    # computer words, and data words of two or more words ("datos informáticos", not bare "data")
    computer = compiled_terms(model.vocab.get("computer_system", {}), language) + \
        [t for t in compiled_terms(model.vocab.get("computer_data", {}), language) if len(t) > 1]
    trie = TermTrie([t for ts in em._kinds.values() for t in ts] + computer)
    used = {f.provision.ref for fs in findings.values() for f in fs}
    out = []
    for d in documents:
        for p in d.provisions:
            if p.ref in used:
                continue
            idx = TextIndex(p.heading, p.full_text, language, trie=trie)
            kinds = em.provision_kinds(idx, len(p.children))
            if "offence" in kinds and "power" not in kinds and idx.find(computer) is not None:
                out.append(p)
    return out
