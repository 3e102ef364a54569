"""Cross-references read from real national texts, and Art 14 found through them."""

import pytest

from gapcheck.citations import Citations, division_number
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
    cites = [c for c in Citations(chile_docs).of(chile_docs[0].find("art_21")) if c.words.startswith("artículo")]
    assert len(cites) == 3 and all(c.law == "ley N° 20.393" and c.targets == () for c in cites)


def test_a_division_of_a_law_named_by_what_it_does(chile_docs):
    # the text Ley 21.459 inserts into Ley 20.393 names it by what it does, before it had a
    # number: «en el Título I de la ley que sanciona delitos informáticos»
    titles = [c for c in Citations(chile_docs).of(chile_docs[0].find("art_21")) if c.words.startswith("Título")]
    assert titles and titles[0].words == "Título I de la ley que sanciona delitos informáticos"
    assert _eids(titles[0]) == [f"art_{n}" for n in range(1, 11)]      # Título I: arts 1-10, no more
    assert all(t.startswith(LEY) for t in titles[0].targets)
    # a division of a law not analysed, or within a level the law is not marked with, is nothing
    cpp = Citations(chile_docs).of(chile_docs[1].find("art_32"))
    assert [c.targets for c in cpp if c.words.startswith("Título")] == [()]


def test_a_title_bis_is_not_the_title_of_its_number():
    # Ley 1273 «Adiciónase el Código Penal con un Título VII BIS»: not the code's Título VII
    from gapcheck.akn import read_document
    docs = [read_document(ROOT / "national_laws" / "co" / n) for n in ("ley-1273-2009.xml", "codigo-penal.xml")]
    cites = [c for c in Citations(docs).of(docs[0].provisions[0]) if c.words.startswith("Título")]
    assert cites and cites[0].words.startswith("Título VII BIS") and cites[0].targets == ()


def test_division_numbers_however_printed():
    assert [division_number(n) for n in ("III", "3º", "tercero", "3", "XIV", "PRIMERO", "Único", "VII BIS")] == \
        [(3, ""), (3, ""), (3, ""), (3, ""), (14, ""), (1, ""), (1, ""), (7, "bis")]
    assert division_number("PRELIMINAR") is None


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
    with pytest.raises(GapcheckError, match="links or builds_on name article 16"):
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


def test_art_12_by_the_offences_a_provision_brings_under_corporate_liability(chile_assessment):
    # «Modifícase la ley N° 20.393, que establece la responsabilidad penal de las personas
    # jurídicas …», inserting «en el Título I de la ley que sanciona delitos informáticos»
    x = next(a for a in chile_assessment.articles if a.article.num == "12")
    assert [(f.provision.document, f.provision.eid) for f in x.findings] == [(LEY, "art_21")]
    f = x.findings[0]
    assert set(f.evidence["elements_found"]) == {"legal_person", "liability"}
    assert {"2", "3", "4", "5", "7", "8"} <= set(f.evidence["cites"][0]["articles"])
    assert len(f.evidence["cites"]) == 1            # the same words cited twice: one citation
    assert x.status.value == "partial" and "leading_position" in x.elements_missing
    assert any(n.startswith(f"{LEY}~art_21 applies what it names («personas jurídicas», «responsabilidad»)") for n in x.notes)


def test_a_rule_citing_offences_without_the_key_of_art_12_is_not_art_12(chile_assessment):
    # art 19 inserts the same «Título I de la ley que sanciona los delitos informáticos» into the
    # money-laundering law: no corporate liability in its words
    x = next(a for a in chile_assessment.articles if a.article.num == "12")
    assert "art_19" not in [f.provision.eid for f in x.findings]


