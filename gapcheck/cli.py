"""The command line: each command parses its options, calls one library function, prints.

Exit codes: 0 success; 1 the --fail-under threshold was not met; 2 usage or input error.
"""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

import click

from gapcheck import __version__
from gapcheck.errors import GapcheckError

EXIT_OK, EXIT_BELOW_THRESHOLD, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3


def _handle_errors(fn):
    """Turn the project's errors into one line on stderr and exit code 2, never a traceback."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except GapcheckError as exc:
            click.echo(f"gapcheck: error: {exc}", err=True)
            sys.exit(EXIT_INPUT)
        except KeyboardInterrupt:
            click.echo("gapcheck: interrupted; earlier reports are left as they were", err=True)
            sys.exit(130)
        except click.exceptions.Exit:
            raise
        except Exception as exc:  # a bug in gapcheck, not in the input: say so in one line
            if os.environ.get("GAPCHECK_DEBUG"):
                raise
            click.echo(f"gapcheck: internal error: {type(exc).__name__}: {exc} "
                       "(please report it; GAPCHECK_DEBUG=1 shows the traceback)", err=True)
            sys.exit(EXIT_INTERNAL)
    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="gapcheck")
def main():
    """Compare national laws with the Budapest Convention (ETS 185) and write gap reports."""


@main.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--country", required=True, help="ISO 3166 two-letter code, e.g. cl")
@click.option("--lang", required=True, help="ISO 639-2 three-letter language code: spa, eng, por, fra")
@click.option("--title", required=True, help="The law's title, e.g. 'Ley 21.459'")
@click.option("--date", "date_", required=True, help="The law's date, YYYY-MM-DD")
@click.option("--number", help="The law's number (FRBR number), e.g. 21459; defaults to the date")
@click.option("--type", "doc_type", type=click.Choice(["act", "bill"]), default="act", show_default=True)
@click.option("--origin", default="", help="Where the text came from (URL or repository@commit:path), kept in the metadata")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The AKN file to write")
@click.option("--force", is_flag=True, help="Replace OUTPUT if it exists (it may hold an adviser's corrections)")
@_handle_errors
def import_cmd(file, country, lang, title, date_, number, doc_type, origin, output, force):
    """Turn a statute as published (text, Markdown or portal JSON) into Akoma Ntoso."""
    from gapcheck.importer import import_file

    report = import_file(file, output, country=country, lang=lang, title=title, date=date_, number=number,
                         doc_type=doc_type, origin=origin, force=force)
    click.echo(f"{output}: {report['frbr_uri']}, {report['provisions']} provisions "
               f"({report['style']} style; {report['without_heading']} without heading)")
    if report.get("dropped_other_language"):
        click.echo(f"  {report['dropped_other_language']} paragraphs in another language left out (bilingual gazette)")
    if report.get("hyphenations_joined"):
        click.echo(f"  {report['hyphenations_joined']} words split by hyphenation joined")
    if report.get("repeats_removed"):
        click.echo(f"  {report['repeats_removed']} runs of words printed twice in a row taken out once")
    if report.get("backup"):
        click.echo(f"  the earlier file is kept as {report['backup']}")


@main.command("analyze")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--instrument", default="ets185", show_default=True,
              help="Instrument id (a folder in conventions/), or several: ets185,ets189,cets224")
@click.option("--instrument-file", type=click.Path(dir_okay=False, path_type=Path),
              help="An AKN file of the instrument's official text, where gapcheck does not bundle it (CETS 224)")
@click.option("--overrides", type=click.Path(dir_okay=False, path_type=Path),
              help="Adviser's overrides (default: overrides.yaml in the country folder)")
@click.option("-o", "--output", "out_dir", default="reports", show_default=True, type=click.Path(file_okay=False, path_type=Path))
@click.option("--report-lang", type=click.Choice(["en", "es"]), default="en", show_default=True)
@click.option("--fail-under", type=click.FloatRange(0, 100), default=None,
              help="Exit 1 when fewer than PERCENT of assessed articles are in line or partially in line")
@_handle_errors
def analyze_cmd(paths, instrument, instrument_file, overrides, out_dir, report_lang, fail_under):
    """Analyse AKN files or a country folder; write gap-report.json, .xlsx and .html."""
    from gapcheck.analysis import run
    from gapcheck.model import Status, law_number

    assessments, written = run(list(paths), instrument=instrument, overrides=overrides, out_dir=out_dir,
                               report_lang=report_lang, instrument_file=instrument_file)
    for d in assessments[0].documents:
        for w in d.warnings:
            click.echo(f"gapcheck: warning: {d.path}: {w}", err=True)
    for assessment in assessments:
        click.echo(f"{assessment.country.upper()} against {assessment.instrument.id} "
                   f"({len(assessment.documents)} documents, language {assessment.instrument.language})")
        if assessment.instrument.note:
            click.echo(f"  note: {assessment.instrument.note}")
        for x in assessment.articles:
            if x.status is Status.NOT_ASSESSED:
                continue
            provs = ", ".join(f"{law_number(f.provision.document)}:{f.provision.top_num}" for f in x.findings[:3])
            mark = "*" if x.source == "override" else " "
            click.echo(f"  Art {x.article.num:>3}{mark} {x.status.value:<15} {provs}")
        counts = assessment.counts()
        click.echo("  " + ", ".join(f"{s.value}: {n}" for s, n in counts.items() if s is not Status.NOT_ASSESSED)
                   + ("   (* = adviser override)" if any(x.source == "override" for x in assessment.articles) else ""))
    for p in written:
        click.echo(f"wrote {p}")
    if fail_under is not None:
        assessed = [x for a in assessments for x in a.articles if x.status not in (Status.NOT_ASSESSED, Status.NOT_APPLICABLE)]
        ok = sum(x.status in (Status.COVERED, Status.PARTIAL) for x in assessed)
        pct = 100.0 * ok / len(assessed) if assessed else 100.0
        if pct < fail_under:
            click.echo(f"gapcheck: {pct:.1f}% of assessed articles in line or partial, under --fail-under {fail_under}", err=True)
            sys.exit(EXIT_BELOW_THRESHOLD)


@main.command("evaluate")
@click.option("--reference", "references", multiple=True, required=True,
              type=click.Path(dir_okay=False, path_type=Path), help="A reference mapping (YAML); repeat for several countries")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--instrument", default=None, help="Instrument id (default: the reference's)")
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON")
@_handle_errors
def evaluate_cmd(references, paths, instrument, as_json):
    """Measure the automatic mapping against an adviser's reference mapping: precision, recall and
    F1 over (article, top-level provision) pairs, and agreement on status. PATHS (with one reference)
    are the laws to analyse; by default national_laws/<country of the reference>."""
    import json as _json

    from gapcheck.evaluate import run_evaluation

    if paths and len(references) > 1:
        raise GapcheckError("give PATHS only with a single --reference", hint="or leave PATHS out to use national_laws/<country>")
    result = run_evaluation(list(references), {0: list(paths)} if paths else None, instrument=instrument)
    if as_json:
        click.echo(_json.dumps(result, ensure_ascii=False, indent=2))
        return
    # the counts beside the shares: a recall of 26 pairs in 29 prints as 0.90, and is under it
    click.echo(f"{'country':<10}{'precision':>10}{'recall':>8}{'F1':>7}{'status':>8}{'found':>7}{'pairs':>7}"
               f"{'suggested':>11}")
    rows = list(result["countries"].items()) + [("overall", result["overall"])]
    for name, r in rows:
        click.echo(f"{name:<10}{r['precision']:>10.2f}{r['recall']:>8.2f}{r['f1']:>7.2f}"
                   f"{r['status_agreement']:>8.2f}{r['true_positives']:>7}{r['reference']:>7}{r['predicted']:>11}")


@main.group("overrides")
def overrides_group():
    """Work with an adviser's overrides file."""


