"""Cross-references read from real national texts, and Art 14 found through them."""

import pytest

from gapcheck.citations import Citations
from gapcheck.elements import parse_elements
from gapcheck.errors import GapcheckError
from gapcheck.model import Document, Provision

from conftest import ROOT

CPP = "/akn/cl/act/2000/19696"
LEY = "/akn/cl/act/2022/21459"


def _eids(c):
    return [t.split("~")[1] for t in c.targets]


def test_a_range_in_another_code_and_a_list_in_this_law(chile_docs):
    cites = Citations(chile_docs).of(chile_docs[0].find("art_12"))
    own, cpp = cites
    assert own.words == "artículos 1°, 2°, 3°, 4°, 5° y 7° de esta ley" and own.law == ""
    assert _eids(own) == ["art_1", "art_2", "art_3", "art_4", "art_5", "art_7"]
    assert cpp.law == "Código Procesal Penal" and all(t.startswith(CPP) for t in cpp.targets)
    # a range takes the articles inserted between its ends («225 bis» …), not those after its last
    assert _eids(cpp)[:5] == ["art_222", "art_223", "art_224", "art_225", "art_225-bis"]
    assert _eids(cpp)[-1] == "art_226" and "art_218-bis" not in _eids(cpp)


def test_a_law_not_analysed_is_named_and_resolves_to_nothing(chile_docs):
    # «Modifícase la ley N° 20.393 …: Intercálase, en el inciso primero del artículo 1 …»: the
    # article 1 amended is the other law's, not Ley 21.459's own art 1
    cites = Citations(chile_docs).of(chile_docs[0].find("art_21"))
    assert cites and all(c.law == "ley N° 20.393" and c.targets == () for c in cites)


def test_english_sections_range_and_the_act_itself():
    from gapcheck.akn import read_document
    mu = read_document(ROOT / "national_laws" / "mu" / "computer-misuse-and-cybercrime-act-2003.xml")
    sg = read_document(ROOT / "national_laws" / "sg" / "computer-misuse-act-1993.xml")
    c = Citations([mu])
    assert [_eids(x) for x in c.of(mu.find("sec_9"))] == [["sec_3", "sec_4", "sec_5", "sec_6", "sec_7", "sec_8"]]
    assert _eids(c.of(mu.find("sec_20"))[0]) == ["sec_3", "sec_4", "sec_5", "sec_6", "sec_7", "sec_10"]
    other = [x for x in Citations([sg]).of(sg.find("sec_14")) if x.law]
    assert other and other[0].law == "Criminal Procedure Code 2010" and other[0].targets == ()


def test_portuguese_numbers_with_ordinal_marks():
    # a sentence written for this test: no Portuguese law with such citations is bundled
    law = Document(frbr_uri="/akn/pt/act/2009/109", title="Lei n.º 109/2009", language="por", date="2009-09-15")
    law.provisions = [Provision(document=law.frbr_uri, eid=f"art_{n}", kind="article", num=f"{n}.º",
                                top_num=str(n), top_eid=f"art_{n}",
                                text="As disposições dos artigos 12.º a 14.º desta Lei aplicam-se aos crimes "
                                     "previstos nos artigos 3.º e 6.º e no art. 5.º da Lei n.º 9.296/1996."
                                if n == 11 else "")
                      for n in range(1, 20)]
    cites = Citations([law]).of(law.provisions[10])
    assert [_eids(c) for c in cites] == [["art_12", "art_13", "art_14"], ["art_3", "art_6"], []]
    assert cites[2].law == "Lei n.º 9.296/1996"
    # «n.º» is not read as «no» (Unicode folds «º» to «o»): the law is found by its number
    assert Citations([law]).document_named("Lei n.º 109/2009") is law


def test_art_14_by_citation_on_chilean_law(chile_assessment):
    x = next(a for a in chile_assessment.articles if a.article.num == "14")
    linked = [f for f in x.findings if f.evidence.get("cites")]
    assert [(f.provision.document, f.provision.eid) for f in linked] == [(LEY, "art_12")]
    cites = linked[0].evidence["cites"]
    # what the cited provisions implement: the CPP's powers and Ley 21.459's offences
    assert {"19", "21"} <= set(cites[0]["articles"]) and set(cites[1]["articles"]) >= {"2", "3", "4", "5"}
    assert any("by citation" in n and "artículos 222 a 226" in n for n in x.notes)


def test_a_power_citing_one_offence_in_passing_is_not_art_14():
    # 18 USC 3125 (emergency pen register) cites 1030 for its «protected computer» and 3123: it
    # names no set of offences the powers apply to
    from gapcheck.analysis import analyze
    a = analyze([ROOT / "national_laws" / "us"], use_folder_overrides=False)
    x = next(a for a in a.articles if a.article.num == "14")
    assert "sec_3125" not in [f.provision.eid for f in x.findings]


def test_links_must_be_groups_of_articles():
    data = {"articles": {"14": {"kind": "general", "key": [], "links": ["16", "17"],
                                "elements": {"x": {"terms": {"en": ["x"]}}}}}}
    with pytest.raises(GapcheckError, match="links must be a list of groups"):
        parse_elements(data, "ets185")
    data["articles"]["14"]["links"] = [["16"], ["99"]]
    with pytest.raises(GapcheckError, match="links name article 16"):
        parse_elements(data, "ets185")


def test_a_law_is_named_by_its_number_or_its_title(chile_docs):
    c = Citations(chile_docs)
    assert c.document_named("ley N° 19.696").frbr_uri == CPP
    assert c.document_named("Código Procesal Penal").frbr_uri == CPP
    # a number is matched whole («19.69» is not 19.696), and a year is not a law's number
    assert c.document_named("ley N° 19.69") is None
    assert c.document_named("Código Penal") is None
    from gapcheck.akn import read_document
    za = read_document(ROOT / "national_laws" / "za" / "cybercrimes-act-2020.xml")
    c = Citations([za])
    assert c.document_named("Criminal Procedure Act, 1977") is None
    assert c.document_named("Cybercrimes Act, 2020").frbr_uri == za.frbr_uri