def test_a_power_made_subject_to_the_interception_rules_is_art_21(chile_assessment):
    # CPP 226: «captar, grabar y registrar subrepticiamente imágenes o sonidos … Regirán, en lo
    # pertinente, las disposiciones de los artículos 222 a 225»
    x = next(a for a in chile_assessment.articles if a.article.num == "21")
    f = next(f for f in x.findings if f.provision.eid == "art_226")
    assert f.evidence["incorporates"] and f.evidence["cites"] == [{"words": "artículos 222 a 225", "articles": ["21"]}]
    assert f.evidence["elements_found"]["intercept"] == "captar"
    assert any("apply to its own measure" in n and "art_226" in n for n in x.notes)
    # it carries no traffic data or communications: not Art 20, whose key opens with them
    x20 = next(a for a in chile_assessment.articles if a.article.num == "20")
    assert "art_226" not in [f.provision.eid for f in x20.findings]


def test_asking_a_court_is_not_incorporating():
    # 18 USC 2705: «A governmental entity acting under section 2703 … may apply to a court for an
    # order»: it regulates notice of the production orders of 2703, it is not one
    from gapcheck.analysis import analyze
    a = analyze([ROOT / "national_laws" / "us"], use_folder_overrides=False)
    for num in ("18", "19"):
        x = next(a for a in a.articles if a.article.num == num)
        assert "sec_2705" not in [f.provision.eid for f in x.findings]


def test_art_17_builds_on_the_preservation_of_art_16(chile_assessment):
    # CPP 218 bis: «podrá requerir, a cualquier proveedor de servicio, la conservación … de datos
    # informáticos» implements Art 16, and Art 17(1)(a) («regardless of whether one or more service
    # providers were involved»)
    x = next(a for a in chile_assessment.articles if a.article.num == "17")
    f = next(f for f in x.findings if f.provision.eid == "art_218-bis")
    assert f.evidence["builds_on"] == "16" and "service_providers" in f.evidence["elements_found"]
    assert any("implements Art 16" in n and "proveedor de servicio" in n for n in x.notes)


def test_a_preservation_without_service_providers_is_not_art_17():
    # Mauritius s 11 «an order for the expeditious preservation of data» names no service provider
    from gapcheck.analysis import analyze
    a = analyze([ROOT / "national_laws" / "mu"], use_folder_overrides=False)
    x16, x17 = (next(a for a in a.articles if a.article.num == n) for n in ("16", "17"))
    assert "sec_11" in [f.provision.eid for f in x16.findings]
    assert "sec_11" not in [f.provision.eid for f in x17.findings]


def test_builds_on_must_name_an_article_and_its_elements():
    data = {"articles": {"17": {"kind": "general", "key": [], "builds_on": {"article": "16", "with": ["nope"]},
                                "elements": {"x": {"terms": {"en": ["x"]}}}},
                         "16": {"kind": "general", "key": [], "elements": {"x": {"terms": {"en": ["x"]}}}}}}
    with pytest.raises(GapcheckError, match="builds_on names 'nope'"):
        parse_elements(data, "ets185")
    data["articles"]["17"]["builds_on"] = "16"
    with pytest.raises(GapcheckError, match="builds_on must name an article"):
        parse_elements(data, "ets185")


def test_an_amending_law_named_by_what_it_does_is_not_the_law_it_amends():
    from gapcheck.akn import read_document
    docs = [read_document(ROOT / "national_laws" / "co" / "codigo-penal.xml")]
    c = Citations(docs)
    # Colombia's code is titled «Código Penal (Ley 599 de 2000), texto vigente»
    assert c.document_named("ley que expide el Código Penal") is docs[0]
    assert c.document_named("ley que modifica el Código Penal") is None


def test_english_parts_of_chapters():
    # South Africa's Cybercrimes Act s 24 (jurisdiction) cites «Part II of Chapter 2» (ss 13-16,
    # malicious communications) and «Chapter 2» (the offences, ss 2-23)
    from gapcheck.akn import read_document
    za = read_document(ROOT / "national_laws" / "za" / "cybercrimes-act-2020.xml")
    cites = {c.words: _eids(c) for c in Citations([za]).of(za.find("sec_24"))}
    assert cites["Part II of Chapter 2"] == ["sec_13", "sec_14", "sec_15", "sec_16"]
    assert cites["Chapter 2"] == [f"sec_{n}" for n in range(2, 24)]
