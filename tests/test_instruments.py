"""The protocols as instruments (ETS 189, CETS 224), several instruments in one run, and an
instrument a user adds as data."""

import json

import pytest
from click.testing import CliRunner

from conftest import ROOT
from gapcheck.analysis import analyze
from gapcheck.cli import main
from gapcheck.elements import LANGS, load_elements
from gapcheck.instruments import load_instrument

NL = ROOT / "national_laws"


@pytest.mark.parametrize("iid,articles", [("ets189", range(2, 8)), ("cets224", range(6, 15))])
def test_protocol_elements_in_four_languages(iid, articles):
    model = load_elements(iid)
    assert sorted(model.articles, key=int) == [str(n) for n in articles]
    for num, am in model.articles.items():
        for name, e in am.elements.items():
            assert all(e.terms.get(lang) for lang in LANGS), (iid, num, name)


def test_cets224_structure_without_official_text():
    inst = load_instrument("cets224")
    assert [a.num for a in inst.articles] == [str(n) for n in range(1, 26)]
    assert inst.article("9").title == "Expedited disclosure of stored computer data in an emergency"
    assert [a.num for a in inst.articles if a.assessed] == [str(n) for n in range(6, 15)]
    assert "not included" in inst.note
    assert inst.article("7").text.startswith("[gapcheck summary, not the official text]")


def test_instrument_file_gives_the_official_text(tmp_path):
    # an adviser's AKN file of the official text replaces the summaries, and the note goes
    official = (ROOT / "conventions" / "cets224" / "cets224.eng.xml").read_text(encoding="utf-8")
    official = official.replace("[gapcheck summary, not the official text] ", "OFFICIAL: ")
    f = tmp_path / "cets224-official.xml"
    f.write_text(official, encoding="utf-8")
    a = analyze([NL / "bb"], instrument="cets224", instrument_file=f)
    assert a.instrument.note == "" and a.instrument.article("7").text.startswith("OFFICIAL: ")


def test_three_instruments_in_one_run(tmp_path):
    r = CliRunner().invoke(main, ["analyze", "--instrument", "ets185,ets189,cets224", str(NL / "cl"), "-o", str(tmp_path)])
    assert r.exit_code == 0, r.output
    data = json.loads((tmp_path / "gap-report.json").read_text(encoding="utf-8"))
    assert [i["instrument"]["id"] for i in data["instruments"]] == ["ets185", "ets189", "cets224"]
    assert "not included" in data["instruments"][2]["instrument"]["note"]
    assert data["instruments"][0]["counts"]["covered"] > 0
    html = (tmp_path / "gap-report.html").read_text(encoding="utf-8")
    assert 'id="ets189-art-3"' in html and "official text of this instrument is not included" in html
    from openpyxl import load_workbook
    assert "Articles cets224" in load_workbook(tmp_path / "gap-report.xlsx").sheetnames


def _provs(a, num):
    x = next(x for x in a.articles if x.article.num == num)
    return x.status.value, [f"{f.provision.document}~{f.provision.eid}" for f in x.findings]


def test_protocol_articles_on_real_laws():
    co = analyze([NL / "co"], instrument="ets189")
    status, provs = _provs(co, "6")          # apología del genocidio
    assert status in ("covered", "partial") and "/akn/co/act/2000/599~art_102" in provs
    bb = analyze([NL / "bb"], instrument="ets189")
    assert "/akn/bb/bill/2024/cybercrime~sec_22" in _provs(bb, "7")[1]     # aiding or abetting
    za = analyze([NL / "za"], instrument="cets224")
    # expedited disclosure of traffic data to a foreign State (s 50); emergency requests go through
    # the provisions on foreign requests (s 48, s 50)
    assert "/akn/za/act/2021/19~sec_50" in _provs(za, "8")[1]
    assert {"/akn/za/act/2021/19~sec_48", "/akn/za/act/2021/19~sec_50"} & set(_provs(za, "10")[1])
    bbc = analyze([NL / "bb"], instrument="cets224")
    assert "/akn/bb/bill/2024/cybercrime~sec_26" in _provs(bbc, "7")[1]   # production of subscriber data


def test_a_user_defined_instrument_works_end_to_end(tmp_path, monkeypatch):
    monkeypatch.setenv("GAPCHECK_CONVENTIONS", str(ROOT / "tests" / "instruments"))
    r = CliRunner().invoke(main, ["analyze", "--instrument", "mlaw", str(NL / "sg"), "-o", str(tmp_path)])
    assert r.exit_code == 0, r.output
    data = json.loads((tmp_path / "gap-report.json").read_text(encoding="utf-8"))
    arts = {a["article"]: a for a in data["articles"]}
    assert arts["1"]["status"] == "covered" and arts["1"]["provisions"][0]["eid"] == "sec_3"
    assert arts["2"]["provisions"][0]["eid"] == "sec_5"


def test_folder_overrides_apply_only_to_their_instrument():
    # national_laws/cl/overrides.yaml is for ets185: an ets189 analysis of the folder runs without it
    a189 = analyze([NL / "cl"], instrument="ets189")
    assert a189.overrides_file == "" and all(x.source == "auto" for x in a189.articles)
    a185 = analyze([NL / "cl"], instrument="ets185")
    assert a185.overrides_file.endswith("overrides.yaml")
