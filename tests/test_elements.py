"""The element model is data an adviser can read; the matcher and the status use it."""

import pytest
import yaml

from conftest import ROOT
from gapcheck.elements import LANGS, TextIndex, compiled_terms, load_elements, parse_elements
from gapcheck.errors import GapcheckError
from gapcheck.evaluate import Reference, evaluate, scores
from gapcheck.model import Status

MODEL = load_elements("ets185")


def test_every_article_1_to_35_with_elements_in_four_languages():
    assert sorted(MODEL.articles, key=int) == [str(n) for n in range(1, 36)]
    for num, am in MODEL.articles.items():
        assert am.elements, num
        # matched on its key elements, or assessed on the provisions of other articles (Art 13)
        assert am.key or am.assessed_on, f"article {num} needs key elements"
        for name, e in am.elements.items():
            for lang in LANGS:
                assert e.terms.get(lang), f"article {num}, element {name}: no {lang} terms"
        for name, o in am.options.items():
            assert set(LANGS) <= set(o.terms), f"article {num}, option {name}"
    for kind, terms in MODEL.kinds.items():
        assert set(LANGS) <= set(terms), kind


def test_options_and_reservations_are_marked():
    a2 = MODEL.articles["2"]
    assert {"security_measures", "dishonest_intent", "connected_system"} <= set(a2.options)
    assert MODEL.articles["6"].elements["possession"].reservable == "Art 6(3)"
    assert "serious_harm" in MODEL.articles["4"].options
    assert a2.elements["intent"].general_part


def test_terms_match_on_stems_and_phrases():
    ix = TextIndex("Acceso ilícito", "El que, sin autorización, acceda a un sistema informático", "spa")
    assert ix.find(compiled_terms({"es": ["sin autorización"]}, "spa")) == "sin autorización"
    assert ix.find(compiled_terms({"es": ["acceder"]}, "spa")) == "acceda"
    assert ix.find(compiled_terms({"es": ["con autorización"]}, "spa")) is None
    assert ix.find(compiled_terms({"es": ["acceso"]}, "spa"), "heading") == "Acceso"


def test_a_bad_elements_file_is_an_error():
    with pytest.raises(GapcheckError, match="key names 'objet'"):
        parse_elements({"articles": {"2": {"key": [["objet"]], "elements": {
            "object": {"terms": {"en": ["computer"]}}}}}}, "x")
    # an unquoted "no" or "false" in YAML is a boolean, not the word
    import yaml
    data = yaml.safe_load('articles: {"7": {elements: {inauthentic: {terms: {en: [forged, false]}}}}}')
    with pytest.raises(GapcheckError, match="article 7, element inauthentic, en: .*False is not text"):
        parse_elements(data, "x")


def test_chile_status_from_elements(chile_assessment):
    a = {x.article.num: x for x in chile_assessment.articles}
    assert a["1"].status is Status.PARTIAL and a["1"].elements_missing == ["traffic_data"]
    assert a["2"].status is Status.COVERED
    assert a["2"].elements_found["without_right"] in ("sin autorización", "excediendo la autorización")
    assert any("security" in n or "seguridad" in n for n in a["2"].notes)
    assert any(n.startswith("intent: not stated") for n in a["3"].notes)
    f = a["3"].findings[0]
    assert f.evidence["elements_found"]["conduct"] and "elements_missing" in f.evidence


def test_evaluation_arithmetic_on_a_hand_made_case(chile_assessment):
    assert scores({1, 2, 3, 4}, {2, 3, 5}) == {"precision": 0.5, "recall": 0.6667, "f1": 0.5714,
                                               "true_positives": 2, "predicted": 4, "reference": 3}
    assert scores(set(), set())["f1"] == 1.0 and scores({1}, set())["precision"] == 0.0
    ref = Reference(path="x", country="cl", instrument="ets185", pairs={
        ("2", "/akn/cl/act/2022/21459~art_2"): "full",      # found
        ("3", "/akn/cl/act/2022/21459~art_99"): "partial",  # missed
    }, statuses={"9": Status.ABSENT})
    r = evaluate(chile_assessment, ref)
    assert r["true_positives"] == 1 and r["recall"] == 0.5
    assert ("3", "/akn/cl/act/2022/21459~art_99") in r["missed"]
    assert ref.status("2") is Status.COVERED and ref.status("3") is Status.PARTIAL and ref.status("4") is Status.ABSENT


