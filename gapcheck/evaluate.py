"""Measuring the mapping against an adviser's reference mapping.

A reference file (YAML) lists, per Convention article, the national top-level provisions that
implement it, written from reading the law, not from gapcheck's output:

```yaml
country: cl
instrument: ets185
method: how the mapping was made, by whom, from which texts
pairs:
  - {article: "2", provision: /akn/cl/act/2022/21459~art_2, extent: full, reason: "«El que, sin autorización … acceda a un sistema informático»"}
statuses: {"9": absent}      # optional: the reference status where it is not implied by the pairs
```
Precision, recall and F1 are over (article, top-level provision) pairs; status agreement is over
the assessed articles.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from gapcheck.errors import GapcheckError
from gapcheck.model import Assessment, Status


@dataclass
class Reference:
    path: str
    country: str
    instrument: str
    pairs: dict[tuple[str, str], str]          # (article, document~top eId) -> full | partial
    statuses: dict[str, Status] = field(default_factory=dict)
    method: str = ""

    def status(self, article: str) -> Status:
        if article in self.statuses:
            return self.statuses[article]
        extents = [e for (a, _), e in self.pairs.items() if a == article]
        if not extents:
            return Status.ABSENT
        return Status.COVERED if "full" in extents else Status.PARTIAL


def load_reference(path) -> Reference:
    path = Path(path)
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise GapcheckError(f"cannot read reference: {exc.strerror}", path=path) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise GapcheckError(f"YAML syntax error: {getattr(exc, 'problem', exc)}", path=path,
                            line=mark.line + 1 if mark else None) from None
    if not isinstance(data, dict) or not isinstance(data.get("pairs"), list):
        raise GapcheckError("a reference file needs 'pairs:' (a list)", path=path)
    lines = {}
    for k, v in root.value:
        if k.value == "pairs":
            lines = {i: item.start_mark.line + 1 for i, item in enumerate(v.value)}
    pairs = {}
    for i, p in enumerate(data["pairs"]):
        line = lines.get(i)
        if not isinstance(p, dict) or "article" not in p or "provision" not in p:
            raise GapcheckError("each pair needs 'article' and 'provision'", path=path, line=line)
        if "~" not in str(p["provision"]):
            raise GapcheckError(f"provision {p['provision']!r} must be FRBR-URI~eId", path=path, line=line)
        extent = str(p.get("extent", "full"))
        if extent not in ("full", "partial"):
            raise GapcheckError(f"extent {extent!r} must be full or partial", path=path, line=line)
        pairs[(str(p["article"]), str(p["provision"]))] = extent
    statuses = {}
    for a, s in (data.get("statuses") or {}).items():
        try:
            statuses[str(a)] = Status(s)
        except ValueError:
            raise GapcheckError(f"status {s!r} of article {a} is not a status", path=path) from None
    return Reference(path=str(path), country=str(data.get("country", "")), instrument=str(data.get("instrument", "ets185")),
                     pairs=pairs, statuses=statuses, method=str(data.get("method", "")))


def predicted_pairs(assessment: Assessment) -> set[tuple[str, str]]:
    """(article, document~top-level eId) for every automatic or pinned finding. The provisions an
    article is assessed on (Art 13: the offences of Arts 2-11) are not pairs of their own."""
    out = set()
    for a in assessment.articles:
        for f in a.findings:
            if f.source != "derived":
                out.add((a.article.num, f.provision.top_ref))
    return out


def scores(predicted: set, reference: set) -> dict:
    tp = len(predicted & reference)
    precision = tp / len(predicted) if predicted else (1.0 if not reference else 0.0)
    recall = tp / len(reference) if reference else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "true_positives": tp, "predicted": len(predicted), "reference": len(reference)}


def evaluate(assessment: Assessment, ref: Reference) -> dict:
    pred = predicted_pairs(assessment)
    gold = set(ref.pairs)
    result = scores(pred, gold)
    assessed = [a for a in assessment.articles if a.status is not Status.NOT_ASSESSED]
    agree = [a for a in assessed if a.status is ref.status(a.article.num)]
    result["status_agreement"] = round(len(agree) / len(assessed), 4) if assessed else 1.0
    result["missed"] = sorted(gold - pred, key=_order)
    result["extra"] = sorted(pred - gold, key=_order)
    result["status_differences"] = [
        {"article": a.article.num, "gapcheck": a.status.value, "reference": ref.status(a.article.num).value}
        for a in assessed if a.status is not ref.status(a.article.num)]
    return result


def _order(pair):
    a, p = pair
    return (int(a) if a.isdigit() else 999, p)


def run_evaluation(reference_files, paths_per_reference=None, *, instrument: str | None = None) -> dict:
    """What `gapcheck evaluate` does. Each reference is evaluated on the laws given for it
    (default: the country folder national_laws/<country>). Overrides are not applied: the tool's
    own mapping is what is measured."""
    from gapcheck.analysis import analyze

    per = {}
    all_pred, all_gold = set(), set()
    agree_n = agree_d = 0
    for i, rf in enumerate(reference_files):
        ref = load_reference(rf)
        paths = (paths_per_reference or {}).get(i) or [Path("national_laws") / ref.country]
        a = analyze(paths, instrument=instrument or ref.instrument, use_folder_overrides=False)
        r = evaluate(a, ref)
        key = ref.country or Path(rf).stem
        per[key] = r
        all_pred |= {(key,) + p for p in predicted_pairs(a)}
        all_gold |= {(key,) + p for p in ref.pairs}
        n = len([x for x in a.articles if x.status is not Status.NOT_ASSESSED])
        agree_d += n
        agree_n += round(r["status_agreement"] * n)
    overall = scores(all_pred, all_gold)
    overall["status_agreement"] = round(agree_n / agree_d, 4) if agree_d else 1.0
    return {"countries": per, "overall": overall}
