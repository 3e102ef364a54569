"""Property-based tests: mutations of the real files in ../shared never make anything but the
project's own error escape from the AKN reader, the importer or the overrides loader."""

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CL, LAWS, SAMPLES
from gapcheck.akn import read_document
from gapcheck.analysis import collect_inputs
from gapcheck.errors import GapcheckError
from gapcheck.importer import import_statute
from gapcheck.instruments import load_instrument
from gapcheck.overrides import load_overrides, resolve

XML = [(SAMPLES / "it_senato-ddl-2013.akn.xml").read_bytes()[:20000],
       (SAMPLES / "us_usc-title9-ch3.akn.xml").read_bytes(),
       (LAWS / "gb_dripa-2014.akn.xml").read_bytes()[:30000],
       (CL / "ley-19223-1993.xml").read_bytes()]
TEXT = [(LAWS / "mu_computer-misuse-and-cybercrime-act-2003.txt").read_bytes()[:6000],
        (LAWS / "bb_cybercrime-bill-2024.md").read_bytes()[:8000],
        (LAWS / "cl_ley-19223-delitos-informaticos-1993.json").read_bytes()]
OVERRIDES = [(CL / "overrides.yaml").read_bytes()]
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))


@st.composite
def mutated(draw, sources):
    data = bytearray(draw(st.sampled_from(sources)))
    rnd = random.Random(draw(st.integers(0, 2**32)))
    for _ in range(draw(st.integers(1, 6))):
        op = rnd.choice(["delete", "insert", "flip", "duplicate", "truncate"])
        i = rnd.randrange(len(data) + 1) if data else 0
        if op == "delete" and data:
            del data[i:i + rnd.randint(1, 40)]
        elif op == "insert":
            data[i:i] = draw(st.sampled_from([b"<", b">", b"&", b"\x00", b"\xff\xfe", b"<!DOCTYPE x>", b'"', b"]]>",
                                              b"<section>", b"eId=\"sec_1\"", b"\n\n", b"\t", b"\xc3", b":", b"- ", b"(1)"]))
        elif op == "flip" and data:
            data[min(i, len(data) - 1)] = rnd.randrange(256)
        elif op == "duplicate" and data:
            data[i:i] = data[max(0, i - 200):i]
        elif op == "truncate" and data:
            del data[i:]
    return bytes(data)


def _only_our_error(fn):
    try:
        fn()
    except GapcheckError as exc:
        assert str(exc).strip()


@SETTINGS
@given(mutated(XML))
def test_reader_raises_only_gapcheck_error(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("xml") / "doc.xml"
    path.write_bytes(data)
    _only_our_error(lambda: read_document(path))


@SETTINGS
@given(mutated(TEXT), st.sampled_from(["eng", "spa"]), st.sampled_from([".txt", ".md", ".json"]))
def test_importer_raises_only_gapcheck_error(tmp_path_factory, data, lang, suffix):
    path = tmp_path_factory.mktemp("txt") / f"law{suffix}"
    path.write_bytes(data)
    _only_our_error(lambda: import_statute(path, country="xx", lang=lang, title="t", date="2020-01-01"))


DOCS = [read_document(p) for p in collect_inputs([CL]).documents]
INST = load_instrument("ets185", "spa")


@SETTINGS
@given(mutated(OVERRIDES))
def test_overrides_loader_raises_only_gapcheck_error(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("ov") / "overrides.yaml"
    path.write_bytes(data)
    _only_our_error(lambda: resolve(load_overrides(path), INST, DOCS))
