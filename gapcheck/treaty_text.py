"""Turn the published text of a Council of Europe treaty (as in ../shared/data/convention) into
Akoma Ntoso 3.0.

The wording is never changed; only layout is read: chapter/section/title containers, articles,
numbered paragraphs, lettered points, roman sub-points and dash indents. Closing words that
govern a whole list are moved into that list's `<wrapUp>`; where they sit is data, in the
instrument's `instrument.yaml` (`wrap_ups`), because the published texts put them on the last
item's line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from lxml.builder import ElementMaker

from gapcheck.akn import AKN_NS, GAPCHECK_NS, fill_hierarchy, meta_element
from gapcheck.errors import GapcheckError

E = ElementMaker(namespace=AKN_NS, nsmap={None: AKN_NS, "gc": GAPCHECK_NS})

_CONTAINER_EN = re.compile(r"^(CHAPTER|SECTION|TITLE)\s+([IVX]+|\d+)$")
_CONTAINER_ES = re.compile(r"^(CAP[ÍI]TULO|Secci[óo]n|T[íi]tulo)\s+([IVX]+|\d+)\.\s*(.*)$")
_ARTICLE_EN = re.compile(r"^Article\s+(\d+)$")
_ARTICLE_ES = re.compile(r"^Art[íi]culo\s+(\d+)\.?\s*(.*)$")
_PARA = re.compile(r"^(\d+)(\.)?(?:\s+(.*)|$)")
_POINT = re.compile(r"^([a-z])([\)\.])\s*(.*)$")
_ROMAN_EN = re.compile(r"^\(([ivx]+)\)\s*(.*)$")
_ROMAN_ES = re.compile(r"^([ivx]+)\)\s*(.*)$")
_INDENT = re.compile(r"^[–—-]\s+(.*)$")
_CLOSING = re.compile(r"^(IN WITNESS WHEREOF|En fe de lo cual|EN FE DE LO CUAL)")

_KIND = {"CHAPTER": "chapter", "CAPÍTULO": "chapter", "CAPITULO": "chapter", "SECTION": "section",
         "SECCIÓN": "section", "SECCION": "section", "TITLE": "title", "TÍTULO": "title", "TITULO": "title"}
_DEPTH = {"chapter": 0, "section": 1, "title": 2}
_PREFIX = {"chapter": "chp", "section": "sec", "title": "title"}
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}


@dataclass
class Node:
    kind: str                   # chapter, section, title, article, paragraph, point, indent
    num: str = ""
    heading: str = ""
    eid: str = ""
    lines: list[str] = field(default_factory=list)
    children: list["Node"] = field(default_factory=list)
    wrap: list[str] = field(default_factory=list)
    source_line: int = 0


def parse_treaty_text(text: str, lang: str, path="") -> tuple[str, list[str], list[Node], list[str]]:
    """Return (title, preamble paragraphs, top-level containers/articles, closing paragraphs)."""
    lines = [(i + 1, ln.strip()) for i, ln in enumerate(text.splitlines())]
    lines = [(n, ln) for n, ln in lines if ln]
    if not lines:
        raise GapcheckError("the treaty text is empty", path=path)
    title = lines[0][1]
    preamble: list[str] = []
    closing: list[str] = []
    top: list[Node] = []
    containers: list[Node] = []       # open chapter > section > title
    article: Node | None = None
    para: Node | None = None
    point: Node | None = None
    sub: Node | None = None
    pending_heading: Node | None = None
    i = 1
    while i < len(lines):
        n, ln = lines[i]
        i += 1
        if pending_heading is not None:
            pending_heading.heading = ln
            pending_heading = None
            continue
        if closing or _CLOSING.match(ln):
            closing.append(ln)
            continue
        m = _CONTAINER_EN.match(ln) if lang == "eng" else _CONTAINER_ES.match(ln)
        if m:
            kind = _KIND[m.group(1).upper()]
            num = m.group(2)
            node = Node(kind=kind, num=f"{m.group(1)} {num}", source_line=n)
            depth = _DEPTH[kind]
            containers = [c for c in containers if _DEPTH[c.kind] < depth]
            parent = containers[-1] if containers else None
            # eIds number containers in arabic figures: CHAPTER III -> chp_3
            node.eid = (parent.eid + "__" if parent else "") + f"{_PREFIX[kind]}_{_ROMAN.get(num, num)}"
            (parent.children if parent else top).append(node)
            containers.append(node)
            article = para = point = sub = None
            if lang == "eng":
                pending_heading = node
            else:
                node.heading = m.group(3).rstrip(".")
            continue
        m = _ARTICLE_EN.match(ln) if lang == "eng" else _ARTICLE_ES.match(ln)
        if m:
            num = m.group(1)
            article = Node(kind="article", num=f"{'Article' if lang == 'eng' else 'Artículo'} {num}",
                           eid=f"art_{num}", source_line=n)
            (containers[-1].children if containers else top).append(article)
            para = point = sub = None
            if lang == "eng":
                pending_heading = article
            else:
                article.heading = m.group(2).rstrip(".").strip()
            continue
        if article is None:
            if not top:
                preamble.append(ln)
            else:
                # text between a container heading and its first article: part of the heading
                containers[-1].heading += " " + ln
            continue
        # inside an article
        m = _PARA.match(ln)
        # "2 Cualquier…" (ETS 189 es, Art 6) lacks the period: accepted only as the next number.
        if m and ((para is None and m.group(2)) or (para is not None and int(m.group(1)) == int(para.eid.rsplit("_", 1)[-1]) + 1)):
            rest = m.group(3) or ""
            # The English text has "2. 2 Such conditions" in Art 15: the number is printed twice.
            rest = re.sub(rf"^{m.group(1)}\s+(?=[A-Z])", "", rest)
            para = Node(kind="paragraph", num=f"{m.group(1)}.", eid=f"{article.eid}__para_{m.group(1)}", source_line=n)
            article.children.append(para)
            point = sub = None
            pm = _POINT.match(rest)
            if pm and pm.group(1) == "a" and pm.group(2) == ")":
                point = Node(kind="point", num="a)", eid=f"{para.eid}__point_a", lines=[pm.group(3)], source_line=n)
                para.children.append(point)
            elif rest:
                para.lines.append(rest)
            continue
        owner = para or article
        rm = (_ROMAN_EN if lang == "eng" else _ROMAN_ES).match(ln)
        pm = _POINT.match(ln)
        is_roman = rm is not None and point is not None and not (
            lang != "eng" and rm.group(1) == "i" and point.num.startswith("h"))
        if is_roman:
            sub = Node(kind="point", num=ln.split(" ", 1)[0], eid=f"{point.eid}__point_{rm.group(1)}",
                       lines=[rm.group(2)], source_line=n)
            point.children.append(sub)
            continue
        if pm and (pm.group(2) == ")" or (point is not None and ord(pm.group(1)) == ord(point.num[0]) + 1)):
            sub = None
            point = Node(kind="point", num=pm.group(1) + pm.group(2), eid=f"{owner.eid}__point_{pm.group(1)}",
                         lines=[pm.group(3)], source_line=n)
            owner.children.append(point)
            continue
        im = _INDENT.match(ln)
        if im:
            k = sum(1 for c in owner.children if c.kind == "indent") + 1
            owner.children.append(Node(kind="indent", num=ln[0], eid=f"{owner.eid}__indent_{k}",
                                       lines=[im.group(1)], source_line=n))
            continue
        # An unlabelled line: continues the open item; wrap-up splitting happens later.
        target = sub or point or owner
        target.lines.append(ln)
    return title, preamble, top, closing


def apply_wrap_ups(top: list[Node], wrap_ups: list[dict], lang: str, path="") -> None:
    """Move closing words that govern a whole list into that list owner's wrapUp."""
    index = {}

    def walk(nodes):
        for nd in nodes:
            if nd.eid:
                index[nd.eid] = nd
            walk(nd.children)
    walk(top)
    for w in wrap_ups:
        phrase = w.get(lang)
        if not phrase:
            continue
        owner = index.get(w["eid"])
        if owner is None or not owner.children:
            raise GapcheckError(f"wrap_ups: {w['eid']} is not a list in the {lang} text", path=path)
        last = owner.children[-1]
        while last.children:
            last = last.children[-1]
        joined = " ".join(last.lines)
        pos = joined.find(phrase)
        if pos < 0:
            raise GapcheckError(f"wrap_ups: phrase {phrase!r} not found at the end of {w['eid']}",
                                path=path, hint="correct the phrase in instrument.yaml")
        head, tail = joined[:pos].rstrip(), joined[pos:]
        last.lines = [head]
        owner.wrap = [tail]


