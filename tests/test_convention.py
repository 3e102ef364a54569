"""The Convention (ETS 185) and ETS 189 as Akoma Ntoso, made from the published texts."""

import re

import pytest
from lxml import etree

from conftest import ROOT, SHARED
from gapcheck.akn import AKN_NS
from gapcheck.instruments import load_instrument
from gapcheck.treaty_text import treaty_to_akn

NS = {"a": AKN_NS}


def _tree(inst, lang):
    return etree.parse(str(ROOT / "conventions" / inst / f"{inst}.{lang}.xml"))


def _eids(tree):
    return {e.get("eId") for e in tree.iter() if isinstance(e.tag, str) and e.get("eId")}


@pytest.mark.parametrize("inst,count", [("ets185", 48), ("ets189", 16)])
def test_every_article_with_num_heading_and_same_eids_in_both_languages(inst, count):
    eng, spa = _tree(inst, "eng"), _tree(inst, "spa")
    for tree in (eng, spa):
        arts = tree.findall(".//a:article", NS)
        assert [a.get("eId") for a in arts] == [f"art_{n}" for n in range(1, count + 1)]
        for a in arts:
            assert a.findtext("a:num", namespaces=NS).split()[-1] == a.get("eId")[4:]
            assert a.findtext("a:heading", namespaces=NS).strip()
    assert _eids(eng) == _eids(spa)


def test_headings_match_the_published_texts():
    for lang, fname, pattern in (("eng", "ets185_en.txt", r"^Article (\d+)\n\n(.+)$"),
                                 ("spa", "ets185_es.txt", r"^Artículo (\d+)\. (.+?)\.?$")):
        text = (SHARED / "data" / "convention" / fname).read_text(encoding="utf-8")
        published = {m.group(1): m.group(2).strip() for m in re.finditer(pattern, text, re.M)}
        inst = load_instrument("ets185", lang)
        assert {a.num: a.title for a in inst.articles} == published


def test_lists_and_closing_words_use_akn_hierarchy():
    eng = _tree("ets185", "eng")
    point = eng.find('.//a:point[@eId="art_6__para_1__point_a__point_ii"]', NS)
    assert point is not None
    wrap = eng.find('.//a:point[@eId="art_6__para_1__point_a"]/a:wrapUp', NS)
    assert "".join(wrap.itertext()).strip().startswith("with intent that it be used")
    assert "with intent" not in "".join(point.itertext())
    for eid, start in (("art_8", "with fraudulent or dishonest intent"), ("art_20__para_1", "traffic data, in real-time"),
                       ("art_21__para_1", "content data, in real-time")):
        el = eng.find(f'.//*[@eId="{eid}"]/a:wrapUp', NS)
        assert "".join(el.itertext()).strip().startswith(start), eid
    spa = _tree("ets185", "spa")
    el = spa.find('.//*[@eId="art_20__para_1"]/a:wrapUp', NS)
    assert "".join(el.itertext()).strip().startswith("en tiempo real los datos sobre el tráfico")


def test_wording_is_untouched():
    """Every word of the published article text is in the AKN file, in order."""
    text = (SHARED / "data" / "convention" / "ets185_en.txt").read_text(encoding="utf-8")
    body = text[text.index("Article 1\n"):text.index("IN WITNESS WHEREOF")]
    published = re.sub(r"\s+", " ", body)
    akn = " ".join(" ".join(e.itertext()) for e in _tree("ets185", "eng").iter(f"{{{AKN_NS}}}article"))
    words = lambda s: re.findall(r"[\w'’-]+", s)
    pub_words = [w for w in words(published) if not re.fullmatch(r"CHAPTER|SECTION|TITLE|[IVX]+|\d+", w)]
    akn_words = [w for w in words(akn) if not re.fullmatch(r"\d+", w)]
    # Only layout differs: section/title headings are containers, and Art 15(2)'s repeated "2" is dropped.
    assert [w for w in pub_words if not w.isupper()] == [w for w in akn_words if not w.isupper()]


@pytest.mark.parametrize("inst,lang,src", [("ets185", "eng", "ets185_en.txt"), ("ets185", "spa", "ets185_es.txt"),
                                           ("ets189", "eng", "ets189_en.txt"), ("ets189", "spa", "ets189_es.txt")])
def test_committed_files_are_what_the_converter_makes(inst, lang, src):
    import yaml
    spec = yaml.safe_load((ROOT / "conventions" / inst / "instrument.yaml").read_text(encoding="utf-8"))
    tree = treaty_to_akn((SHARED / "data" / "convention" / src).read_text(encoding="utf-8"), lang=lang,
                         frbr_uri=spec["frbr_uri"], date=spec["date"], wrap_ups=spec["wrap_ups"],
                         source={"file": spec["texts"][lang]["file"], "origin": spec["texts"][lang]["origin"],
                                 "note": "wording as published; layout read by gapcheck.treaty_text"})
    made = etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    assert made == (ROOT / "conventions" / inst / f"{inst}.{lang}.xml").read_bytes()


def test_assessed_scope_and_groups():
    inst = load_instrument("ets185", "eng")
    assert [a.num for a in inst.articles if a.assessed] == [str(n) for n in range(1, 36)]
    a19 = inst.article("19")
    assert (a19.chapter, a19.section) == ("II", "2")
    assert "SEARCH AND SEIZURE" in a19.title_group
