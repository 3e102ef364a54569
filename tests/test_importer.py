"""The importer on the real statutes in ../shared, and on each numbering style."""

import json
import re

import pytest
from lxml import etree

from conftest import CL, LAWS, TEXTS
from gapcheck.akn import AKN_NS, GAPCHECK_NS, read_document
from gapcheck.importer import build_levels, import_statute, split_provisions, write_akn


def _import(tmp_path, name, country, lang, number="1", date="2020-01-01", doc_type="act"):
    tree, report = import_statute(LAWS / name, country=country, lang=lang, title=name, date=date, number=number,
                                  doc_type=doc_type)
    out = write_akn(tree, tmp_path / f"{country}-{number}.xml")
    return read_document(out), report


@pytest.mark.parametrize("name,country,lang", [
    ("cl_ley-21459-delitos-informaticos.json", "cl", "spa"),
    ("cl_ley-19223-delitos-informaticos-1993.json", "cl", "spa"),
    ("cl_codigo-procesal-penal.json", "cl", "spa"),
    ("co_ley-1273-2009-delitos-informaticos.json", "co", "spa"),
    ("co_ley-906-2004-codigo-procedimiento-penal.json", "co", "spa"),
    ("sg_computer-misuse-act-1993.json", "sg", "eng"),
    ("gh_cybersecurity-act-2020-act-1038.json", "gh", "eng"),
])
def test_provision_count_matches_the_ingestion(tmp_path, name, country, lang):
    source = json.loads((LAWS / name).read_text(encoding="utf-8"))["provisions"]
    doc, _ = _import(tmp_path, name, country, lang)
    assert len(doc.provisions) == len(source)
    # the numbers are the source's, without label or ordinal marks
    for p, s in zip(doc.provisions, source):
        theirs = s["section"].lower().replace(" transitorio", "")
        if p.top_num.lower() != theirs:
            # the ingester's number can be short ("206" for "ARTÍCULO 206 A"): the law's own wins
            assert p.top_num.lower().startswith(theirs + " ")
            assert s["content"].upper().startswith(f"ARTÍCULO {p.top_num.upper()}"), (p.top_num, s["section"])


def _arrangement_numbers(text: str, start: str, end: str) -> list[str]:
    toc = text[text.index(start):text.index(end)]
    return re.findall(r"(?m)(?:^|\s)(\d+[A-Z]?)\.(?=\s|$)", toc)


def test_mauritius_sections_match_its_arrangement_of_sections(tmp_path):
    text = (LAWS / "mu_computer-misuse-and-cybercrime-act-2003.txt").read_text(encoding="latin-1")
    expected = _arrangement_numbers(text, "ARRANGEMENT OF SECTIONS", "COMPUTER MISUSE AND CYBERCRIME ACT\nPART I")
    doc, report = _import(tmp_path, "mu_computer-misuse-and-cybercrime-act-2003.txt", "mu", "eng")
    assert [p.top_num for p in doc.provisions] == expected
    assert report["table_of_contents"]
    s3 = doc.provisions[2]
    assert s3.heading == "Unauthorised access to computer data"
    assert [c.num for c in s3.children] == ["(1)", "(2)", "(3)", "(4)"]
    assert [c.num for c in s3.children[1].children] == ["(a)", "(b)", "(c)", "(d)", "(e)"]
    # a heading run into the text is recovered from the arrangement of sections
    assert doc.provisions[17].heading == "Prosecution"
    assert doc.provisions[17].text.startswith("No prosecution shall be instituted")


