"""Reform progress and many countries: the same country at several dates (snapshots), a draft bill
against current law, and every country against every article (the matrix).

A snapshot uses only the documents in force at its date (from the folder's `country.yaml`) plus the
bills chosen; each snapshot may have its own overrides. Comparisons name the provisions that moved
an article, and say when two analyses differ in method (gapcheck version, instrument data,
overrides), so that a change of method is never mistaken for legal progress.
"""

from __future__ import annotations

import hashlib
import os
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date as _date
from pathlib import Path

from gapcheck import __version__
from gapcheck.analysis import analyze
from gapcheck.assess import indicators
from gapcheck.country import load_manifest
from gapcheck.errors import GapcheckError
from gapcheck.index import threads
from gapcheck.instruments import instrument_dir, instrument_spec
from gapcheck.model import Assessment, Status, law_number

ORDER = {Status.ABSENT: 0, Status.PARTIAL: 1, Status.COVERED: 2, Status.NOT_APPLICABLE: 3, Status.NOT_ASSESSED: 4}


@dataclass
class Snapshot:
    label: str
    date: str
    documents: list[Path]
    overrides: Path | None = None
    assessment: Assessment | None = None
    method: dict = field(default_factory=dict)


def _hash_files(paths) -> str:
    h = hashlib.sha256()
    for p in sorted(map(Path, paths)):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:12]


def method_fingerprint(instrument: str, overrides: Path | None) -> dict:
    d = instrument_dir(instrument)
    return {"gapcheck": __version__, "instrument": instrument,
            "instrument_data": _hash_files(sorted(d.glob("*.xml")) + sorted(d.glob("*.yaml"))),
            "overrides": _hash_files([overrides]) if overrides else "none"}


def snapshots_of(folder, bills=()) -> list[Snapshot]:
    """The folder's snapshots (from `snapshots:` in country.yaml, or one per date a document came
    into force), and, with bills, one more: the latest law plus the bills."""
    folder = Path(folder)
    entries = load_manifest(folder)
    if entries is None:
        raise GapcheckError("no country.yaml in the folder", path=folder,
                            hint="describe which documents were in force when (see national_laws/cl/country.yaml)")
    import yaml
    spec = yaml.safe_load((folder / "country.yaml").read_text(encoding="utf-8")) or {}
    listed = spec.get("snapshots")
    if listed:
        snaps = [Snapshot(label=str(s.get("label") or s["date"]), date=str(s["date"]), documents=[],
                          overrides=(folder / s["overrides"]) if s.get("overrides") else None) for s in listed]
    else:
        dates = sorted({e.in_force for e in entries if e.in_force and not e.bill})
        snaps = [Snapshot(label=d, date=d, documents=[]) for d in dates] or \
            [Snapshot(label="law in force (none in the folder)", date=_date.today().isoformat(), documents=[])]
    for s in snaps:
        s.documents = [e.file for e in entries if e.in_force_on(s.date)]
    for b in map(Path, bills):
        if not b.is_file():
            raise GapcheckError("no such bill", path=b)
    if bills:
        last = snaps[-1]
        names = ", ".join(Path(b).stem for b in bills)
        snaps.append(Snapshot(label=f"{last.label} + {names}", date=last.date,
                              documents=last.documents + [Path(b) for b in bills], overrides=last.overrides))
    return snaps


def _empty(instrument: str, country: str) -> Assessment:
    """The assessment of a snapshot with no law in force: every assessed article absent."""
    from gapcheck.assess import assess
    from gapcheck.instruments import load_instrument
    inst = load_instrument(instrument, "eng")
    return Assessment(tool_version=__version__, instrument=inst, country=country, documents=[],
                      articles=assess(inst, {}, {}), created="")


