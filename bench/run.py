"""gapcheck's benchmark, run by hand (never part of the tests):

    python bench/run.py [--quick] [--json bench/results.json]

Prints a table and writes JSON: per-stage wall times on two big inputs with the ratio of the
matching stage to lxml's own parse of the same files, a naive baseline (every provision against
every article with rapidfuzz on full texts), the fast and unoptimised matchers' agreement, start-up
times, and a synthetic region of up to 200 countries analysed with the matrix (wall time, peak
memory, and the exponent of time against the number of provisions). Medians of several runs.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lxml import etree  # noqa: E402
from rapidfuzz import fuzz, process  # noqa: E402

from gapcheck.akn import read_document  # noqa: E402
from gapcheck.analysis import analyze, collect_inputs, write_reports  # noqa: E402
from gapcheck.assess import assess  # noqa: E402
from gapcheck.elements import load_elements  # noqa: E402
from gapcheck.instruments import load_instrument  # noqa: E402
import gapcheck.citations as citations_module  # noqa: E402
import gapcheck.index as index_module  # noqa: E402
from gapcheck.index import lexicon  # noqa: E402
from gapcheck.match import MatchSettings, match  # noqa: E402

NL = ROOT / "national_laws"
BIG = {"colombia": [NL / "co" / "codigo-penal.xml", NL / "co" / "codigo-procedimiento-penal.xml",
                    NL / "co" / "ley-1273-2009.xml"],
       "us-title-18": [NL / "us" / "usc-title-18.xml"]}


def median_time(fn, runs):
    times = []
    out = None
    for _ in range(runs):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def big_country(name, files, runs):
    read, docs = median_time(lambda: [read_document(f) for f in files], runs)
    inst = load_instrument("ets185", docs[0].language)
    model = load_elements("ets185")
    # the first run in a process learns the code's words (lexicon, stems, compiled terms); the
    # medians are of later runs, as when an adviser re-runs after an override, or a matrix goes on
    cold, _ = median_time(lambda: match(inst, docs, model=model), 1)
    # lxml's parse and the matching in turn, so that both see the machine in the same state
    parse_times, match_times = [], []
    for _ in range(2 * runs + 1):
        t = time.perf_counter()
        [etree.parse(str(f)) for f in files]
        parse_times.append(time.perf_counter() - t)
        t = time.perf_counter()
        findings = match(inst, docs, model=model)
        match_times.append(time.perf_counter() - t)
    lxml_parse, matching = statistics.median(parse_times), statistics.median(match_times)
    # the same, with the texts forgotten (the lexicon keeps the chunk ids of the last few texts it
    # cut, the index the texts it joined, the citations what they read): as after an edit of the
    # laws, with the words already learnt
    lex = lexicon(docs[0].language)
    fresh_times = []
    for _ in range(2 * runs + 1):
        lex._recent.clear()
        index_module._JOINED.clear()
        citations_module._RECENT.clear()
        t = time.perf_counter()
        match(inst, docs, model=model)
        fresh_times.append(time.perf_counter() - t)
    fresh = statistics.median(fresh_times)
    slow, slow_findings = median_time(lambda: match(inst, docs, MatchSettings(fast=False), model=model), max(1, runs // 2))
    key = lambda r: {k: [(f.provision.ref, f.score, json.dumps(f.evidence, sort_keys=True)) for f in v] for k, v in r.items()}
    assessing, arts = median_time(lambda: assess(inst, findings, {}, model=model), runs)
    out = Path(tempfile.mkdtemp())
    a = analyze(files, instrument="ets185")
    reports = {}
    for fmt in ("json", "xlsx", "html"):
        reports[fmt], _ = median_time(lambda: write_reports(a, out, formats=(fmt,)), runs)
    shutil.rmtree(out)
    arts_text = [x.text for x in inst.articles if x.assessed]
    provs_text = [p.full_text for d in docs for p in d.provisions]
    naive, _ = median_time(lambda: process.cdist(arts_text, provs_text, scorer=fuzz.token_set_ratio, workers=1), max(1, runs // 2))
    end_to_end = read + matching + assessing + sum(reports.values())
    return {"input": name, "provisions": len(provs_text), "lxml_parse_s": lxml_parse, "read_s": read,
            "match_s": matching, "match_first_run_s": cold, "match_unoptimised_s": slow, "assess_s": assessing, "reports_s": reports,
            "end_to_end_s": end_to_end, "match_over_lxml": matching / lxml_parse,
            "first_run_over_lxml": cold / lxml_parse,
            "match_text_not_remembered_s": fresh, "text_not_remembered_over_lxml": fresh / lxml_parse,
            "naive_rapidfuzz_s": naive, "naive_over_match": naive / matching,
            "fast_equals_unoptimised": key(findings) == key(slow_findings)}


def startup(runs):
    gc = shutil.which("gapcheck") or f"{sys.executable} -m gapcheck"
    out = tempfile.mkdtemp()
    def cmd(args):
        return lambda: subprocess.run(gc.split() + args, capture_output=True, check=True)
    help_t, _ = median_time(cmd(["--help"]), runs)
    small, _ = median_time(cmd(["analyze", str(NL / "cl" / "ley-19223-1993.xml"), "-o", out]), runs)
    shutil.rmtree(out)
    return {"help_s": help_t, "analyze_small_law_s": small}


def synthetic_region(n, root: Path, seed=7):
    """n country folders made from the bundled laws: renumbered (a new country code and FRBR URI),
    lightly perturbed (one word in fifty dropped), so that no two countries are the same text."""
    sources = sorted(p for p in NL.iterdir() if p.is_dir())
    rnd = random.Random(seed)
    codes = [a + b for a in "abcdefghijklmnopqrstuvwxyz" for b in "abcdefghijklmnopqrstuvwxyz"]
    for i in range(n):
        src = sources[i % len(sources)]
        dest = root / codes[i]
        dest.mkdir(parents=True)
        for f in sorted(src.glob("*.xml")):
            text = f.read_text(encoding="utf-8")
            text = re.sub(r"/akn/[a-z]{2}/", f"/akn/{codes[i]}/", text)
            text = re.sub(r"(<p>)([^<]*)(</p>)", lambda m: m.group(1) + " ".join(
                w for w in m.group(2).split(" ") if rnd.random() > 0.02) + m.group(3), text)
            (dest / f.name).write_text(text, encoding="utf-8")
    return root


def _tree_rss_kib(pid: int) -> int:
    """Resident memory of a process and its children (Linux /proc), in KiB."""
    def rss(p):
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        except OSError:
            pass
        return 0
    total = rss(pid)
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                if int((d / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    total += rss(d.name)
            except (OSError, IndexError, ValueError):
                pass
    return total


def region(sizes, workers):
    rows = []
    for n in sizes:
        root = Path(tempfile.mkdtemp()) / "region"
        synthetic_region(n, root)
        provisions = sum(len(read_document(f).provisions) for d in root.iterdir()
                         for f in collect_inputs([d]).documents)
        out = Path(tempfile.mkdtemp())
        # in a process of its own, its memory (and its workers') sampled from here: the sum of
        # their resident sets at the fullest moment
        code = ("import json, sys, time; from gapcheck.progress import run_matrix; "
                "t = time.perf_counter(); run_matrix(sys.argv[1], out_dir=sys.argv[2], workers=int(sys.argv[3])); "
                "print(json.dumps(time.perf_counter() - t))")
        proc = subprocess.Popen([sys.executable, "-c", code, str(root), str(out), str(workers)], cwd=ROOT,
                                stdout=subprocess.PIPE, text=True)
        peak_kib = 0
        while proc.poll() is None:
            peak_kib = max(peak_kib, _tree_rss_kib(proc.pid))
            time.sleep(0.02)
        if proc.returncode:
            raise SystemExit(f"the matrix failed (exit {proc.returncode})")
        wall = json.loads(proc.stdout.read().strip().splitlines()[-1])
        rows.append({"countries": n, "provisions": provisions, "wall_s": wall, "peak_rss_mib": peak_kib / 1024})
        shutil.rmtree(root.parent)
        shutil.rmtree(out)
    if len(rows) > 1:
        xs = [math.log(r["provisions"]) for r in rows]
        ys = [math.log(r["wall_s"]) for r in rows]
        mx, my = statistics.mean(xs), statistics.mean(ys)
        slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
    else:
        slope = float("nan")
    return {"sizes": rows, "exponent": slope}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="fewer runs, a smaller region")
    ap.add_argument("--json", default=str(ROOT / "bench" / "results.json"))
    args = ap.parse_args()
    runs = 3 if args.quick else 9
    sizes = [25, 50] if args.quick else [25, 50, 100, 200]
    from gapcheck.index import threads
    res = {"machine": {"python": platform.python_version(), "platform": platform.platform(),
                       "cpus": os.cpu_count(), "index_threads": threads()},
           "big": [big_country(n, f, runs) for n, f in BIG.items()], "startup": startup(runs),
           "region": region(sizes, workers=os.cpu_count())}
    print(f"{'input':<14}{'provs':>7}{'lxml':>8}{'read':>7}{'match':>7}{'x lxml':>8}{'new txt':>8}{'x lxml':>8}"
          f"{'1st run':>8}{'x lxml':>8}{'naive':>8}{'naive/x':>9}{'e2e':>7}  same")
    for b in res["big"]:
        print(f"{b['input']:<14}{b['provisions']:>7}{b['lxml_parse_s']:>8.3f}{b['read_s']:>7.2f}{b['match_s']:>7.3f}"
              f"{b['match_over_lxml']:>8.1f}{b['match_text_not_remembered_s']:>8.3f}"
              f"{b['text_not_remembered_over_lxml']:>8.1f}{b['match_first_run_s']:>8.3f}{b['first_run_over_lxml']:>8.1f}"
              f"{b['naive_rapidfuzz_s']:>8.2f}{b['naive_over_match']:>9.1f}{b['end_to_end_s']:>7.2f}  {b['fast_equals_unoptimised']}")
    s = res["startup"]
    print(f"start-up: gapcheck --help {s['help_s']:.2f} s; analyze one small law {s['analyze_small_law_s']:.2f} s")
    for r in res["region"]["sizes"]:
        print(f"region: {r['countries']:>4} countries, {r['provisions']:>6} provisions: {r['wall_s']:6.1f} s, "
              f"peak {r['peak_rss_mib']:.0f} MiB")
    print(f"time ~ provisions^{res['region']['exponent']:.2f}")
    Path(args.json).write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
