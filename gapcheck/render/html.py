"""The HTML report: one self-contained file (CSS and JS inline, no network), autoescaped.

Statute text, headings and comments are escaped everywhere; the only markup added to them is
`<mark>` around the words that matched an element, built here from escaped pieces.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from gapcheck.assess import indicators
from gapcheck.elements import TextIndex, compiled_terms, load_elements
from gapcheck.instruments import instrument_spec
from gapcheck.model import STATUS_LABELS, Assessment, Status
from gapcheck.render.labels import labels

_TEMPLATES = Path(__file__).parent / "templates"


def anchor(ref: str) -> str:
    return "p-" + re.sub(r"[^A-Za-z0-9_-]", "-", ref)


def highlight(text: str, phrases) -> Markup:
    """`text` escaped, with each phrase (words as the statute writes them) wrapped in <mark>."""
    words = [p for p in {p for p in phrases if p and p.strip()}]
    if not words:
        return escape(text)
    # a phrase's words may be separated by any punctuation or spacing in the text
    patterns = sorted((r"\W+".join(map(re.escape, p.split())) for p in words), key=len, reverse=True)
    rx = re.compile(r"(?<!\w)(" + "|".join(patterns) + r")(?!\w)", re.IGNORECASE)
    out, pos = [], 0
    for m in rx.finditer(text):
        out.append(escape(text[pos:m.start()]))
        out.append(Markup("<mark>") + escape(m.group(0)) + Markup("</mark>"))
        pos = m.end()
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def _convention_phrases(a: Assessment) -> dict[str, list[str]]:
    """For each article, the Convention's own words for the elements found in national law."""
    model = load_elements(a.instrument.id)
    out: dict[str, list[str]] = {}
    if model is None:
        return out
    lang = a.instrument.language
    for x in a.articles:
        am = model.articles.get(x.article.num)
        if am is None or not x.elements_found:
            continue
        idx = TextIndex(x.article.title, x.article.text, lang)
        phrases = []
        for name in x.elements_found:
            # every wording of the element the article uses ("datos sobre el tráfico" and "la vía
            # por la que se transmitió"), not only the first
            for term in compiled_terms(am.elements[name].terms, lang):
                words = idx.find([term])
                if words and "\x01" not in words and words not in phrases:
                    phrases.append(words)
        out[x.article.num] = phrases
    return out


def _env() -> Environment:
    env = Environment(loader=FileSystemLoader(str(_TEMPLATES)),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["anchor"] = anchor
    env.filters["highlight"] = highlight
    return env


def chapters(a: Assessment) -> list[dict]:
    out: list[dict] = []
    for x in a.articles:
        if not out or out[-1]["num"] != x.article.chapter:
            out.append({"num": x.article.chapter, "title": x.article.chapter_title, "articles": [],
                        "counts": {s: 0 for s in Status}})
        out[-1]["articles"].append(x)
        out[-1]["counts"][x.status] += 1
    return out


def to_html(assessments, lang: str = "en") -> str:
    """One report for one or several instruments (a section per instrument)."""
    if isinstance(assessments, Assessment):
        assessments = [assessments]
    a = assessments[0]
    multi = len(assessments) > 1
    SL = STATUS_LABELS.get(lang, STATUS_LABELS["en"])
    data = {"country": a.country, "instruments": [x.instrument.id for x in assessments]}
    return _env().get_template("report.html.j2").render(
        a=a, assessments=assessments, multi=multi, L=labels(lang), lang=lang,
        lang3={"en": "eng", "es": "spa"}.get(lang, "eng"), SL=SL, Status=Status, chapters_of=chapters,
        indicators_of=lambda x: indicators(x, instrument_spec(x.instrument.id)),
        prefix=lambda x: f"{x.instrument.id}-" if multi else "",
        conv_phrases={x.instrument.id: _convention_phrases(x) for x in assessments},
        data_json=Markup(json.dumps(data).replace("<", "\\u003c")))
