"""The command line: outputs written, errors as one line with exit code 2, no traceback."""

import json

from click.testing import CliRunner
from openpyxl import load_workbook

from conftest import CL, LAWS
from gapcheck.cli import main


def _run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_analyze_writes_the_three_reports(tmp_path):
    r = _run("analyze", CL, "-o", tmp_path)
    assert r.exit_code == 0, r.output
    assert "Art   2" in r.output
    data = json.loads((tmp_path / "gap-report.json").read_text(encoding="utf-8"))
    assert data["tool"]["name"] == "gapcheck" and data["instrument"] == {
        "id": "ets185", "language": "spa", "title": "Convenio sobre la Ciberdelincuencia"}
    assert data["country"] == "cl"
    assert {d["frbr_uri"] for d in data["documents"]} == {"/akn/cl/act/2022/21459", "/akn/cl/act/2000/19696"}
    art2 = next(a for a in data["articles"] if a["article"] == "2")
    assert art2["status"] in ("covered", "partial")
    p = art2["provisions"][0]
    assert (p["document"], p["eid"], p["num"], p["top_num"], p["source"]) == (
        "/akn/cl/act/2022/21459", "art_2", "2°", "2", "auto")
    art6 = next(a for a in data["articles"] if a["article"] == "6")
    assert art6["source"] == "override" and art6["provisions"][0]["source"] == "override"
    wb = load_workbook(tmp_path / "gap-report.xlsx")
    assert {"Summary", "Articles", "Provisions", "Texts", "Overrides"} <= set(wb.sheetnames)
    rows = list(wb["Articles"].iter_rows(values_only=True))
    assert rows[0][1] == "Article" and len(rows) == 49
    html = (tmp_path / "gap-report.html").read_text(encoding="utf-8")
    assert "Acceso ilícito" in html and "/akn/cl/act/2022/21459" in html


def test_malformed_xml_is_one_line_with_file_and_line(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text('<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">\n<act>\n</akomaNtoso>\n')
    r = _run("analyze", bad, "-o", tmp_path / "out")
    assert r.exit_code == 2
    assert r.output.startswith(f"gapcheck: error: {bad}:3:") and "malformed XML" in r.output
    assert "Traceback" not in r.output and r.output.count("\n") == 1
    assert not (tmp_path / "out").exists()


def test_unknown_instrument(tmp_path):
    r = _run("analyze", CL, "--instrument", "ets999", "-o", tmp_path)
    assert r.exit_code == 2 and "unknown instrument 'ets999'" in r.output and "ets185" in r.output


def test_override_pointing_at_a_missing_provision(tmp_path):
    ov = tmp_path / "ov.yaml"
    ov.write_text('articles:\n  "2":\n    provisions: [art_999]\n', encoding="utf-8")
    r = _run("analyze", CL, "--overrides", ov, "-o", tmp_path / "out")
    assert r.exit_code == 2 and f"{ov}:3:" in r.output and "art_999" in r.output
    assert "Traceback" not in r.output


def test_import_writes_akn_and_refuses_to_overwrite(tmp_path):
    out = tmp_path / "ley.xml"
    args = ["import", LAWS / "cl_ley-19223-delitos-informaticos-1993.json", "--country", "cl", "--lang", "spa",
            "--title", "Ley 19.223", "--date", "1993-06-07", "--number", "19223", "-o", out]
    r = _run(*args)
    assert r.exit_code == 0 and "/akn/cl/act/1993/19223, 4 provisions" in r.output
    r = _run(*args)
    assert r.exit_code == 2 and "--force" in r.output
    assert _run(*args, "--force").exit_code == 0


def test_import_rejects_bad_metadata(tmp_path):
    r = _run("import", LAWS / "cl_ley-19223-delitos-informaticos-1993.json", "--country", "chile", "--lang", "spa",
             "--title", "t", "--date", "1993-06-07", "-o", tmp_path / "x.xml")
    assert r.exit_code == 2 and "two-letter" in r.output
    r = _run("import", LAWS / "cl_ley-19223-delitos-informaticos-1993.json", "--country", "cl", "--lang", "spa",
             "--title", "t", "--date", "1993-13-07", "-o", tmp_path / "x.xml")
    assert r.exit_code == 2 and "not a real date" in r.output


def test_fail_under(tmp_path):
    assert _run("analyze", CL, "-o", tmp_path, "--fail-under", "1").exit_code == 0
    r = _run("analyze", CL, "-o", tmp_path, "--fail-under", "100")
    assert r.exit_code == 1 and "under --fail-under" in r.output


def test_evaluate_prints_the_counts_beside_the_shares():
    """A recall of 26 pairs in 29 prints as 0.90 and is under it: the table gives the pairs found,
    the reference's pairs and the tool's suggestions as counts, and they agree with the shares."""
    from conftest import ROOT
    r = _run("evaluate", "--reference", ROOT / "tests" / "reference" / "mu.yaml")
    assert r.exit_code == 0, r.output
    head, *rows = [line.split() for line in r.output.splitlines() if line.strip()]
    assert head == ["country", "precision", "recall", "F1", "status", "found", "pairs", "suggested"]
    mu = next(row for row in rows if row[0] == "mu")
    found, pairs, suggested = (int(x) for x in mu[5:8])
    assert float(mu[2]) == round(found / pairs, 2) and float(mu[1]) == round(found / suggested, 2)


def test_a_law_outside_the_akn_naming_is_listed_by_its_country_and_number(tmp_path):
    # the UK's AKN names the Act …/ukpga/2014/27/enacted, not /akn/gb/act/2014/27
    r = _run("analyze", LAWS / "gb_dripa-2014.akn.xml", "-o", tmp_path)
    assert r.exit_code == 0, r.output
    assert r.output.startswith("GB against ets185") and " 27:1" in r.output
