"""The JSON report: the contract other tools (and the reform tracker) read. Keep fields stable."""

from __future__ import annotations

import json

from gapcheck.assess import indicators
from gapcheck.instruments import instrument_spec
from gapcheck.model import Assessment


def to_dict(a: Assessment) -> dict:
    return {
        "tool": {"name": "gapcheck", "version": a.tool_version},
        "instrument": {"id": a.instrument.id, "language": a.instrument.language, "title": a.instrument.title,
                       **({"note": a.instrument.note} if a.instrument.note else {})},
        "country": a.country,
        "created": a.created,
        "documents": [{"frbr_uri": d.frbr_uri, "title": d.title, "language": d.language, "date": d.date,
                       "type": d.doc_type, "source": d.source} for d in a.documents],
        "overrides": a.overrides_file,
        "scope_note": ("Status reflects only the laws analysed: 'absent' means not found in these texts."),
        "counts": {s.value: n for s, n in a.counts().items()},
        "indicators": indicators(a, instrument_spec(a.instrument.id)),
        "articles": [{
            "article": x.article.num, "title": x.article.title, "chapter": x.article.chapter,
            "status": x.status.value, "source": x.source,
            "provisions": [f.to_json() for f in x.findings],
            "elements_found": x.elements_found, "elements_missing": x.elements_missing, "notes": x.notes,
            "comment": x.comment, "recommendation": x.recommendation,
            **({"origin": x.origin} if x.origin else {}),
        } for x in a.articles],
        "national_only": [{"document": p.document, "eid": p.eid, "num": p.num, "top_num": p.top_num,
                           "heading": p.heading} for p in a.national_only],
    }


def to_json_text(a) -> str:
    """One instrument: the contract above. Several: the shared fields once, and `instruments`,
    a list of the per-instrument contracts."""
    if isinstance(a, list):
        first = to_dict(a[0])
        data = {"tool": first["tool"], "country": first["country"], "created": first["created"],
                "documents": first["documents"], "instruments": [to_dict(x) for x in a]}
    else:
        data = to_dict(a)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
