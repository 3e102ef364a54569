"""The fast index (chunks hashed with numpy, terms found by array look-ups, threads) against the
plain one (a string per chunk, every n-gram indexed in Python): same chunks, same findings."""

import json

import numpy as np

from gapcheck import index
from gapcheck.akn import read_document
from gapcheck.elements import load_elements
from gapcheck.instruments import load_instrument
from gapcheck.match import MatchSettings, match, national_only

from conftest import ROOT


def _key(findings):
    return {k: [(f.provision.ref, f.score, json.dumps(f.evidence, sort_keys=True)) for f in v]
            for k, v in findings.items()}


def test_fast_and_unoptimised_matching_agree_on_real_codes(chile_docs):
    mu = [read_document(ROOT / "national_laws" / "mu" / "computer-misuse-and-cybercrime-act-2003.xml")]
    for docs in (chile_docs, mu):
        inst = load_instrument("ets185", docs[0].language)
        model = load_elements("ets185")
        fast = match(inst, docs, model=model)
        slow = match(inst, docs, MatchSettings(fast=False), model=model)
        assert _key(fast) == _key(slow)
        assert sum(len(v) for v in fast.values()) > 5
        # the words shown are the statute's, not stems
        words = [w for fs in fast.values() for f in fs for w in f.evidence["elements_found"].values()]
        assert any(any(c.isupper() or c in "áéíóú" for c in w) for w in words) or docs is mu
        assert national_only(docs, fast, model) == national_only(docs, slow, model)


def test_hashed_chunks_equal_str_split_on_odd_white_space():
    lex = index.Lexicon("spa")
    text = ("Artículo 2°.-\u00a0El que\tsin autorización\u2028acceda  a un sistema\u3000informático,\n"
            "será castigado. \u0085 (a)  datos—informáticos 269A. \x1c fin ") * 3
    assert lex.ids_of_text(text).tolist() == lex.ids(text.split()).tolist()
    # a second, partly new text: only its new chunks are learnt
    more = text + " nuevo\u00a0texto "
    before = len(lex.chunk_words)
    assert lex.ids_of_text(more).tolist() == lex.ids(more.split()).tolist()
    assert len(lex.chunk_words) == before + 2


def test_threads_cut_the_text_without_changing_it():
    doc = read_document(ROOT / "national_laws" / "co" / "codigo-penal.xml")
    text = " ".join(p.full_text for p in doc.provisions)
    assert len(text) > 200_000
    lex = index.Lexicon("spa")
    was = index.threads()
    try:
        index.threads(1)
        one = lex.ids_of_text(text)
        index.threads(3)
        three = lex.ids_of_text(text)
    finally:
        index.threads(was)
    assert np.array_equal(one, three)
    assert one.tolist() == lex.ids(text.split()).tolist()


def test_a_marker_character_inside_a_statute_is_harmless(chile_docs):
    doc = read_document(ROOT / "national_laws" / "cl" / "ley-21459-2022.xml")
    p = doc.provisions[1]
    p.text = p.text + " \ue001 \ue000"
    corpus = index.index_corpus([doc], "spa")
    assert len(corpus.starts) == len(doc.provisions)


def test_two_word_terms_with_words_between_agree_and_stop_at_the_heading(tmp_path):
    from conftest import TEXTS
    from gapcheck.importer import import_file
    from gapcheck.match import element_matcher, index_provisions

    out = tmp_path / "ar.xml"
    import_file(TEXTS / "ar-ley-26388-excerpt.txt", out, country="ar", lang="spa", title="Ley 26.388",
                date="2008-06-24", number="26388")
    docs = [read_document(out), read_document(ROOT / "national_laws" / "cr" / "codigo-penal.xml")]
    model = load_elements("ets185")
    fast = index_provisions(docs, model, "spa")
    slow = index_provisions(docs, model, "spa", fast=False)
    terms = element_matcher(model, "spa").scanner.terms
    apart = 0
    for f, s in zip(fast.indexes, slow.indexes):
        for t in terms:
            assert (f.grams.get(t), f.spans.get(t)) == (s.grams.get(t), s.spans.get(t)), t
        apart += len(f.spans)
    assert apart > 10
    i = next(k for k, p in enumerate(fast.provisions) if p.num == "153 bis")
    sin = ("sin", "autoriz")
    assert fast.indexes[i].find([sin]) == "sin la debida autorización"
    # "Violación de datos personales" / "Será sancionado …": no pair reaches from heading into text
    j = next(k for k, p in enumerate(fast.provisions) if p.eid == "art_196-bis")
    heading_end = fast.indexes[j]._heading_len
    assert all(not (pos < heading_end < pos + fast.indexes[j].spans[t]) for t, pos in fast.indexes[j].grams.items()
               if t in fast.indexes[j].spans)
