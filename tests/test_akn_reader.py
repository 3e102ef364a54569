"""The safe reader on every real legislative XML file in ../shared."""

import pytest

from conftest import LAWS, SAMPLES
from gapcheck.akn import clean_num, read_document

FILES = sorted(SAMPLES.glob("*.xml")) + [LAWS / "gb_dripa-2014.akn.xml"]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_reads_every_shared_file(path):
    doc = read_document(path)
    assert doc.frbr_uri and doc.language == "eng" or doc.language == "ita"
    assert doc.provisions
    eids = [p.eid for p in doc.all_provisions()]
    assert len(eids) == len(set(eids))
    assert all(p.top_num for p in doc.all_provisions())
    assert any(p.text or p.children for p in doc.provisions)


def test_act_with_sections_and_levels():
    doc = read_document(LAWS / "gb_dripa-2014.akn.xml")
    assert doc.frbr_uri == "http://www.legislation.gov.uk/id/ukpga/2014/27/enacted"
    # its URI is legislation.gov.uk's, not an /akn/ one: the country is its FRBRcountry («GB-UKM»)
    assert doc.country == "gb"
    assert doc.title == "Data Retention and Investigatory Powers Act 2014"
    assert doc.date == "2014-07-17"
    assert [p.top_num for p in doc.provisions] == ["1", "2", "3", "4", "5", "6", "7", "8"]
    s1 = doc.provisions[0]
    assert s1.heading.startswith("Powers for retention")
    assert s1.children[0].eid == "sec_1__subsec_1" and s1.children[0].top_num == "1"


def test_prefixed_namespace_reads_like_default_namespace():
    doc = read_document(SAMPLES / "it_senato-ddl-2013.akn.xml")
    assert doc.doc_type == "bill" and doc.frbr_uri == "/akn/it/bill/Ddl/2013-03-29/356"
    assert [p.top_num for p in doc.provisions][:3] == ["1", "2", "3"]
    assert doc.provisions[0].heading.startswith("(Modifiche al sistema elettorale")


def test_portion_and_document_collection():
    portion = read_document(SAMPLES / "us_usc-title9-ch3.akn.xml")
    assert portion.doc_type == "portion" and [p.top_num for p in portion.provisions][:2] == ["301", "302"]
    coll = read_document(SAMPLES / "eu_com-2013-0619.akn.xml")
    assert coll.doc_type == "documentCollection"
    assert coll.provisions[0].eid == "art_1" and coll.provisions[0].heading == "Subject matter and scope"


def test_quoted_structures_stay_inside_the_amending_section():
    doc = read_document(SAMPLES / "gb_dpa-1998.akn.xml")
    nums = [p.top_num for p in doc.provisions]
    assert len(nums) == len(set(nums)), "a quoted section was read as a section of the act"


@pytest.mark.parametrize("raw,clean", [("Artículo 2°", "2"), ("ARTÍCULO 269A.", "269A"), ("Art. 154-A.", "154-A"),
                                       ("Section 4.", "4"), ("§ 1030.", "1030"), ("Artículo 218 bis", "218 bis"),
                                       ("146 b", "146 b"), ("8º", "8")])
def test_top_num_without_label_or_ordinal(raw, clean):
    assert clean_num(raw) == clean