def test_barbados_bill_from_a_pdf_extraction(tmp_path):
    text = (LAWS / "bb_cybercrime-bill-2024.md").read_text(encoding="utf-8")
    toc = text[text.index("Arrangement of Sections"):text.index("ENACTED by the Parliament")]
    expected = sorted({int(n) for n in re.findall(r"(?m)^(\d+)\.$", toc)})
    doc, _ = _import(tmp_path, "bb_cybercrime-bill-2024.md", "bb", "eng", number="2024-cybercrime", doc_type="bill")
    assert [int(p.top_num) for p in doc.provisions] == expected
    assert doc.doc_type == "bill"
    s4 = doc.provisions[3]
    assert s4.heading == "Illegal access"
    sub1 = s4.children[0]
    assert sub1.num == "(1)" and [c.num for c in sub1.children] == ["(a)", "(b)", "(c)"]
    assert sub1.children[0].text == "gains access to the whole or any part of a computer system;"
    # the "(2)" that the PDF put after the first line of its subsection
    assert s4.children[1].num == "(2)" and s4.children[1].text.startswith("For the purposes of subsection (1)")
    # a heading, then the section's first words above its number ("Preservation of data for
    # criminal proceedings" / "The Commissioner of Police … may make" / "28.(1)" / "an ex parte …"):
    # the heading is the heading, the words begin the text, nothing is left to the section above
    s = {p.top_num: p for p in doc.provisions}
    assert s["28"].heading == "Preservation of data for criminal proceedings"
    assert s["28"].children[0].text.startswith("The Commissioner of Police or any other gazetted officer may make "
                                               "an ex parte application for a preservation order")
    assert "Preservation of data" not in s["27"].full_text
    assert s["14"].heading == "Computer-related forgery" and "Computer-related forgery" not in s["13"].full_text
    # the two lines of a first sentence printed in the wrong order ("30." / "effect to this Act." /
    # "The Minister may make regulations generally for the purpose of giving")
    assert s["30"].heading == "Regulations"
    assert s["30"].text == "The Minister may make regulations generally for the purpose of giving effect to this Act."
    assert s["22"].text.startswith("A person who aids or abets the commission of an offence under this Act is guilty")
    ma, _ = _import(tmp_path, "bb_mutual-assistance-criminal-matters-amendment-bill-2024.md", "bb", "eng",
                    number="2024-mutual-assistance-amendment", doc_type="bill")
    assert ma.provisions[2].full_text.startswith("The principal Act is amended by inserting immediately after "
                                                 "section 18 the following new section:")


def test_singapore_inline_subsections(tmp_path):
    doc, _ = _import(tmp_path, "sg_computer-misuse-act-1993.json", "sg", "eng")
    s3 = doc.provisions[2]
    assert s3.heading == "Unauthorised access to computer material"
    assert [c.num for c in s3.children] == ["(1)", "(2)", "(3)"]
    assert [c.num for c in s3.children[2].children] == ["(a)", "(b)", "(c)"]


def test_chile_article_heading_incisos_and_quoted_insertion(tmp_path):
    doc, _ = _import(tmp_path, "cl_ley-21459-delitos-informaticos.json", "cl", "spa", number="21459", date="2022-06-20")
    assert doc.frbr_uri == "/akn/cl/act/2022/21459"
    a2 = doc.find("art_2")
    assert (a2.num, a2.heading) == ("2°", "Acceso ilícito")
    assert a2.children[0].text.startswith("El que, sin autorización")
    assert [c.eid for c in a2.children][:2] == ["art_2__para_1", "art_2__para_2"]
    # Art 18 quotes the article it inserts into the Código Procesal Penal: it stays inside Art 18
    a18 = doc.find("art_18")
    assert "Artículo 218 bis.- Preservación provisoria" in a18.full_text
    assert doc.find("art_218-bis") is None


def test_colombia_inserted_articles_keep_their_own_numbers(tmp_path):
    doc, _ = _import(tmp_path, "co_ley-1273-2009-delitos-informaticos.json", "co", "spa", number="1273", date="2009-01-05")
    nums = [p.top_num for p in doc.provisions]
    assert nums[:3] == ["1", "269A", "269B"] and "269J" in nums
    a = doc.find("art_269A")
    assert a.heading == "Acceso abusivo a un sistema informático"
    assert a.text.startswith("El que, sin autorización o por fuera de lo acordado")


