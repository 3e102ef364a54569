"""Matching: which national provisions implement which Convention article, with a score and
the words that made it.

Each top-level national provision is compared with each assessed article in the statute's own
language (a Spanish statute against the Spanish text of the Convention): heading against
heading with rapidfuzz, and text against text as TF-IDF cosine over stems, so that words every
article repeats ("Each Party shall adopt such legislative…") weigh nothing and distinctive ones
("interception", "traffic data") weigh most. Many-to-many: an article may take several
provisions, a provision may serve several articles.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from rapidfuzz import fuzz

from gapcheck.model import Article, Document, Finding, Instrument, Provision
from gapcheck.text import normalise, stems


@dataclass(frozen=True)
class MatchSettings:
    min_score: float = 0.30        # below this, no finding
    relative: float = 0.70         # keep provisions scoring at least this share of the article's best
    max_per_article: int = 4
    heading_weight: float = 0.40   # the rest is text similarity


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


def score_pairs(instrument: Instrument, provisions: list[Provision], language: str) -> list[tuple[Article, Provision, float, dict]]:
    """Every (article, top-level provision) pair with its score and evidence."""
    articles = [a for a in instrument.articles if a.assessed]
    art_tokens = {a.num: stems(a.title + " " + a.text, language) for a in articles}
    prov_tokens = [stems(p.heading + " " + p.full_text, language) for p in provisions]
    # IDF over both sides: boilerplate of the treaty and of the national code both weigh little.
    df: Counter = Counter()
    for toks in list(art_tokens.values()) + prov_tokens:
        df.update(set(toks))
    n = len(art_tokens) + len(prov_tokens)
    idf = {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}
    art_vec = {k: _vector(v, idf) for k, v in art_tokens.items()}
    prov_vec = [_vector(t, idf) for t in prov_tokens]
    art_head = {a.num: normalise(a.title, language) for a in articles}
    prov_head = [normalise(p.heading, language) for p in provisions]
    out = []
    for a in articles:
        for i, p in enumerate(provisions):
            text_sim, shared = _cosine(art_vec[a.num], prov_vec[i])
            head_sim = fuzz.token_sort_ratio(art_head[a.num], prov_head[i]) / 100 if prov_head[i] and art_head[a.num] else 0.0
            out.append((a, p, head_sim, text_sim, shared))
    return out


def match(instrument: Instrument, documents: list[Document], settings: MatchSettings = MatchSettings()) -> dict[str, list[Finding]]:
    """Findings per article number, best first."""
    provisions = [p for d in documents for p in d.provisions]
    language = documents[0].language if documents else instrument.language
    by_article: dict[str, list[Finding]] = {a.num: [] for a in instrument.articles if a.assessed}
    if not provisions:
        return by_article
    pairs = score_pairs(instrument, provisions, language)
    # text similarity is scaled to the best text similarity seen for the article, so that a
    # long article (Art 27) and a short one (Art 2) are judged alike
    for a, p, head_sim, text_sim, shared in pairs:
        score = settings.heading_weight * head_sim + (1 - settings.heading_weight) * min(1.0, text_sim / 0.45)
        if score >= settings.min_score:
            by_article[a.num].append(Finding(article=a.num, provision=p, score=round(score, 4),
                                             evidence={"heading_similarity": round(head_sim, 3),
                                                       "text_similarity": round(text_sim, 3),
                                                       "shared_terms": sorted(shared)[:12]}))
    for num, fs in by_article.items():
        fs.sort(key=lambda f: (-f.score, f.provision.document, f.provision.eid))
        if fs:
            best = fs[0].score
            by_article[num] = [f for f in fs if f.score >= settings.relative * best][:settings.max_per_article]
    return by_article
