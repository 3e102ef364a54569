"""Assessing: a status per article from its findings and the adviser's decisions, and the
headline indicators used in Council of Europe overviews."""

from __future__ import annotations

from dataclasses import dataclass

from gapcheck.model import ArticleAssessment, Assessment, Finding, Instrument, Status


@dataclass(frozen=True)
class AssessSettings:
    covered: float = 0.62      # best score at or above: covered (in line)
    partial: float = 0.45      # at or above: partial; below: absent


def status_from_findings(findings: list[Finding], settings: AssessSettings) -> Status:
    if any(f.source == "override" for f in findings):
        return Status.COVERED
    best = max((f.score for f in findings), default=0.0)
    if best >= settings.covered:
        return Status.COVERED
    if best >= settings.partial:
        return Status.PARTIAL
    return Status.ABSENT


def assess(instrument: Instrument, findings: dict[str, list[Finding]], decisions: dict[str, dict],
           settings: AssessSettings = AssessSettings()) -> list[ArticleAssessment]:
    out = []
    for art in instrument.articles:
        if not art.assessed:
            out.append(ArticleAssessment(article=art, status=Status.NOT_ASSESSED))
            continue
        fs = findings.get(art.num, [])
        status = status_from_findings(fs, settings)
        if status is Status.ABSENT:
            fs = []          # weak candidates are not shown as implementing provisions
        d = decisions.get(art.num)
        aa = ArticleAssessment(article=art, status=status, findings=fs)
        if d:
            if d["status"] is not None:
                aa.status = d["status"]
            aa.comment, aa.recommendation = d["comment"], d["recommendation"]
            aa.origin = d["origin"]
            aa.source = "override" if d["changed"] else "auto"
        out.append(aa)
    return out


def indicators(assessment: Assessment, spec: dict) -> list[dict]:
    """Headline indicators from instrument.yaml, e.g. substantive law "largely in line" when every
    article of Arts 2-10 is covered or partial and none is absent."""
    by_num = {a.article.num: a for a in assessment.articles}
    out = []
    for key, ind in (spec.get("indicators") or {}).items():
        arts = [by_num[n] for n in ind["articles"] if n in by_num]
        counted = [a for a in arts if a.status is not Status.NOT_APPLICABLE]
        covered = sum(a.status is Status.COVERED for a in counted)
        partial = sum(a.status is Status.PARTIAL for a in counted)
        absent = [a.article.num for a in counted if a.status is Status.ABSENT]
        met = bool(counted) and not absent
        out.append({"id": key, "title": ind["title"], "articles": ind["articles"], "rule": ind.get("rule"),
                    "covered": covered, "partial": partial, "absent": absent, "met": met})
    return out