@pytest.mark.parametrize("line,num,heading,body", [
    ("Artículo 2°.- Acceso ilícito. El que acceda a un sistema.", "2°", "Acceso ilícito", "El que acceda a un sistema."),
    ("ARTÍCULO 269A. Acceso abusivo a un sistema informático. El que acceda.", "269A",
     "Acceso abusivo a un sistema informático", "El que acceda."),
    ("Art. 154-A. Invasão de dispositivo informático. Invadir dispositivo alheio.", "154-A",
     "Invasão de dispositivo informático", "Invadir dispositivo alheio."),
    ("Article 12-A. Illegal possession of data. A person who possesses data.", "12-A", "Illegal possession of data",
     "A person who possesses data."),
    # «.-» sets a long heading with commas apart (Ecuador's COIP)
    ("Art. 234.- Acceso no consentido a un sistema informático, telemático o de telecomunicaciones.- La persona que "
     "sin autorización acceda.", "234", "Acceso no consentido a un sistema informático, telemático o de telecomunicaciones",
     "La persona que sin autorización acceda."),
    # Mexico numbers the articles inserted after 211 bis «211 bis 1», «211 bis 2»
    ("Artículo 211 bis 1.- Al que sin autorización modifique información.", "211 bis 1", "",
     "Al que sin autorización modifique información."),
    # a capital after a space is a suffix before the number's stop only: Portuguese «O», «Os» open the text
    ("Artículo 36 B.- El que intercepte.", "36 B", "", "El que intercepte."),
    ("Art. 2º O Código Penal passa a vigorar acrescido do art. 154-A.", "2º", "",
     "O Código Penal passa a vigorar acrescido do art. 154-A."),
    # a stop that ends an abbreviation («arts.», «art.») ends no heading
    ("Art. 3º Os arts. 266 e 298 passam a vigorar com a seguinte redação.", "3º", "",
     "Os arts. 266 e 298 passam a vigorar com a seguinte redação."),
    ("ARTÍCULO 40. Conforme al art. 5 de la Ley 599, el juez decide.", "40", "",
     "Conforme al art. 5 de la Ley 599, el juez decide."),
])
def test_article_numbering_styles(line, num, heading, body):
    text = f"{line}\n\n{line.replace(num, 'X', 1).replace('X', '99', 1)}\n"
    _, provs, _ = split_provisions(text)
    assert (provs[0].num, provs[0].heading, provs[0].blocks) == (num, heading, [body])


@pytest.mark.parametrize("text,nums,heading,first", [
    ("Section 4. Cybercrime Offenses. — The following acts constitute offenses.\n\nSection 5. Other. — More.",
     ["4", "5"], "Cybercrime Offenses", "The following acts constitute offenses."),
    ("4. (1) A person who accesses a computer commits an offence.\n(2) A person who intercepts commits an offence.\n\n5. Penalties\nA fine.",
     ["4", "5"], "", "(1) A person who accesses a computer commits an offence."),
])
def test_section_numbering_styles(text, nums, heading, first):
    _, provs, _ = split_provisions(text)
    assert [p.num for p in provs] == nums
    assert provs[0].heading == heading and provs[0].blocks[0] == first


def test_bundled_chile_files_are_importer_output_with_their_source():
    for name, number in (("ley-21459-2022.xml", "21459"), ("ley-19223-1993.xml", "19223"),
                         ("codigo-procesal-penal.xml", "19696")):
        tree = etree.parse(str(CL / name))
        src = tree.find(f".//{{{GAPCHECK_NS}}}source")
        assert src.get("origin").startswith("Ansvar-Systems/Chilean-law-mcp@")
        assert src.get("url", "").startswith("https://www.bcn.cl/leychile/")
        uri = tree.find(f".//{{{AKN_NS}}}FRBRWork/{{{AKN_NS}}}FRBRuri").get("value")
        assert uri.endswith("/" + number)