def test_reference_files_say_how_they_were_made():
    for path in sorted((ROOT / "tests" / "reference").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert len(data["method"]) > 100 and "before" in data["method"], path.name
        assert all(p.get("reason") for p in data["pairs"]), path.name
    assert len(list((ROOT / "tests" / "reference").glob("*.yaml"))) >= 6


def test_matcher_names_no_country_law_or_provision():
    import re
    for name in ("match.py", "elements.py", "assess.py"):
        src = (ROOT / "gapcheck" / name).read_text(encoding="utf-8").lower()
        assert not re.search(r"\b(chile|colombia|costa rica|mauritius|singapore|barbados|21459|269a|218 bis)\b", src), name


def test_alternative_conducts_count_once_in_the_score_but_each_is_required():
    import dataclasses

    from gapcheck.match import element_matcher
    am = MODEL.articles["6"]
    assert ["production", "sale", "procurement", "import", "distribution", "making_available",
            "possession"] in am.alternatives
    em = element_matcher(MODEL, "eng")
    # "discloses any password … without authority, to commit an offence": one of the conducts
    found = {"password": 1, "making_available": 1, "without_right": 1, "purpose": 1}
    assert em.share(am, found) == 1.0
    assert em.share(dataclasses.replace(am, alternatives=[]), found) < 0.4
    # the status still names every conduct the provision lacks (Art 6 asks for all of them)
    assert all(MODEL.articles["6"].elements[n].required for n in ("sale", "import", "possession"))
    with pytest.raises(GapcheckError, match="alternatives names 'sell'"):
        parse_elements({"articles": {"6": {"alternatives": [["sell"]], "elements": {
            "sale": {"terms": {"en": ["sells"]}}}}}}, "x")


def test_excludes_is_checked_and_keeps_procedure_out_of_substantive_articles(tmp_path):
    """Arts 11, 12 and 22 are substantive law: a provision whose lead empowers an authority (a
    procedure code's "cooperación eficaz", "flagrancia") is not a candidate for them."""
    assert [n for n, a in MODEL.articles.items() if "power" in a.excludes] == ["11", "12", "22"]
    path = ROOT / "conventions" / "ets185" / "elements.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["articles"]["11"]["excludes"] = ["proceedings"]
    with pytest.raises(GapcheckError, match="article 11: excludes 'proceedings'"):
        parse_elements(data, "ets185", path=path)


def test_a_procedure_code_does_not_implement_substantive_articles(chile_assessment):
    """Chile's Código Procesal Penal is a procedure code by its title: its art 58 ("Responsabilidad
    penal": legal persons answer through those who acted) and art 130 ("Situación de flagrancia")
    speak of liability and attempt, but they are not Arts 12 and 11. Colombia's art 29 ("Objeto de
    la jurisdicción penal ordinaria") gives the courts their cases; Art 22 is the Código Penal's
    arts 14-16. US Title 18 ("Crimes and Criminal Procedure") is not a procedure code."""
    from gapcheck.analysis import analyze
    from gapcheck.match import element_matcher
    assert [n for n, a in MODEL.articles.items() if "procedure" in a.excludes] == ["11", "12", "22"]
    em = element_matcher(MODEL, "spa")
    assert em.law_kinds("Código Procesal Penal (Ley 19.696), texto refundido") == {"law:procedure"}
    assert em.law_kinds("Código de Procedimiento Penal (Ley 906 de 2004)") == {"law:procedure"}
    assert em.law_kinds("United States Code, Title 18: Crimes and Criminal Procedure") == set()
    assert em.law_kinds("Código Penal (Ley 4573)") == set()
    for num in ("11", "12"):
        art = next(a for a in chile_assessment.articles if a.article.num == num)
        assert not [f for f in art.findings if "19696" in f.provision.document], num
    co = analyze([ROOT / "national_laws" / "co"], use_folder_overrides=False)
    art22 = next(a for a in co.articles if a.article.num == "22")
    assert [(f.provision.document, f.provision.top_num) for f in art22.findings][:2] == [
        ("/akn/co/act/2000/599", "15"), ("/akn/co/act/2000/599", "16")]
    assert not [f for f in art22.findings if f.provision.document.endswith("906")]


def test_attempt_and_complicity_each_keep_their_provision():
    """Art 11 has two limbs that codes put apart: Costa Rica's art 47 ("Cómplices") fits the
    article's words far better than art 24 (attempt, under a heading "Cuándo existe"), but art 24
    is the only provision on attempt and implements Art 11(2)."""
    from gapcheck.analysis import analyze
    cr = analyze([ROOT / "national_laws" / "cr"], use_folder_overrides=False)
    art11 = next(a for a in cr.articles if a.article.num == "11")
    assert [f.provision.top_num for f in art11.findings] == ["47", "24"]
    assert art11.findings[1].evidence["elements_found"]["attempt"].lower() == "tentativa"


def test_requires_is_checked_and_keeps_the_powers_to_provisions_that_grant_them():
    """Arts 16-21 are powers: Barbados s 25 ("Record of seized data to be provided to owner")
    speaks of seizing computer data, but it regulates a search granted in s 23; it is not a
    candidate for Art 19."""
    from gapcheck.analysis import analyze
    assert [n for n, a in MODEL.articles.items() if "power" in a.requires] == ["16", "17", "18", "19", "20", "21"]
    path = ROOT / "conventions" / "ets185" / "elements.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["articles"]["19"]["requires"] = ["powers"]
    with pytest.raises(GapcheckError, match="article 19: requires 'powers'"):
        parse_elements(data, "ets185", path=path)
    bb = analyze([ROOT / "national_laws" / "bb"], use_folder_overrides=False)
    art19 = next(a for a in bb.articles if a.article.num == "19")
    nums = [f.provision.top_num for f in art19.findings]
    assert "23" in nums and "25" not in nums


def test_a_term_does_not_match_an_unrelated_word_of_the_same_snowball_stem():
    """The Snowball stemmers fold "ordenador" (a computer) with "ordenará" (shall order),
    "comunicaciones" with "común", "willfully" with "will": such words keep a stem of their own,
    so a procedure code's every order is not a computer. Forms of one word still match."""
    from gapcheck.elements import TextIndex, compile_term
    def has(term, text, lang):
        return TextIndex("", text, lang).has(frozenset([compile_term(term, lang)]))
    assert not has("ordenador", "el juez ordenará la medida", "spa")
    assert has("ordenador", "accediere a un ordenador ajeno", "spa") and has("ordenador", "los ordenadores", "spa")
    assert not has("comunicaciones", "un delito común", "spa")
    assert has("comunicaciones", "intercepte una comunicación privada", "spa")
    assert not has("willfully", "the court will order", "eng") and has("willfully", "wilfully damages", "eng")
    assert not has("designs", "a designated officer", "eng")


def test_fallback_key_is_checked():
    path = ROOT / "conventions" / "ets185" / "elements.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert MODEL.articles["15"].fallback_key == [["safeguards"], ["judicial"]]
    data["articles"]["15"]["fallback_key"] = [["safeguard"]]
    with pytest.raises(GapcheckError, match="article 15: fallback_key names 'safeguard'"):
        parse_elements(data, "ets185", path=path)


# The Convention names the other State «Party» / «Parte», which no national law does; Art 30 is
# disclosure of preserved data, not worded as assistance; Art 20 collects, and an interception is
# its other limb; «registrar» alone is left out of Art 19's search (a registry, a record); Art 22's
# «en su territorio» is taken by its first key group.
CONVENTION_WORDS_NOT_IN_LAWS = {
    ("eng", "20", "intercept"), ("eng", "23", "foreign"), ("eng", "26", "foreign"), ("eng", "30", "mutual_assistance"),
    ("eng", "33", "foreign"), ("eng", "34", "foreign"), ("spa", "19", "search"), ("spa", "22", "territory_place"),
    ("spa", "26", "foreign"), ("spa", "29", "foreign"), ("spa", "30", "mutual_assistance"),
    ("spa", "32", "another_state"), ("spa", "33", "foreign"), ("spa", "34", "foreign")}


@pytest.mark.parametrize("lang", ["eng", "spa"])
def test_a_law_worded_as_the_convention_carries_its_elements(lang):
    """Many laws copy the Convention's own wording (its English, or its official Spanish): read as
    a provision, each article carries its elements (Art 12's «leading position», Art 9's
    «producción», «oferta», «difusión», «adquisición» were missing until they were added)."""
    from gapcheck.instruments import load_instrument
    from gapcheck.match import element_matcher, index_provisions
    from gapcheck.model import Document, Provision

    inst = load_instrument("ets185", lang)
    doc = Document(frbr_uri="/akn/int/ets/2001/185", title="ETS 185", language=lang, date="2001-11-23")
    arts = [a for a in inst.articles if a.num in MODEL.articles]
    doc.provisions = [Provision(document=doc.frbr_uri, eid=f"art_{a.num}", kind="article", num=a.num,
                                heading=a.title, text=a.text, top_num=a.num, top_eid=f"art_{a.num}") for a in arts]
    corpus = index_provisions([doc], MODEL, lang, True)
    em = element_matcher(MODEL, lang)
    missing = set()
    for i, a in enumerate(arts):
        am = MODEL.articles[a.num]
        found = em.locate_elements(am, corpus.indexes[i])
        missing |= {(lang, a.num, n) for n, e in am.elements.items() if n not in found and e.where == "text"}
    assert missing == {x for x in CONVENTION_WORDS_NOT_IN_LAWS if x[0] == lang}
