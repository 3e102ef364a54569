"""An adviser's overrides win, are marked, and are checked."""

import textwrap

import pytest

from conftest import CL
from gapcheck.analysis import analyze
from gapcheck.errors import GapcheckError
from gapcheck.model import Status


def _write(tmp_path, text):
    p = tmp_path / "overrides.yaml"
    p.write_text(textwrap.dedent(text), encoding="utf-8")
    return p


def test_an_override_changes_the_result(tmp_path, chile_assessment):
    auto = {a.article.num: a for a in chile_assessment.articles}
    assert auto["9"].status is Status.ABSENT
    assert [f.provision.ref for f in auto["3"].findings][0] == "/akn/cl/act/2022/21459~art_3"
    ov = _write(tmp_path, """\
        country: cl
        instrument: ets185
        articles:
          "9":
            status: not-applicable
            comment: In the Código Penal, not analysed.
          "16":
            provisions: [/akn/cl/act/2000/19696~art_218-bis]
          "3":
            remove: [/akn/cl/act/2022/21459~art_3]
            comment: <b>checked</b>
        """)
    a = {x.article.num: x for x in analyze([CL], overrides=ov).articles}
    assert a["9"].status is Status.NOT_APPLICABLE and a["9"].source == "override"
    assert a["9"].origin == "overrides.yaml:4"
    f16 = a["16"].findings[0]
    assert (f16.provision.eid, f16.source, f16.origin) == ("art_218-bis", "override", "overrides.yaml:8")
    assert a["16"].status is Status.COVERED
    assert "/akn/cl/act/2022/21459~art_3" not in [f.provision.ref for f in a["3"].findings]
    assert a["3"].comment == "<b>checked</b>"


def test_wrong_reference_names_file_line_and_suggests(tmp_path):
    ov = _write(tmp_path, """\
        articles:
          "6":
            provisions: [/akn/cl/act/2022/21459~art_88]
        """)
    with pytest.raises(GapcheckError) as e:
        analyze([CL], overrides=ov)
    msg = str(e.value)
    assert f"{ov}:3" in msg and "art_88" in msg and "did you mean art_8" in msg


def test_all_problems_are_listed_at_once(tmp_path):
    ov = _write(tmp_path, """\
        articles:
          "60":
            comment: no such article
          "2":
            status: almost
            remove: [art_2]
            provisions: [art_2]
          "3":
            provisions: [/akn/cl/act/1999/1~art_3]
        """)
    with pytest.raises(GapcheckError) as e:
        analyze([CL], overrides=ov)
    msg = str(e.value)
    assert "problems" in msg
    assert ":5: article 2: status 'almost'" in msg and ":4: article 2: art_2 is both pinned and removed" in msg
    ov2 = _write(tmp_path, """\
        articles:
          "60":
            comment: no such article
          "3":
            provisions: [/akn/cl/act/1999/1~art_3]
        """)
    with pytest.raises(GapcheckError) as e:
        analyze([CL], overrides=ov2)
    msg = str(e.value)
    assert ":2: article '60' is not an assessed article" in msg and ":5: article 3: no document" in msg


def test_yaml_syntax_error_gives_line(tmp_path):
    ov = _write(tmp_path, 'articles:\n  "6":\n    comment: [unclosed\n')
    with pytest.raises(GapcheckError) as e:
        analyze([CL], overrides=ov)
    assert "YAML syntax error" in str(e.value) and e.value.line is not None