def test_chapters_of_an_ingestion_become_containers_not_text(tmp_path):
    doc, _ = _import(tmp_path, "cl_codigo-procesal-penal.json", "cl", "spa", number="19696", date="2000-10-12")
    assert not any("Párrafo 3º Actuaciones de la investigación" in p.full_text for p in doc.provisions)
    tree = etree.parse(str(tmp_path / "cl-19696.xml"))
    headings = [h.text for h in tree.iter(f"{{{AKN_NS}}}heading") if h.getparent().tag != f"{{{AKN_NS}}}article"]
    assert "Interceptación de comunicaciones" in " ".join(headings)


def test_costa_rica_page_wrapped_lines_join_within_their_paragraph(tmp_path):
    # SCIJ's ingestion keeps the printed line breaks inside paragraphs that blank lines separate
    doc, _ = _import(tmp_path, "cr_codigo-penal.json", "cr", "spa", number="4573", date="1970-05-04")
    a196 = doc.find("art_196")
    assert a196.heading == "Violación de correspondencia o comunicaciones"
    first = a196.children[0].text
    assert "y sin su autorización, se apodere, acceda, modifique" in first
    assert first.endswith("documentación o comunicaciones dirigidas a otra persona.")
    assert not a196.wrap_up
    # a wrapped fragment repeated in many articles is the law's text, not a running header
    assert "contenedores electrónicos, ópticos o magnéticos" in doc.find("art_232").full_text
    # a number alone on the title line takes its heading from the next line
    assert doc.find("art_229-ter").heading == "Sabotaje informático"
    # a title cut mid-sentence is no heading ("ARTÍCULO 17. - Este Código se" / "aplicará a …"); the
    # heading SCIJ prints above the number, which the ingester left at the end of article 16, is
    a17 = doc.find("art_17")
    assert a17.heading == "Ley especial para menores"
    assert a17.full_text.startswith("Este Código se aplicará a las personas")
    assert doc.find("art_5").heading == "Extraterritorialidad"
    assert "Extraterritorialidad" not in doc.find("art_4").full_text
    assert doc.find("art_196-bis").heading == "Violación de datos personales"
    assert doc.find("art_229-bis").heading == "Daño informático"
    assert doc.find("art_232").heading == "Instalación o propagación de programas informáticos maliciosos"
    # "SECCIÓN V" is a division of the code, not a paragraph of the article before it
    assert "SECCIÓN" not in doc.find("art_16").full_text
    xml = etree.parse(str(tmp_path / "cr-4573.xml"))
    divisions = {(d.findtext(f"{{{AKN_NS}}}num"), d.findtext(f"{{{AKN_NS}}}heading"))
                 for d in xml.iter(f"{{{AKN_NS}}}division")}
    assert ("V", "APLICACIÓN POR LA MATERIA") in divisions
    # a division label that recurs in every title ("SECCIÓN III") is no running header: the
    # division "Tentativa" holds article 24, and its title is not text of article 23
    assert ("III", "TENTATIVA") in divisions and ("VIII", "Delitos informáticos y conexos") in divisions
    assert "TENTATIVA" not in doc.find("art_23").full_text
    assert "Causas de Justificación" not in doc.find("art_24").full_text
    # in that layout a heading above the number may lack its full stop ("Homicidio simple"), but
    # the portal's own line ending many articles ("Ficha articulo") is no heading, and a title
    # in capitals ("INJURIA, CALUMNIA, DIFAMACIÓN") is a division's
    assert doc.find("art_111").heading == "Homicidio simple"
    assert "Homicidio simple" not in doc.find("art_110").full_text
    assert doc.find("art_174-bis").heading == "Pornografía virtual y pseudo pornografía"
    assert doc.find("art_74").heading == "Penalidad del autor, instigador y cómplice"
    assert not any(p.heading == "Ficha articulo" or p.heading.isupper() for p in doc.provisions)


def test_us_code_line_breaks_stay_paragraph_breaks(tmp_path):
    # the US Code ingestion also has blank lines, but its line breaks start new paragraphs
    doc, _ = _import(tmp_path, "us_usc-title18.json", "us", "eng", number="usc-title-18", date="1948-06-25")
    s33 = doc.find("sec_33")
    assert s33.wrap_up.startswith("shall be fined under this title or imprisoned not more than twenty years")
    assert any(c.text.startswith("Whoever, with like intent, willfully disables") for c in s33.children)


