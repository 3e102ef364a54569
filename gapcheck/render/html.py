"""The HTML report: one self-contained file (CSS and JS inline, no network), autoescaped."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from gapcheck.assess import indicators
from gapcheck.instruments import instrument_spec
from gapcheck.model import STATUS_LABELS, Assessment, Status
from gapcheck.render.labels import labels

_TEMPLATES = Path(__file__).parent / "templates"


def _env() -> Environment:
    env = Environment(loader=FileSystemLoader(str(_TEMPLATES)),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["anchor"] = lambda s: "p-" + "".join(c if c.isalnum() else "-" for c in s)
    return env


def to_html(a: Assessment, lang: str = "en") -> str:
    provisions = {}
    for x in a.articles:
        for f in x.findings:
            provisions[f.provision.ref] = f.provision
    return _env().get_template("report.html.j2").render(
        a=a, L=labels(lang), lang=lang, SL=STATUS_LABELS.get(lang, STATUS_LABELS["en"]), Status=Status,
        indicators=indicators(a, instrument_spec(a.instrument.id)), provisions=provisions,
        counts=a.counts())
