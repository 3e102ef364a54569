"""The whole pipeline as one call: read -> match -> apply overrides -> assess -> render."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from gapcheck import __version__
from gapcheck.akn import read_document
from gapcheck.assess import AssessSettings, assess
from gapcheck.country import documents_in_force
from gapcheck.elements import load_elements
from gapcheck.errors import GapcheckError
from gapcheck.instruments import load_instrument
from gapcheck.match import MatchSettings, index_provisions, match, national_only
from gapcheck.model import Assessment, Document
from gapcheck.overrides import apply_overrides, load_overrides, resolve

OVERRIDES_NAME = "overrides.yaml"


@dataclass
class Inputs:
    documents: list[Path]
    overrides: Path | None = None
    folders: list[Path] = field(default_factory=list)


def collect_inputs(paths, overrides=None, instrument: str | None = None) -> Inputs:
    """AKN files named directly, or every *.xml in a country folder, with the folder's overrides
    for the instrument: overrides.<instrument>.yaml, else overrides.yaml when it names that
    instrument or none."""
    if not paths:
        raise GapcheckError("no laws given", hint="name AKN files or a country folder, e.g. national_laws/cl")
    docs: list[Path] = []
    folders = []
    for p in map(Path, paths):
        if p.is_dir():
            in_force = documents_in_force(p)
            found = in_force if in_force is not None else sorted(p.glob("*.xml"))
            if not found:
                raise GapcheckError("the folder holds no .xml files", path=p,
                                    hint="import the laws first with `gapcheck import`")
            docs += found
            folders.append(p)
        elif p.is_file():
            docs.append(p)
        else:
            raise GapcheckError("no such file or folder", path=p)
    ov = Path(overrides) if overrides else None
    if ov is None:
        for f in folders:
            specific = f / f"overrides.{instrument}.yaml" if instrument else None
            if specific is not None and specific.is_file():
                ov = specific
                break
            if (f / OVERRIDES_NAME).is_file():
                named = load_overrides(f / OVERRIDES_NAME).instrument
                if not instrument or not named or named == instrument:
                    ov = f / OVERRIDES_NAME
                    break
    elif not ov.is_file():
        raise GapcheckError("no such overrides file", path=ov)
    return Inputs(documents=docs, overrides=ov, folders=folders)


def analyze(paths, *, instrument: str = "ets185", overrides=None, use_folder_overrides: bool = True,
            match_settings: MatchSettings = MatchSettings(),
            assess_settings: AssessSettings = AssessSettings(), instrument_file=None) -> Assessment:
    """Analyse national laws against an instrument; nothing is written. `instrument_file`: an AKN
    file of the instrument's official text, where the project does not bundle it."""
    inputs = collect_inputs(paths, overrides, instrument)
    if not use_folder_overrides and overrides is None:
        inputs.overrides = None
    documents = [read_document(p) for p in inputs.documents]
    language = _language(documents)
    inst = load_instrument(instrument, language, str(instrument_file) if instrument_file else None)
    model = load_elements(instrument)
    # indexed once: for matching, and for the offences that implement no article
    corpus = index_provisions(documents, model, language, match_settings.fast)
    findings = match(inst, documents, match_settings, model=model, corpus=corpus)
    decisions: dict = {}
    log: list = []
    if inputs.overrides:
        ov = load_overrides(inputs.overrides)
        resolved = resolve(ov, inst, documents)
        findings, decisions, log = apply_overrides(findings, resolved, ov)
    articles = assess(inst, findings, decisions, assess_settings, model=model)
    extra = national_only(documents, findings, model, corpus)
    countries = sorted({d.country for d in documents if d.country})
    return Assessment(tool_version=__version__, instrument=inst,
                      country=countries[0] if len(countries) == 1 else "+".join(countries) or "xx",
                      documents=documents, articles=articles,
                      overrides_file=str(inputs.overrides or ""), national_only=extra, overrides_log=log,
                      created=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"))


def _language(documents: list[Document]) -> str:
    langs = [d.language for d in documents if d.language]
    return max(set(langs), key=langs.count) if langs else "eng"


def write_reports(assessment, out_dir, *, report_lang: str = "en", formats=("json", "xlsx", "html"),
                  protect=()) -> list[Path]:
    """Write gap-report.json/.xlsx/.html into out_dir (atomically; never over an input).
    `assessment` may be a list: one report with a section per instrument."""
    from gapcheck.render import write_all
    return write_all(assessment, Path(out_dir), report_lang=report_lang, formats=formats, protect=protect)


def run(paths, *, instrument="ets185", overrides=None, out_dir="reports", report_lang="en",
        instrument_file=None) -> tuple[list[Assessment], list[Path]]:
    """What `gapcheck analyze` does: analyse against one or several instruments ("ets185,ets189"),
    then write the three reports."""
    ids = [i.strip() for i in str(instrument).split(",") if i.strip()]
    if not ids:
        raise GapcheckError("no instrument given", hint="e.g. --instrument ets185 or ets185,ets189,cets224")
    if instrument_file and len(ids) > 1:
        raise GapcheckError("--instrument-file goes with a single --instrument")
    # an explicit overrides file applies to the instrument it names (or the first); without one,
    # each instrument takes the folder's overrides for it
    target = (load_overrides(overrides).instrument or ids[0]) if overrides else None
    assessments = [analyze(paths, instrument=i, overrides=overrides if i == target else None,
                           use_folder_overrides=overrides is None, instrument_file=instrument_file) for i in ids]
    protect = [Path(d.path) for d in assessments[0].documents]
    if assessments[0].overrides_file:
        protect.append(Path(assessments[0].overrides_file))
    written = write_reports(assessments if len(assessments) > 1 else assessments[0], out_dir,
                            report_lang=report_lang, protect=protect)
    return assessments, written