def test_portuguese_headings_above_articles_and_paragraph_signs(tmp_path):
    # Planalto prints a Brazilian article's heading (rubrica) on the line above it, and numbers
    # its paragraphs "§ 1º"
    tree, _ = import_statute(TEXTS / "br-codigo-penal-excerpt.txt", country="br", lang="por", title="Código Penal",
                             date="1940-12-07", number="2848")
    doc = read_document(write_akn(tree, tmp_path / "br.xml"))
    a = doc.find("art_154-A")
    assert a.heading == "Invasão de dispositivo informático"
    assert a.text.startswith("Invadir dispositivo informático de uso alheio")
    assert [c.eid for c in a.children] == ["art_154-A__subsec_1"]
    assert a.children[0].text.startswith("Na mesma pena incorre quem produz")
    assert doc.find("art_266").heading.startswith("Interrupção ou perturbação de serviço telegráfico")
    assert "Interrupção" not in a.full_text


def test_uk_section_numbers_without_a_stop_and_long_headings_above(tmp_path):
    tree, _ = import_statute(TEXTS / "gb-computer-misuse-act-1990-excerpt.txt", country="gb", lang="eng",
                             title="Computer Misuse Act 1990", date="1990-06-29", number="18")
    doc = read_document(write_akn(tree, tmp_path / "gb.xml"))
    assert [p.num for p in doc.provisions] == ["1", "3", "3A"]
    assert doc.find("sec_1").heading == "Unauthorised access to computer material"
    assert doc.find("sec_3").heading.startswith("Unauthorised acts with intent to impair")
    assert doc.find("sec_3A").heading.startswith("Making, supplying or obtaining articles")
    assert [c.num for c in doc.find("sec_3").children] == ["(1)", "(2)"]


def test_text_after_the_number_is_kept_when_the_heading_came_above(tmp_path):
    # "Cyber fraud" / "8. Any person who … makes a misrepresentation—": with its heading above the
    # number, a section's opening words are its text, not a second heading to drop
    za, _ = _import(tmp_path, "za_cybercrimes-act-19-2020.gazette-44651.md", "za", "eng", number="19", date="2021-06-01")
    s8 = za.find("sec_8")
    assert s8.heading == "Cyber fraud"
    assert s8.full_text.startswith("Any person who unlawfully and with the intention to defraud makes a misrepresentation")
    # the same in the US Code ingestion, and an item ending "; or" is not joined to the intro
    us, _ = _import(tmp_path, "us_usc-title18.json", "us", "eng", number="usc-title-18", date="1948-06-25")
    s = us.find("sec_229D")
    assert s.text == "The United States may obtain in a civil action an injunction against—"
    assert [c.num for c in s.children] == ["(1)", "(2)"]
    assert s.children[0].text.startswith("the conduct prohibited under section 229")


