"""Reform progress (Chile 1993 -> 2022), a draft bill (Barbados 2024), and the matrix."""

import json

import pytest
from openpyxl import load_workbook

from conftest import ROOT
from gapcheck.progress import run_matrix, run_progress, snapshots_of
from gapcheck.render.progress import write_matrix, write_progress

NL = ROOT / "national_laws"


@pytest.fixture(scope="module")
def chile():
    return run_progress(NL / "cl")


def _change(result, art):
    return next(c for c in result["changes"] if c["article"] == art)


def test_chile_snapshots_use_only_the_law_in_force(chile):
    s1, s2 = chile["snapshots"]
    assert s1["documents"] == ["/akn/cl/act/1993/19223"]
    assert set(s2["documents"]) == {"/akn/cl/act/2022/21459", "/akn/cl/act/2000/19696"}


def test_chile_reform_moves_articles_and_names_the_provisions(chile):
    for art, eid in (("2", "art_2"), ("3", "art_3"), ("7", "art_5"), ("8", "art_7")):
        c = _change(chile, art)
        assert (c["before"], c["after"], c["direction"]) == ("absent", "covered", "better"), art
        assert f"/akn/cl/act/2022/21459~{eid}" in c["provisions_added"]
    c16 = _change(chile, "16")
    assert c16["before"] == "absent" and "/akn/cl/act/2000/19696~art_218-bis" in c16["provisions_added"]
    c4 = _change(chile, "4")      # Ley 19.223 art 3 partly covered data interference already
    assert c4["before"] == "partial" and "/akn/cl/act/1993/19223~art_3" in c4["provisions_removed"]
    assert "Art 2 (absent → covered)" in chile["summary"]


def test_a_change_of_method_is_reported(chile):
    # the 2022 snapshot applies the adviser's overrides, 1993 none: the report must say so
    assert any("overrides differ" in n for n in chile["method_notes"])
    assert "method differs" in chile["summary"]


def test_barbados_bill_against_current_law():
    bills = [NL / "bb" / "cybercrime-bill-2024.xml", NL / "bb" / "mutual-assistance-amendment-bill-2024.xml"]
    r = run_progress(NL / "bb", bills=bills)
    assert [s["documents"] for s in r["snapshots"]][0] == []
    added = {c["article"]: c for c in r["changes"]}
    assert added["2"]["after"] == "covered" and "/akn/bb/bill/2024/cybercrime~sec_4" in added["2"]["provisions_added"]
    assert added["3"]["after"] == "covered" and "/akn/bb/bill/2024/cybercrime~sec_8" in added["3"]["provisions_added"]
    assert added["19"]["after"] == "covered" and "/akn/bb/bill/2024/cybercrime~sec_23" in added["19"]["provisions_added"]
    still_open = [row["article"] for row in r["articles"] if row["snapshots"][-1]["status"] == "absent"]
    assert "20" in still_open and "21" in still_open      # what the bill leaves open


def test_progress_reports_are_written(tmp_path, chile):
    written = write_progress(chile, tmp_path)
    assert {p.name for p in written} == {"progress.json", "progress.xlsx", "progress.html"}
    wb = load_workbook(tmp_path / "progress.xlsx")
    assert wb.sheetnames == ["Summary", "Progress", "Changes", "Indicators"]
    rows = list(wb["Progress"].iter_rows(min_row=2, values_only=True))
    assert ("II", "2", "Acceso ilícito", "absent", "covered") in rows
    assert "Art 2 (absent → covered)" in (tmp_path / "progress.html").read_text(encoding="utf-8")


def test_snapshots_need_a_manifest(tmp_path):
    from gapcheck.errors import GapcheckError
    with pytest.raises(GapcheckError, match="no country.yaml"):
        snapshots_of(tmp_path)


def test_matrix_is_identical_across_runs_and_order_of_finishing(tmp_path):
    a = run_matrix(NL, out_dir=tmp_path / "a", workers=2)
    b = run_matrix(NL, out_dir=tmp_path / "b", workers=1)
    assert json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)
    assert [c["country"] for c in a["countries"]] == sorted(p.name for p in NL.iterdir() if p.is_dir())
    w1 = write_matrix(a, tmp_path / "a")
    w2 = write_matrix(b, tmp_path / "b")
    assert (tmp_path / "a" / "matrix.html").read_bytes() == (tmp_path / "b" / "matrix.html").read_bytes()
    assert (tmp_path / "a" / "matrix.json").read_bytes() == (tmp_path / "b" / "matrix.json").read_bytes()
    assert (tmp_path / "a" / "cl" / "gap-report.html").is_file()
    ws = load_workbook(tmp_path / "a" / "matrix.xlsx")["Matrix"]
    header = [c.value for c in ws[1]]
    assert header[:3] == ["Country", "Coverage", "Art 1"] and len(header) == 37
    cl = next(r for r in ws.iter_rows(min_row=2, values_only=True) if r[0] == "CL")
    assert cl[header.index("Art 2")] == 2
    rules = [r for cf in ws.conditional_formatting for r in cf.rules]
    assert any(r.type == "colorScale" for r in rules)
    assert set(a["totals"]) == {"substantive", "procedural"} and a["totals"]["substantive"]["of"] == len(a["countries"])


def test_a_change_of_method_between_two_runs_is_reported(tmp_path, chile):
    import copy
    old = copy.deepcopy(chile)
    old["snapshots"][-1]["method"]["gapcheck"] = "0.0.1"          # an earlier version made it
    old["articles"][1]["snapshots"][-1]["status"] = "partial"      # and found Art 2 only partial
    prev = tmp_path / "progress.json"
    prev.write_text(json.dumps(old), encoding="utf-8")
    r = run_progress(NL / "cl", previous=prev)
    assert any("this run and progress.json differ in gapcheck" in n for n in r["method_notes"])
    assert {"article": "2", "title": "Acceso ilícito", "before": "partial", "after": "covered"} in r["since_previous"]["changes"]
    from gapcheck.errors import GapcheckError
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    with pytest.raises(GapcheckError, match="not a progress.json"):
        run_progress(NL / "cl", previous=bad)