@overrides_group.command("from-excel")
@click.argument("report", type=click.Path(exists=False, dir_okay=False, path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The overrides file to merge into (created if missing; the earlier one is backed up)")
@_handle_errors
def overrides_from_excel_cmd(report, output):
    """Merge the Decision, Comment and Recommendation columns of a report workbook into OUTPUT."""
    from gapcheck.roundtrip import merge_from_excel

    if not report.is_file():
        raise GapcheckError("no such workbook", path=report)
    changes, backup = merge_from_excel(report, output)
    if not changes:
        click.echo(f"{output}: nothing to merge; the workbook's decisions are already there")
        return
    for line in changes:
        click.echo(f"  {line}")
    click.echo(f"merged {len(changes)} decision(s) into {output}" + (f" (earlier file kept as {backup})" if backup else ""))


@main.command("progress")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--bill", "bills", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              help="A draft bill (AKN) to add to the latest law: what would it fix?")
@click.option("--instrument", default="ets185", show_default=True)
@click.option("--previous", type=click.Path(dir_okay=False, path_type=Path),
              help="An earlier run's progress.json: say what changed since, and whether the method did")
@click.option("-o", "--output", "out_dir", default="reports/progress", show_default=True,
              type=click.Path(file_okay=False, path_type=Path))
@_handle_errors
def progress_cmd(folder, bills, instrument, previous, out_dir):
    """Status per article across a country's snapshots (and a draft bill); writes progress.json/.xlsx/.html."""
    from gapcheck.progress import run_progress
    from gapcheck.render.progress import write_progress

    result = run_progress(folder, bills=bills, instrument=instrument, previous=previous)
    for s in result["snapshots"]:
        c = s["counts"]
        click.echo(f"  {s['label']}: {c['covered']} in line, {c['partial']} partial, {c['absent']} absent")
    for c in result["changes"]:
        if c["to_snapshot"] == result["snapshots"][-1]["label"]:
            added = ", ".join(p.rsplit("/", 1)[-1] for p in c["provisions_added"])
            click.echo(f"  Art {c['article']:>3}: {c['before']} -> {c['after']}" + (f"  (+ {added})" if added else ""))
    for c in result.get("since_previous", {}).get("changes", []):
        click.echo(f"  since the previous run: Art {c['article']:>3}: {c['before']} -> {c['after']}")
    for n in result["method_notes"]:
        click.echo(f"gapcheck: note: {n}", err=True)
    click.echo(result["summary"])
    for p in write_progress(result, out_dir):
        click.echo(f"wrote {p}")


@main.command("matrix")
@click.argument("root", type=click.Path(file_okay=False, path_type=Path))
@click.option("--instrument", default="ets185", show_default=True)
@click.option("-o", "--output", "out_dir", default="reports/matrix", show_default=True,
              type=click.Path(file_okay=False, path_type=Path))
@click.option("--workers", type=click.IntRange(1, 64), default=None, help="Processes (default: the machine's cores)")
@_handle_errors
def matrix_cmd(root, instrument, out_dir, workers):
    """Every country folder under ROOT against every article: matrix.html (heatmap), .xlsx, .json,
    and each country's report."""
    from gapcheck.progress import country_folders, run_matrix
    from gapcheck.render.progress import write_matrix

    n = len(country_folders(root))
    with click.progressbar(length=n, label="countries", file=sys.stderr) as bar:
        result = run_matrix(root, instrument=instrument, out_dir=out_dir, workers=workers,
                            progress=lambda cc: bar.update(1))
    for t in result["totals"].values():
        click.echo(f"  {t['title'].get('eng')}: {t['met']} of {t['of']} countries largely in line")
    for p in write_matrix(result, out_dir):
        click.echo(f"wrote {p}")