def test_colombian_amendment_notes_and_earlier_wording_are_not_the_law(tmp_path):
    """The consolidated Código Penal opens amended articles with their amendment history and prints
    the repealed wording after the text in force ("Texto anterior"): both become editorial remarks,
    kept in the file but not read as the article's words or heading."""
    doc, _ = _import(tmp_path, "co_ley-599-2000-codigo-penal.json", "co", "spa", number="599", date="2000-07-24")
    art = doc.find("art_218")
    assert art.heading == "Pornografia con personas menores de 18 años"
    words = art.full_text
    assert words.startswith("El que fotografie, filme, grabe")
    assert "Modificado por" not in words and "Texto anterior" not in words
    # the repealed wording ("Pornografia con menores … material pornografico en el que participen
    # menores de edad") is not read; the text in force is
    assert "participen menores de edad" not in words and "bases de datos de Internet" in words
    # an article repealed outright keeps no words of its own, only the note
    assert doc.find("art_38A").full_text.strip() == ""
    # a heading opening with an article, set apart by a space before the stop ("La multa . Modificado
    # por el Art. 46, Ley 1453 de 2011 . La pena de multa …"), and a note citing a decree
    assert doc.find("art_39").heading == "La multa"
    assert doc.find("art_39").full_text.startswith("La pena de multa se sujetará")
    assert doc.find("art_37").full_text.startswith("La pena de prisión")
    # a sentence opening with an article is still text ("La conducta es preterintencional cuando…")
    assert doc.find("art_24").heading == "" and doc.find("art_24").full_text.startswith("La conducta es")
    root = etree.parse(str(tmp_path / "co-599.xml"))
    ns = {"a": AKN_NS}

    def remarks(eid):
        return [" ".join(r.itertext()) for r in root.findall(f".//a:article[@eId='{eid}']//a:remark", ns)]
    # the whole history is one note, kept in the file
    assert remarks("art_38A") == ["Adicionado por el Art. 50, Ley 1142 de 2007 , Modificado por el Art. 3, Ley 1453 de "
                                  "2011 , Adicionado por el art. 4, Ley 1542 de 2012 , Derogado por el Art. 107, Ley "
                                  "1709 de 2014 ."]
    history, earlier = remarks("art_218")
    assert history.startswith("Modificado por el art. 24, ley 1336 de 2009") and earlier.startswith("Texto anterior:")


def test_colombian_division_titles_are_not_the_article_before(tmp_path):
    """The consolidated codes leave the titles of the divisions that follow at the end of an
    article: in capitals without their label ("DE LA CONDUCTA PUNIBLE"), or in small letters
    where the ingestion's chapter changes ("Competencia territorial"). They are divisions."""
    doc, _ = _import(tmp_path, "co_ley-599-2000-codigo-penal.json", "co", "spa", number="599", date="2000-07-24")
    a18 = doc.find("art_18")
    assert a18.heading == "Extradicion" and "CONDUCTA PUNIBLE" not in a18.full_text
    assert "EN EL ESPACIO" not in doc.find("art_13").full_text
    # a title once taken for the next article's heading is a division's too
    assert doc.find("art_444A").heading == ""
    xml = etree.parse(str(tmp_path / "co-599.xml"))
    titles = {h.text for h in xml.iter(f"{{{AKN_NS}}}heading") if h.getparent().tag != f"{{{AKN_NS}}}article"}
    assert {"DE LA CONDUCTA PUNIBLE", "APLICACIÓN DE LA LEY PENAL EN EL ESPACIO"} <= titles
    # a chapter the ingestion names with an ordinal ("CAPÍTULO PRIMERO") keeps the title left
    # above it, which is not lost either where the label is not one gapcheck reads
    chapters = {(c.findtext(f"{{{AKN_NS}}}num"), c.findtext(f"{{{AKN_NS}}}heading"))
                for c in xml.iter(f"{{{AKN_NS}}}chapter")}
    assert ("PRIMERO", "DE LAS PENAS, SUS CLASES Y SUS EFECTOS") in chapters
    cpp, _ = _import(tmp_path, "co_ley-906-2004-codigo-procedimiento-penal.json", "co", "spa", number="906",
                     date="2004-08-31")
    assert not cpp.find("art_41").full_text.endswith("Competencia territorial")
    xml = etree.parse(str(tmp_path / "co-906.xml"))
    chapters = {(c.findtext(f"{{{AKN_NS}}}num"), c.findtext(f"{{{AKN_NS}}}heading"))
                for c in xml.iter(f"{{{AKN_NS}}}chapter")}
    assert ("I", "Disposiciones generales") in chapters
    assert any(h == "Competencia territorial" for _, h in chapters)


