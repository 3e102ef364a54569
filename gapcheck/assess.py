"""Assessing: a status per article from its findings and the adviser's decisions, and the
headline indicators used in Council of Europe overviews."""

from __future__ import annotations

from dataclasses import dataclass

from gapcheck.elements import ArticleModel, ElementModel
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


def status_from_elements(findings: list[Finding], am: ArticleModel, lang2: str = "en") -> tuple[Status, dict, list, list]:
    """covered when the mapped provisions together carry every required element; partial with the
    missing elements named; absent without provisions. Elements a criminal code states once in its
    general part (intent) are noted, not counted; a permitted option is noted, not a gap."""
    if not findings:
        return Status.ABSENT, {}, [], []
    found: dict[str, str] = {}
    options: dict[str, str] = {}
    for f in findings:
        found.update({k: v for k, v in f.evidence.get("elements_found", {}).items() if k not in found})
        options.update(f.evidence.get("options_used", {}))
    pinned = any(f.source == "override" for f in findings)
    missing, notes = [], []
    for name, e in am.elements.items():
        if name in found or not e.required:
            continue
        if e.general_part:
            notes.append(f"{name}: not stated in the provisions; taken from the general part of the criminal law")
        elif not pinned:
            missing.append(name + (f" (may be reserved under {e.reservable})" if e.reservable else ""))
    for name, words in options.items():
        note = am.options[name].note.get(lang2) or am.options[name].note.get("en") or name
        notes.append(f"uses the option in {note} («{words}»); not a gap")
    for f in findings:
        if f.evidence.get("cites"):
            arts = "; ".join(f"«{c['words']}» ({_arts(c['articles'])})" for c in f.evidence["cites"])
            if f.evidence.get("incorporates"):
                notes.append(f"{f.provision.ref} makes the provisions implementing it apply to its own measure: {arts}")
            elif am.links_with_key:
                named = ", ".join(f"«{f.evidence['elements_found'][n]}»" for g in am.key for n in g
                                  if n in f.evidence.get("elements_found", {}))
                notes.append(f"{f.provision.ref} applies what it names ({named}) to the provisions it cites: {arts}")
            else:
                notes.append(f"{f.provision.ref} implements it by citation: {arts}")
        if f.evidence.get("builds_on"):
            base = f.evidence["builds_on"]
            words = "; ".join(f"«{f.evidence['elements_found'][n]}»" for n in am.builds_on.get("with", [])
                              if n in f.evidence.get("elements_found", {}))
            notes.append(f"{f.provision.ref} implements Art {base}, on which this article builds, and names "
                         f"what this article adds: {words}")
    return (Status.PARTIAL if missing else Status.COVERED), found, missing, notes


def _arts(nums: list[str]) -> str:
    return ("Arts " if len(nums) > 1 else "Art ") + ", ".join(nums)


def status_assessed_on(findings: list[Finding], am: ArticleModel) -> tuple[Status, dict, list, list]:
    """Art 13: covered when every provision mapped to the articles it is assessed on carries its
    required elements (each offence punishable by deprivation of liberty); partial naming those
    that do not; absent without such provisions."""
    if not findings:
        return Status.ABSENT, {}, [], []
    required = [n for n, e in am.elements.items() if e.required]
    found: dict[str, str] = {}
    lacking: dict[str, list[str]] = {}
    for f in findings:
        found.update({k: v for k, v in f.evidence.get("elements_found", {}).items() if k not in found})
        for n in required:
            if n not in f.evidence.get("elements_found", {}) and f.source != "override":
                lacking.setdefault(n, []).append(f"{f.provision.document}~{f.provision.eid}")
    arts = f"Articles {am.assessed_on[0]}–{am.assessed_on[-1]}" if len(am.assessed_on) > 1 else f"Article {am.assessed_on[0]}"
    notes = [f"assessed on the {len(findings)} provisions mapped to {arts}"]
    for n, refs in lacking.items():
        notes.append(f"{n}: not found in {len(refs)} of them: " + ", ".join(refs))
    missing = [n for n in required if n in lacking]
    return (Status.PARTIAL if missing else Status.COVERED), found, missing, notes


def assess(instrument: Instrument, findings: dict[str, list[Finding]], decisions: dict[str, dict],
           settings: AssessSettings = AssessSettings(), model: ElementModel | None = None) -> list[ArticleAssessment]:
    out = []
    lang2 = {"spa": "es", "eng": "en", "por": "pt", "fra": "fr"}.get(instrument.language, "en")
    for art in instrument.articles:
        if not art.assessed:
            out.append(ArticleAssessment(article=art, status=Status.NOT_ASSESSED))
            continue
        fs = findings.get(art.num, [])
        am = model.articles.get(art.num) if model else None
        found, missing, notes = {}, [], []
        if am is not None and am.assessed_on:
            status, found, missing, notes = status_assessed_on(fs, am)
        elif am is not None:
            status, found, missing, notes = status_from_elements(fs, am, lang2)
        else:
            status = status_from_findings(fs, settings)
        if status is Status.ABSENT:
            fs = []          # weak candidates are not shown as implementing provisions
        d = decisions.get(art.num)
        aa = ArticleAssessment(article=art, status=status, findings=fs, elements_found=found,
                               elements_missing=missing, notes=notes)
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
