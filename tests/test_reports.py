"""The Excel workbook read back with openpyxl, the round trip of an adviser's decisions, and the
HTML report pinned against a gold file (volatile parts masked)."""

import os
import re
import shutil

import pytest
import yaml
from openpyxl import load_workbook

from conftest import CL, ROOT
from gapcheck.analysis import analyze, write_reports
from gapcheck.errors import GapcheckError
from gapcheck.roundtrip import merge_from_excel

GOLD = ROOT / "tests" / "gold"


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    a = analyze([CL])
    write_reports(a, out)
    return a, out


def test_workbook_sheets_and_layout(report):
    a, out = report
    wb = load_workbook(out / "gap-report.xlsx")
    assert wb.sheetnames == ["Summary", "Articles", "Provisions", "Texts", "Overrides"]
    ws = wb["Articles"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:M49"
    header = [c.value for c in ws[1]]
    assert header[:5] == ["Chapter", "Article", "Title", "Status", "National provisions"]
    assert header[-3:] == ["Decision", "Comment", "Recommendation"]
    rows = {r[1]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    assert rows["2"][3] == "In line" and "/akn/cl/act/2022/21459~art_2" in rows["2"][4]
    assert rows["1"][6] == "traffic_data"
    assert rows["6"][9].startswith("adviser (overrides.yaml:") and rows["6"][11].startswith("Art 8 of Ley 21.459")
    # the notes say why: a permitted option, a provision found through what it cites
    assert "uses the option" in rows["2"][7] and "art_12 implements it by citation" in rows["14"][7]
    # status colours are conditional formats on the status column
    rules = [r for cf in ws.conditional_formatting for r in cf.rules]
    assert len(rules) == 5 and {r.dxf.fill.fgColor.rgb[-6:] for r in rules} >= {"C6EFCE", "FFEB9C", "FFC7CE"}
    # links to the texts, side by side
    link = ws.cell(row=3, column=5).hyperlink
    assert link is not None and link.location.startswith("'Texts'!A")
    texts = wb["Texts"]
    row = int(link.location.split("!A")[1])
    assert texts.cell(row=row, column=1).value.startswith("2.") and "sistema informático" in texts.cell(row=row, column=4).value
    assert ws.print_title_rows == "$1:$1" and ws.page_setup.orientation == "landscape"
    assert str(ws.data_validations.dataValidation[0].sqref) == "K2:K49"
    assert wb.properties.creator.startswith("gapcheck")
    summary = wb["Summary"]
    values = [c for row in summary.iter_rows(values_only=True) for c in row if c is not None]
    assert "Substantive criminal law (Arts 2-10)" in values and summary._charts
    over = list(wb["Overrides"].iter_rows(min_row=2, values_only=True))
    assert ("6", "status", "partial", "overrides.yaml:7") in [tuple(r) for r in over if r[0]]
    prov = list(wb["Provisions"].iter_rows(min_row=2, values_only=True))
    assert any(r[1] == "art_6" and r[5].startswith("national-only") for r in prov)


def test_formula_injection_is_stored_as_text(tmp_path, report):
    a, _ = report
    a.articles[1].comment = '=HYPERLINK("http://evil.example","click")'
    try:
        write_reports(a, tmp_path, formats=("xlsx",))
    finally:
        a.articles[1].comment = ""
    ws = load_workbook(tmp_path / "gap-report.xlsx")["Articles"]
    cell = ws.cell(row=3, column=12)
    assert cell.value.startswith("=HYPERLINK") and cell.data_type == "s"


def test_round_trip_of_decisions(tmp_path, report):
    _, out = report
    xlsx = tmp_path / "edited.xlsx"
    shutil.copy(out / "gap-report.xlsx", xlsx)
    wb = load_workbook(xlsx)
    ws = wb["Articles"]
    by_art = {ws.cell(row=r, column=2).value: r for r in range(2, ws.max_row + 1)}
    ws.cell(row=by_art["9"], column=11).value = "not-applicable"
    ws.cell(row=by_art["12"], column=11).value = "partial"
    ws.cell(row=by_art["12"], column=12).value = "Ley 20.393 covers legal persons; not analysed."
    ws.cell(row=by_art["12"], column=13).value = "Add Ley 20.393 to the laws analysed."
    wb.save(xlsx)
    ov = tmp_path / "overrides.yaml"
    shutil.copy(CL / "overrides.yaml", ov)
    before = ov.read_text(encoding="utf-8")
    changes, backup = merge_from_excel(xlsx, ov)
    assert len(changes) == 4 and any("article 12: status = 'partial'" in c for c in changes)
    assert backup.read_text(encoding="utf-8") == before
    after = ov.read_text(encoding="utf-8")
    assert "# Adviser's decisions for Chile" in after, "comments of the adviser's file are kept"
    data = yaml.safe_load(after)
    assert data["articles"]["6"]["status"] == "partial" and data["articles"]["8"]["remove"]
    assert data["articles"]["9"]["status"] == "not-applicable"
    assert data["articles"]["12"]["recommendation"] == "Add Ley 20.393 to the laws analysed."
    # the merged file is a valid overrides file and changes the analysis
    a = {x.article.num: x for x in analyze([CL], overrides=ov).articles}
    assert a["12"].status.value == "partial" and a["12"].source == "override"
    # merging the same workbook again changes nothing
    assert merge_from_excel(xlsx, ov) == ([], None)


def test_round_trip_rejects_a_bad_decision(tmp_path, report):
    _, out = report
    xlsx = tmp_path / "bad.xlsx"
    shutil.copy(out / "gap-report.xlsx", xlsx)
    wb = load_workbook(xlsx)
    wb["Articles"].cell(row=5, column=11).value = "maybe"
    wb.save(xlsx)
    with pytest.raises(GapcheckError, match="row 5 .*'maybe'"):
        merge_from_excel(xlsx, tmp_path / "ov.yaml")
    assert not (tmp_path / "ov.yaml").exists()


def _mask(html: str) -> str:
    return re.sub(r'(<(span|code) class="volatile">)[^<]*(</(span|code)>)', r"\1…\3", html)


def test_html_matches_gold(report):
    """The Chilean report, pinned. Regenerate with GAPCHECK_REGEN_GOLD=1 after an intended change."""
    _, out = report
    html = _mask((out / "gap-report.html").read_text(encoding="utf-8"))
    gold = GOLD / "cl-ets185.html"
    if os.environ.get("GAPCHECK_REGEN_GOLD"):
        gold.write_text(html, encoding="utf-8")
    assert html == gold.read_text(encoding="utf-8")


def test_html_escapes_statute_text_and_comments(tmp_path, report):
    a, _ = report
    f = a.articles[1].findings[0]
    saved = f.provision.heading, a.articles[1].comment
    f.provision.heading = "<script>alert(1)</script>"
    a.articles[1].comment = '<img src=x onerror="alert(2)">'
    try:
        write_reports(a, tmp_path, formats=("html",))
    finally:
        f.provision.heading, a.articles[1].comment = saved
    html = (tmp_path / "gap-report.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<img src=x' not in html and "&lt;img src=x onerror=" in html
    assert "http://" not in html and "https://" not in html, "the report makes no request to any network"