def test_colombian_note_after_the_heading_and_long_headings(tmp_path):
    doc, _ = _import(tmp_path, "co_ley-906-2004-codigo-procedimiento-penal.json", "co", "spa", number="906",
                     date="2004-08-31")
    art = doc.find("art_235")
    assert art.heading == "Interceptación de comunicaciones telefónicas y similares"
    assert art.full_text.startswith("El fiscal podrá ordenar") and "Modificado por" not in art.full_text
    # a heading of fifteen words is still a heading
    assert doc.find("art_236").heading == ("Recuperación de información dejada al navegar por internet u otros medios "
                                            "tecnológicos que produzcan efectos equivalentes")
    # set apart by a space before its stop, as the code sets its headings, one of eighteen words
    assert doc.find("art_231").heading == ("Interés para reclamar la violación de la expectativa razonable de intimidad "
                                            "en relación con los registros y allanamientos")
    assert doc.find("art_231").full_text.startswith("Únicamente podrá alegar")


def test_gazette_heading_above_a_section_across_removed_margin_numbers(tmp_path):
    """South Africa's gazette prints margin line numbers ("35") between a heading and its section:
    once they are taken out, the heading still belongs to the section below, not to the text of
    the one above."""
    doc, _ = _import(tmp_path, "za_cybercrimes-act-19-2020.gazette-44651.md", "za", "eng", number="19",
                     date="2020-06-01")
    s7 = doc.find("sec_7")
    assert s7.heading == ("Unlawful acquisition, possession, provision, receipt or use of password, access code "
                          "or similar data or device")
    assert "Unlawful acquisition" not in doc.find("sec_6").full_text
    assert doc.find("sec_4").heading == "Unlawful acts in respect of software or hardware tool"


def test_chapters_hold_parts_where_the_law_names_chapters_first(tmp_path):
    """South Africa's Act, like Kenya's, puts Parts inside Chapters («CHAPTER 2 … PART II: MALICIOUS
    COMMUNICATIONS»); the UK's Acts, and gapcheck's default, put Chapters inside Parts. The last Part
    of the gazette's table of contents held every section of the Act when Parts ranked first."""
    doc, _ = _import(tmp_path, "za_cybercrimes-act-19-2020.gazette-44651.md", "za", "eng", number="19",
                     date="2020-06-01")
    assert doc.find("sec_1").divisions == (("chapter", "1"),)
    assert doc.find("sec_14").divisions == (("chapter", "2"), ("part", "II"))
    assert doc.find("sec_41").divisions == (("chapter", "4"),)
    # Part then Chapter: the Part holds the Chapter
    _, provs, _ = split_provisions("PART 1 GENERAL\n\nCHAPTER 1 OFFENCES\n\n1. Unauthorised access\n\n"
                                   "(1) A person who accesses a computer commits an offence.\n\n"
                                   "CHAPTER 2 POWERS\n\n2. Search\n\n(1) A judge may issue a warrant.\n")
    assert [[c[:2] for c in p.containers] for p in provs] == [[("part", "1"), ("chapter", "1")],
                                                             [("part", "1"), ("chapter", "2")]]


def test_a_division_label_standing_alone_takes_the_next_line_as_its_title(tmp_path):
    """Ley 1273 prints "CAPITULO. II" and, on the next line, "De los atentados informáticos y otras
    infracciones": the title belongs to the chapter, not to the end of article 269H."""
    doc, _ = _import(tmp_path, "co_ley-1273-2009-delitos-informaticos.json", "co", "spa", number="1273", date="2009-01-05")
    assert "atentados informáticos" not in doc.find("art_269H").full_text
    assert doc.find("art_269I").heading == "Hurto por medios informáticos y semejantes"
    # the earlier wording of an article stops at the next division
    _, provs, _ = split_provisions("Artículo 1. Objeto. El que acceda a un sistema.\n"
                                   "Texto anterior: El que entre a un sistema.\nCAPÍTULO II\nDe las penas\n"
                                   "Artículo 2. Penas. Las penas son las siguientes.\n")
    assert provs[0].earlier == ["Texto anterior: El que entre a un sistema."]
    assert (provs[1].heading, provs[1].containers) == ("Penas", [("chapter", "II", "De las penas")])