def compare_with_previous(result: dict, previous_path) -> None:
    """Compare with an earlier progress.json: note every difference of method (gapcheck version,
    instrument data, overrides) for the snapshots both runs have, and list the articles whose
    status changed since then."""
    import json
    previous_path = Path(previous_path)
    try:
        old = json.loads(previous_path.read_text(encoding="utf-8"))
        old_snaps = {s["label"]: s for s in old["snapshots"]}
        old_rows = {r["article"]: r for r in old["articles"]}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise GapcheckError(f"not a progress.json gapcheck can read ({type(exc).__name__})", path=previous_path,
                            hint="give the progress.json of an earlier `gapcheck progress` run") from None
    for i, s in enumerate(result["snapshots"]):
        o = old_snaps.get(s["label"])
        if o is None:
            continue
        for key in ("gapcheck", "instrument_data", "overrides"):
            if o.get("method", {}).get(key) != s["method"][key]:
                result["method_notes"].append(
                    f"{s['label']}: this run and {previous_path.name} differ in {key.replace('_', ' ')} "
                    f"({o.get('method', {}).get(key)} / {s['method'][key]}); a change of status may reflect the method, not the law")
    since = []
    last = len(result["snapshots"]) - 1
    old_last = len(old["snapshots"]) - 1
    for r in result["articles"]:
        o = old_rows.get(r["article"])
        if o is None:
            continue
        before, after = o["snapshots"][old_last]["status"], r["snapshots"][last]["status"]
        if before != after:
            since.append({"article": r["article"], "title": r["title"], "before": before, "after": after})
    result["since_previous"] = {"file": str(previous_path), "changes": since}


def run_progress(folder, *, bills=(), instrument: str = "ets185", previous=None) -> dict:
    """Analyse every snapshot and compare consecutive ones (and, with `previous`, an earlier run)."""
    folder = Path(folder)
    country = folder.name
    snaps = snapshots_of(folder, bills)
    for s in snaps:
        s.assessment = analyze(s.documents, instrument=instrument, overrides=s.overrides,
                               use_folder_overrides=False) if s.documents else _empty(instrument, country)
        s.method = method_fingerprint(instrument, s.overrides)
    spec = instrument_spec(instrument)
    rows = []
    for art in (a for a in snaps[0].assessment.articles if a.status is not Status.NOT_ASSESSED):
        cells = []
        for s in snaps:
            x = next(a for a in s.assessment.articles if a.article.num == art.article.num)
            cells.append({"status": x.status.value, "source": x.source,
                          "provisions": [f.provision.top_ref for f in x.findings],
                          "top_nums": [f"{law_number(f.provision.document)} art/s {f.provision.top_num}" for f in x.findings]})
        rows.append({"article": art.article.num, "title": art.article.title, "chapter": art.article.chapter,
                     "snapshots": cells})
    changes = []
    for i in range(1, len(snaps)):
        for r in rows:
            a, b = r["snapshots"][i - 1], r["snapshots"][i]
            if a["status"] != b["status"] or set(a["provisions"]) != set(b["provisions"]):
                direction = ORDER[Status(b["status"])] - ORDER[Status(a["status"])]
                changes.append({"from_snapshot": snaps[i - 1].label, "to_snapshot": snaps[i].label,
                                "article": r["article"], "title": r["title"], "before": a["status"],
                                "after": b["status"], "direction": "better" if direction > 0 else
                                ("worse" if direction < 0 else "same status"),
                                "provisions_added": sorted(set(b["provisions"]) - set(a["provisions"])),
                                "provisions_removed": sorted(set(a["provisions"]) - set(b["provisions"]))})
    method_notes = []
    for i in range(1, len(snaps)):
        for key in ("gapcheck", "instrument_data", "overrides"):
            if snaps[i - 1].method[key] != snaps[i].method[key]:
                method_notes.append(f"{snaps[i - 1].label} → {snaps[i].label}: the {key.replace('_', ' ')} differ "
                                    f"({snaps[i - 1].method[key]} / {snaps[i].method[key]}); a change of status may "
                                    "reflect the method, not the law")
    result = {
        "tool": {"name": "gapcheck", "version": __version__}, "country": country, "instrument": instrument,
        "snapshots": [{"label": s.label, "date": s.date, "documents": [d.frbr_uri for d in s.assessment.documents],
                       "overrides": str(s.overrides or ""), "method": s.method,
                       "counts": {k.value: v for k, v in s.assessment.counts().items()},
                       "indicators": indicators(s.assessment, spec)} for s in snaps],
        "articles": rows, "changes": changes, "method_notes": method_notes,
    }
    if previous:
        compare_with_previous(result, previous)
    result["summary"] = plain_summary(result)
    return result


