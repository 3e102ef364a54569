"""Hostile and broken input, one test per file in tests/hostile/: a clear error, never a traceback,
never a file or network read through an entity, never markup or a formula from the data."""

import time
import tracemalloc

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from conftest import CL, ROOT
from gapcheck.akn import read_document
from gapcheck.analysis import analyze, write_reports
from gapcheck.cli import main
from gapcheck.errors import GapcheckError
from gapcheck.importer import import_statute, split_provisions

H = ROOT / "tests" / "hostile"


def _cli(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.mark.parametrize("name", ["xxe-file.xml", "xxe-http.xml"])
def test_external_entities_are_refused_before_parsing(name, monkeypatch):
    import socket
    import builtins
    opened = []
    real_open = builtins.open
    monkeypatch.setattr(builtins, "open", lambda f, *a, **k: (opened.append(str(f)), real_open(f, *a, **k))[1])
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: pytest.fail("network used"))
    with pytest.raises(GapcheckError) as e:
        read_document(H / name)
    assert "DOCTYPE" in str(e.value) and e.value.line == 2
    assert not any("passwd" in f for f in opened)


def test_entity_bomb_is_refused_fast_with_bounded_memory():
    tracemalloc.start()
    t0 = time.perf_counter()
    with pytest.raises(GapcheckError, match="DOCTYPE"):
        read_document(H / "billion-laughs.xml")
    elapsed = time.perf_counter() - t0
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert elapsed < 1.0
    assert peak < 20 * 1024 * 1024     # a billion "lol"s would need gigabytes


@pytest.mark.parametrize("name,message", [
    ("no-namespace.xml", "namespace is missing"),
    ("not-akn.xml", "not Akoma Ntoso: the root element is <html>"),
    ("empty-body.xml", "no articles or sections"),
    ("duplicate-eids.xml", "duplicate eId 'sec_1'"),
    ("latin1-undeclared.xml", "declare the encoding"),
])
def test_structural_problems_say_what_to_do(name, message, tmp_path):
    r = _cli("analyze", H / name, "-o", tmp_path)
    assert r.exit_code == 2 and message in r.output and "Traceback" not in r.output
    assert r.output.startswith("gapcheck: error: ")


def test_odd_but_valid_document_is_analysed_with_warnings(tmp_path):
    r = _cli("analyze", H / "odd-gaps-no-headings.xml", "-o", tmp_path)
    assert r.exit_code == 0
    out = r.output      # Click's runner mixes stderr (the warnings) into output
    assert "no provision has a heading" in out and "numbering gaps between provisions 1→7" in out


@pytest.mark.parametrize("name,message", [
    ("binary.txt", "looks binary"), ("empty.txt", "empty"), ("no-provisions.txt", "no provisions recognised")])
def test_text_import_errors(name, message, tmp_path):
    r = _cli("import", H / name, "--country", "xx", "--lang", "spa", "--title", "t", "--date", "2020-01-01",
             "-o", tmp_path / "out.xml")
    assert r.exit_code == 2 and message in r.output and not (tmp_path / "out.xml").exists()


def test_ocr_noise_page_headers_numbers_and_hyphenation():
    tree, report = import_statute(H / "ocr-noise.txt", country="xx", lang="spa", title="t", date="2020-01-01")
    assert report["provisions"] == 3 and report["hyphenations_joined"] == 2
    text = " ".join(tree.getroot().itertext())
    assert "DIARIO OFICIAL" not in text and "sistema informático" in text and "castigado con presidio" in text
    assert "\u00ad" not in text


def test_mixed_numbering_styles_keep_the_dominant_one():
    _, provs, _ = split_provisions("Artículo 1.- Objeto. Texto.\n1. un inciso numerado.\n2. otro.\n\n"
                                   "Artículo 2.- Otra. Texto.\n")
    assert [p.num for p in provs] == ["1", "2"]


def test_script_in_statute_shows_as_text(tmp_path):
    a = analyze([H / "script-in-statute.xml"])
    write_reports(a, tmp_path)
    html = (tmp_path / "gap-report.html").read_text(encoding="utf-8")
    assert '<script>alert("heading")' not in html and "&lt;script&gt;alert(&#34;heading&#34;)" in html
    assert "<img src=x" not in html
    ws = load_workbook(tmp_path / "gap-report.xlsx")["Texts"]
    cells = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and "calc" in c.value]
    assert cells and all(c.data_type == "s" for c in cells)


def test_formula_in_overrides_is_stored_as_text(tmp_path):
    a = analyze([CL], overrides=H / "formula-overrides.yaml")
    write_reports(a, tmp_path, formats=("xlsx",))
    ws = load_workbook(tmp_path / "gap-report.xlsx")["Articles"]
    comment = ws.cell(row=3, column=12)
    assert comment.value.startswith("=HYPERLINK") and comment.data_type == "s"
    assert ws.cell(row=3, column=13).value == "@SUM(1+1)" and ws.cell(row=3, column=13).data_type == "s"


def test_outputs_are_atomic_and_never_overwrite_inputs(tmp_path, monkeypatch):
    a = analyze([CL])
    write_reports(a, tmp_path)
    before = (tmp_path / "gap-report.html").read_bytes()
    import gapcheck.render.html as html_mod
    monkeypatch.setattr(html_mod, "to_html", lambda *a, **k: (_ for _ in ()).throw(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        write_reports(a, tmp_path)
    assert (tmp_path / "gap-report.html").read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    monkeypatch.undo()
    with pytest.raises(GapcheckError, match="refusing to write over an input"):
        write_reports(a, CL.parent / "cl", formats=("json",), protect=[CL / "gap-report.json"])


def test_import_force_keeps_a_backup(tmp_path):
    out = tmp_path / "law.xml"
    out.write_text("<adviser's corrected file/>", encoding="utf-8")
    r = _cli("import", H / "ocr-noise.txt", "--country", "xx", "--lang", "spa", "--title", "t", "--date",
             "2020-01-01", "-o", out, "--force")
    assert r.exit_code == 0 and "kept as" in r.output
    assert (tmp_path / "law.xml.bak").read_text(encoding="utf-8") == "<adviser's corrected file/>"


def test_an_internal_error_is_one_line(monkeypatch, tmp_path):
    import gapcheck.analysis
    monkeypatch.setattr(gapcheck.analysis, "run", lambda *a, **k: 1 / 0)
    r = _cli("analyze", CL, "-o", tmp_path)
    assert r.exit_code == 3 and r.output.startswith("gapcheck: internal error: ZeroDivisionError")


def test_country_codes_never_become_paths_outside_the_output(tmp_path):
    from gapcheck.progress import country_folders
    root = tmp_path / "laws"
    for name in ("cl", "..hidden", "xx-evil", "abc", "c1"):
        (root / name).mkdir(parents=True)
        (root / name / "law.xml").write_text("<x/>", encoding="utf-8")
    assert [p.name for p in country_folders(root)] == ["cl"]
