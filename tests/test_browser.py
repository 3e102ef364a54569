"""The HTML report in a real headless browser (Debian's chromium): no network, a fresh profile."""

import os
import shutil
from pathlib import Path

import pytest

from conftest import CL
from gapcheck.analysis import analyze, write_reports

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if not CHROMIUM:
    if os.environ.get("CI"):
        raise RuntimeError("chromium is missing: .ci/run installs Debian's chromium")
    pytest.skip("chromium is not installed (apt-get install chromium)", allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def pw():
    with sync_api.sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def page(tmp_path_factory, pw):
    out = tmp_path_factory.mktemp("browser")
    write_reports(analyze([CL]), out, formats=("html",))
    profile = tmp_path_factory.mktemp("profile")      # a fresh profile
    context = pw.chromium.launch_persistent_context(
        str(profile), executable_path=CHROMIUM, headless=True,
        args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
              "--disable-background-networking", "--disable-component-update", "--disable-sync"])
    pg = context.new_page()
    events = {"console": [], "requests": []}
    pg.on("console", lambda m: events["console"].append((m.type, m.text)))
    pg.on("pageerror", lambda e: events["console"].append(("pageerror", str(e))))
    pg.on("request", lambda r: events["requests"].append(r.url))
    url = Path(out / "gap-report.html").as_uri()
    pg.goto(url)
    yield pg, events, url, out
    context.close()


def _visible(pg):
    return pg.eval_on_selector_all("#articles .card", "cs => cs.filter(c => !c.hidden).map(c => c.id)")


def test_renders_filters_and_searches_without_network(page):
    pg, events, url, out = page
    pg.screenshot(path=str(out / "report.png"), full_page=False)
    assert (out / "report.png").stat().st_size > 10_000
    assert len(_visible(pg)) == 48
    pg.select_option("#f-status", "covered")
    covered = _visible(pg)
    assert "art-2" in covered and "art-9" not in covered and 0 < len(covered) < 48
    pg.select_option("#f-status", "")
    pg.select_option("#f-chapter", "ets185:III")
    assert set(_visible(pg)) == {f"art-{n}" for n in range(23, 36)}
    pg.select_option("#f-chapter", "")
    pg.fill("#f-search", "Fraude informático")
    # the fraud offence's card, and Art 13's, which is assessed on the penalties of the offences
    assert _visible(pg) == ["art-8", "art-13"]
    pg.fill("#f-search", "zzzz-nothing")
    assert _visible(pg) == [] and pg.is_visible("#no-results")
    pg.fill("#f-search", "")
    # collapse and expand, by keyboard
    pg.focus("#collapse-all")
    pg.keyboard.press("Enter")
    assert pg.eval_on_selector("#art-2 details", "d => d.open") is False
    pg.focus("#art-2 summary")
    pg.keyboard.press("Enter")
    assert pg.eval_on_selector("#art-2 details", "d => d.open") is True
    assert [e for e in events["console"] if e[0] in ("error", "pageerror", "warning")] == []
    assert [u for u in events["requests"] if u != url] == []


def test_matrix_heatmap_sorts_and_links(tmp_path, pw):
    from conftest import ROOT
    from gapcheck.progress import run_matrix
    from gapcheck.render.progress import write_matrix
    r = run_matrix(ROOT / "national_laws", out_dir=tmp_path, workers=1)
    write_matrix(r, tmp_path)
    browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                 args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
    pg = browser.new_page()
    errors, requests = [], []
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.on("request", lambda q: requests.append(q.url))
    url = (tmp_path / "matrix.html").as_uri()
    pg.goto(url)
    order = lambda: pg.eval_on_selector_all("#matrix tbody tr", "rs => rs.map(r => r.dataset.country)")
    assert order() == sorted(order())
    pg.click("button[data-key=coverage]")
    cov = pg.eval_on_selector_all("#matrix tbody tr", "rs => rs.map(r => parseFloat(r.dataset.coverage))")
    assert cov == sorted(cov, reverse=True)
    href = pg.get_attribute("#matrix tbody tr[data-country=cl] td.cell a", "href")
    assert href == "cl/gap-report.html#art-1"
    pg.screenshot(path=str(tmp_path / "matrix.png"))
    browser.close()
    assert errors == [] and requests == [url]