def plain_summary(result: dict) -> str:
    """A paragraph a project team can paste into a progress report."""
    snaps = result["snapshots"]
    first, last = snaps[0], snaps[-1]
    parts = []
    for s in (first, last) if len(snaps) > 1 else (last,):
        c = s["counts"]
        parts.append(f"{s['label']}: {c['covered']} articles in line, {c['partial']} partially, "
                     f"{c['absent']} not found in the laws analysed")
    text = f"{result['country'].upper()}, {result['instrument'].upper()}. " + "; ".join(parts) + "."
    better = [c for c in result["changes"] if c["direction"] == "better" and c["to_snapshot"] == last["label"]]
    if better:
        arts = ", ".join(f"Art {c['article']} ({c['before']} → {c['after']})" for c in better[:12])
        text += f" Moved forward in the latest step: {arts}."
    for ind_first, ind_last in zip(first["indicators"], last["indicators"]):
        name = ind_last["title"].get("eng", ind_last["id"])
        if ind_first["met"] != ind_last["met"] and len(snaps) > 1:
            text += f" {name}: {'now largely in line' if ind_last['met'] else 'no longer largely in line'}."
        else:
            text += f" {name}: {'largely in line' if ind_last['met'] else 'not yet largely in line'}" + \
                    (f" (absent: Arts {', '.join(ind_last['absent'])})." if ind_last["absent"] else ".")
    text += " Status reflects only the laws analysed."
    if result["method_notes"]:
        text += " Note: the method differs between snapshots (see the report)."
    return text


# ---------------------------------------------------------------- the matrix

_COUNTRY = re.compile(r"^[a-z]{2}$")


def country_folders(root) -> list[Path]:
    root = Path(root)
    if not root.is_dir():
        raise GapcheckError("no such folder", path=root)
    folders = sorted(p for p in root.iterdir() if p.is_dir() and _COUNTRY.match(p.name) and any(p.glob("*.xml")))
    if not folders:
        raise GapcheckError("no country folders (two-letter names holding .xml files)", path=root)
    return folders


def _analyse_country(args):
    folder, instrument, out_dir = args
    from gapcheck.analysis import write_reports
    a = analyze([folder], instrument=instrument)
    written = []
    if out_dir:
        # the country code is checked to be two letters: it never names a path outside out_dir
        written = write_reports(a, Path(out_dir) / folder.name, formats=("json", "html"))
    return folder.name, {x.article.num: x.status.value for x in a.articles if x.status is not Status.NOT_ASSESSED}, \
        indicators(a, instrument_spec(instrument)), [d.frbr_uri for d in a.documents], [str(p) for p in written]


def run_matrix(root, *, instrument: str = "ets185", out_dir=None, workers: int | None = None, progress=None) -> dict:
    """Every country folder under `root` against every article, analysed in parallel; the result
    does not depend on the order in which the countries finish."""
    folders = country_folders(root)
    jobs = [(f, instrument, out_dir) for f in folders]
    workers = workers or min(len(jobs), os.cpu_count() or 1)
    results = {}
    if workers > 1:
        # the processes share the cores: each indexes on one thread
        with ProcessPoolExecutor(max_workers=workers, initializer=threads, initargs=(1,)) as pool:
            for r in pool.map(_analyse_country, jobs):
                results[r[0]] = r
                if progress:
                    progress(r[0])
    else:
        for job in jobs:
            r = _analyse_country(job)
            results[r[0]] = r
            if progress:
                progress(r[0])
    countries = []
    for cc in sorted(results):
        _, statuses, inds, docs, written = results[cc]
        assessed = [s for s in statuses.values() if s != "not-applicable"]
        coverage = sum({"covered": 1.0, "partial": 0.5}.get(s, 0.0) for s in assessed) / len(assessed) if assessed else 0.0
        countries.append({"country": cc, "statuses": statuses, "indicators": inds, "documents": docs,
                          "coverage": round(coverage, 4), "report": f"{cc}/gap-report.html" if written else ""})
    spec = instrument_spec(instrument)
    totals = {}
    for key in (spec.get("indicators") or {}):
        totals[key] = {"title": spec["indicators"][key]["title"],
                       "met": sum(1 for c in countries for i in c["indicators"] if i["id"] == key and i["met"]),
                       "of": len(countries)}
    articles = list(countries[0]["statuses"]) if countries else []
    return {"tool": {"name": "gapcheck", "version": __version__}, "instrument": instrument,
            "articles": articles, "countries": countries, "totals": totals}