def _to_xml(node: Node):
    kind = "point" if node.kind == "point" else node.kind
    el = getattr(E, kind)(eId=node.eid)
    if node.num:
        el.append(E.num(node.num))
    if node.heading:
        el.append(E.heading(node.heading))
    if node.kind in ("chapter", "section", "title"):
        for c in node.children:
            el.append(_to_xml(c))
        return el
    fill_hierarchy(E, el, node.lines, [_to_xml(c) for c in node.children], node.wrap)
    return el


def treaty_to_akn(text: str, *, lang: str, frbr_uri: str, date: str, wrap_ups: list[dict],
                  source: dict, path="") -> etree._ElementTree:
    title, preamble, top, closing = parse_treaty_text(text, lang, path)
    apply_wrap_ups(top, wrap_ups, lang, path)
    meta = meta_element(E, frbr_uri=frbr_uri, lang=lang, date=date, title=title, author="#coe", country="coe",
                        source=source, organizations=[("coe", "Council of Europe")])
    act = E.act(meta, name="treaty", contains="originalVersion")
    act.append(E.preface(E.longTitle(E.p(E.docTitle(title)))))
    if preamble:
        act.append(E.preamble(*[E.p(x) for x in preamble]))
    act.append(E.body(*[_to_xml(n) for n in top]))
    if closing:
        act.append(E.conclusions(*[E.p(x) for x in closing]))
    root = E.akomaNtoso(act)
    return etree.ElementTree(root)


def build_instrument_files(instrument_dir, shared_dir) -> list[Path]:
    """(Re)build conventions/<id>/<id>.<lang>.xml from the texts named in instrument.yaml."""
    import yaml

    instrument_dir = Path(instrument_dir)
    spec = yaml.safe_load((instrument_dir / "instrument.yaml").read_text(encoding="utf-8"))
    written = []
    for lang, src in spec["texts"].items():
        text_path = Path(shared_dir) / src["file"]
        text = text_path.read_text(encoding="utf-8")
        tree = treaty_to_akn(text, lang=lang, frbr_uri=spec["frbr_uri"], date=spec["date"],
                             wrap_ups=spec.get("wrap_ups", []),
                             source={"file": src["file"], "origin": src["origin"],
                                     "note": "wording as published; layout read by gapcheck.treaty_text"},
                             path=text_path)
        out = instrument_dir / f"{spec['id']}.{lang}.xml"
        from gapcheck.files import write_bytes_atomic
        write_bytes_atomic(out, etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True))
        written.append(out)
    return written


if __name__ == "__main__":   # python -m gapcheck.treaty_text conventions/ets185 ../shared
    import sys

    for written in build_instrument_files(sys.argv[1], sys.argv[2]):
        print(written)