def test_an_ingestion_that_doubled_every_clause_is_printed_once(tmp_path):
    """Ghana's ingestion prints every clause twice ("The Court shall require … under this
    section. The Court shall require … under this section."; SOURCES.md notes it). The importer
    prints each once; a statute that repeats words back to back once in a while (18 USC 38:
    "installs on or in any aircraft or space vehicle any aircraft or space vehicle part") is left
    as it is."""
    from gapcheck.importer import undouble
    tree, report = import_statute(LAWS / "gh_cybersecurity-act-2020-act-1038.json", country="gh", lang="eng",
                                  title="Cybersecurity Act", date="2020-12-29", number="1038")
    assert report["repeats_removed"] > 500
    out = write_akn(tree, tmp_path / "gh.xml")
    s74 = next(p for p in read_document(out).provisions if p.num == "74")
    subsec3 = s74.children[2].text
    assert subsec3 == ("The Court shall require the service provider to keep confidential an interception "
                       "warrant issued under this section.")
    assert "national security; national security;" not in out.read_text(encoding="utf-8")
    us = json.loads((LAWS / "us_usc-title18.json").read_text(encoding="utf-8"))
    line = next(ln for prov in us["provisions"] for ln in (prov.get("text") or "").split("\n")
                if "installs on or in any aircraft or space vehicle any aircraft" in ln)
    assert undouble(line) == (line, 0)


def test_doubled_letters_under_a_roman_numeral_are_a_level_of_their_own(tmp_path):
    """South Africa numbers (aa), (bb) under (i): they nest there, and the (ii) after them is the
    sibling of (i), not a child of (bb)."""
    doc, _ = _import(tmp_path, "za_cybercrimes-act-19-2020.gazette-44651.md", "za", "eng", number="19",
                     date="2020-06-01")
    i = doc.find("sec_2__subsec_1__para_b-2__subpara_i")
    assert [c.num for c in i.children] == ["(aa)", "(bb)"]
    assert i.children[0].text.startswith("uses data or a computer program stored")
    assert doc.find("sec_2__subsec_1__para_b-2__subpara_ii") is not None
    # a run of paragraphs that goes on past (z) keeps (aa) a paragraph
    root = build_levels("sec_1", ["(y) item y;", "(z) item z;", "(aa) item aa;", "(bb) item bb."])
    assert [c.num for c in root.children] == ["(y)", "(z)", "(aa)", "(bb)"]


def test_a_titled_section_after_a_gap_in_the_numbers_is_a_section():
    # sections 6 to 8 left out (an excerpt, or struck out): the word, the number and the title say
    # section 9 begins; a cross-reference at the start of a line does not
    text = ("Section 5. Other Offenses. — Aiding is an offence.\n\n"
            "Section 9. Corporate Liability. — A juridical person is liable.\n\n"
            "Section 23 of the Act applies to it.\n")
    _, provs, _ = split_provisions(text)
    assert [(p.num, p.heading) for p in provs] == [("5", "Other Offenses"), ("9", "Corporate Liability")]
    assert provs[1].blocks[-1] == "Section 23 of the Act applies to it."
    # a heading alone after the number, subsection (1) on the next line (Kenya's layout)
    text = ("17. Unauthorised interception\n(1) A person who intercepts commits an offence.\n\n"
            "41. Search and seizure of stored computer data\n(1) A police officer may apply for a warrant.\n\n"
            "90. Cited in a list of sections\n")
    _, provs, _ = split_provisions(text)
    assert [(p.num, p.heading) for p in provs] == [("17", "Unauthorised interception"),
                                                    ("41", "Search and seizure of stored computer data")]


def test_an_amending_law_may_open_its_quotation_with_the_inserted_heading():
    # as Brazil's amending laws print an inserted article (the heading above it, after the quote)
    text = ('Art. 2º O Código Penal fica acrescido do seguinte art. 154-A:\n'
            '"Invasão de dispositivo informático\n'
            'Art. 154-A. Invadir dispositivo informático alheio."\n')
    _, provs, _ = split_provisions(text)
    assert [(p.num, p.heading) for p in provs] == [("2º", ""), ("154-A", "Invasão de dispositivo informático")]
