"""Reading legislative XML safely: Akoma Ntoso 3.0 (and, for convenience, UK CLML and US USLM).

The parser never touches the network, never loads a DTD and never expands an entity: a file that
declares a DOCTYPE is refused before anything in it is used. Elements are matched by local name
within the Akoma Ntoso namespace, so `<an:article>` and `<article>` read the same.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from gapcheck.errors import GapcheckError
from gapcheck.model import Document, Provision

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
USLM_NS = "http://schemas.gpo.gov/xml/uslm"
CLML_NS = "http://www.legislation.gov.uk/namespaces/legislation"
GAPCHECK_NS = "urn:x-gapcheck:metadata:1.0"

DOC_TYPES = {"act", "bill", "portion", "documentCollection", "doc", "statement", "amendment",
             "amendmentList", "officialGazette", "debate", "debateReport", "judgment"}
TOP_LEVEL = {"article", "section"}
# Hierarchical elements that may hold sub-provisions (AKN 3.0 hierElements, plus list items).
HIER = {"part", "subpart", "chapter", "subchapter", "title", "subtitle", "division", "subdivision",
        "book", "tome", "article", "section", "subsection", "paragraph", "subparagraph", "clause",
        "subclause", "point", "item", "indent", "alinea", "level", "list", "hcontainer", "rule",
        "subrule", "proviso", "sublist", "transitional"}
TEXT_PARTS = {"intro", "content", "wrapUp", "listIntroduction", "listWrapUp", "p", "chapeau",
              "continuation"}
BODY_NAMES = {"body", "mainBody", "portionBody", "collectionBody", "judgmentBody", "debateBody"}
SKIP_INSIDE = {"quotedStructure", "embeddedStructure", "mod", "authorialNote", "remark"}

# Top-level numbers lose their label word and ordinal marks: "Artículo 2°" -> "2", "§ 1030" -> "1030".
_NUM_WORDS = re.compile(r"^\s*(?:art[íi]culo|article|artigo|art\.?|section|sec\.?|s\.|§+|"
                        r"regulation|rule|clause)\s*", re.I)


def clean_num(num: str) -> str:
    """The bare number of a provision as the law prints it: '2', '269A', '154-A', '146 b'."""
    n = _NUM_WORDS.sub("", num or "").strip()
    n = re.sub(r"[°º˚ª]", "", n)
    n = re.sub(r"^(\d+)\s*o\b\.?", r"\1", n)   # "1o." as OCR writes 1º
    n = n.strip(" .:-–—")
    n = re.sub(r"\s+", " ", n)
    return n


def localname(el) -> str:
    tag = el.tag
    if not isinstance(tag, str):
        return ""           # comments and processing instructions
    i = tag.rfind("}")
    return tag[i + 1:] if i >= 0 else tag


def safe_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, huge_tree=False, remove_pis=True)


def parse_xml(path) -> etree._ElementTree:
    """Parse an XML file without DTDs, entities or network; errors name file, line and column."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise GapcheckError(f"cannot read file: {exc.strerror}", path=path,
                            hint="check the path and permissions") from None
    if not data.strip():
        raise GapcheckError("the file is empty", path=path, hint="give an Akoma Ntoso XML file")
    # Refuse DTDs before parsing: an internal subset can declare external entities or an
    # expansion bomb, and legislation never needs one.
    head = data[:65536]
    m = re.search(rb"<!DOCTYPE", head, re.I)
    if m:
        line = head[:m.start()].count(b"\n") + 1
        raise GapcheckError("the file declares a DOCTYPE; gapcheck does not read DTDs or entities",
                            path=path, line=line,
                            hint="remove the <!DOCTYPE …> declaration and any entity references")
    try:
        tree = etree.fromstring(data, safe_parser()).getroottree()
    except etree.XMLSyntaxError as exc:
        msg = exc.msg or "not well-formed XML"
        msg = re.sub(r",? line \d+, column \d+$", "", msg)
        hint = "fix the XML at that place (an editor with XML checking helps)"
        if "encoding" in msg.lower() or "utf-8" in msg.lower():
            hint = "declare the encoding in the XML declaration, e.g. <?xml version='1.0' encoding='ISO-8859-1'?>, or save the file as UTF-8"
        raise GapcheckError(f"malformed XML: {msg}", path=path, line=exc.lineno,
                            column=exc.offset if exc.offset else None, hint=hint) from None
    return tree


def read_document(path) -> Document:
    """Read one legislative XML file into a `Document` with its top-level provisions."""
    tree = parse_xml(path)
    root = tree.getroot()
    ns = etree.QName(root).namespace or ""
    name = localname(root)
    if name == "akomaNtoso" and ns.startswith(AKN_NS):
        doc = _read_akn(root, path)
    elif ns == USLM_NS:
        doc = _read_uslm(root, path)
    elif ns == CLML_NS and name == "Legislation":
        doc = _read_clml(root, path)
    elif name == "akomaNtoso":
        raise GapcheckError(f"the root element is akomaNtoso but its namespace is {ns or 'missing'}",
                            path=path, line=root.sourceline,
                            hint=f'declare xmlns="{AKN_NS}" on the root element')
    else:
        raise GapcheckError(f"not Akoma Ntoso: the root element is <{name}>",
                            path=path, line=root.sourceline,
                            hint="give an Akoma Ntoso 3.0 file, or turn a text into one with `gapcheck import`")
    _check_eids(doc, path)
    if not doc.provisions:
        raise GapcheckError("the document has no articles or sections to analyse", path=path,
                            hint="check that the body holds <article> or <section> elements")
    _odd_but_valid(doc)
    return doc


def _odd_but_valid(doc: Document) -> None:
    """A valid but unusual document is analysed; these warnings tell the adviser why results may be thin."""
    if not any(p.heading for p in doc.provisions):
        doc.warnings.append("no provision has a heading: matching relies on the text alone")
    nums = [int(p.top_num) for p in doc.provisions if p.top_num.isdigit()]
    gaps = [(a, b) for a, b in zip(nums, nums[1:]) if b > a + 1]
    if gaps and len(nums) > 1:
        shown = ", ".join(f"{a}→{b}" for a, b in gaps[:5]) + (" …" if len(gaps) > 5 else "")
        doc.warnings.append(f"numbering gaps between provisions {shown}: check that nothing was lost in conversion")


def _check_eids(doc: Document, path) -> None:
    seen: dict[str, Provision] = {}
    for p in doc.all_provisions():
        if p.eid in seen:
            raise GapcheckError(f"duplicate eId {p.eid!r}", path=path,
                                hint="every provision needs its own eId; renumber the duplicate")
        seen[p.eid] = p


# ---------------------------------------------------------------- Akoma Ntoso

def _first(el, name):
    for e in el.iter():
        if localname(e) == name:
            return e
    return None


def _read_akn(root, path) -> Document:
    docel = next((c for c in root if localname(c) in DOC_TYPES), None)
    if docel is None:
        first = next((localname(c) for c in root if isinstance(c.tag, str)), "nothing")
        raise GapcheckError(f"akomaNtoso holds <{first}>, not a document type gapcheck reads",
                            path=path, hint="expected <act>, <bill>, <portion> or <documentCollection>")
    meta = next((c for c in docel if localname(c) == "meta"), None)
    frbr_uri = lang = date = title = country = ""
    source = ""
    if meta is not None:
        work = _first(meta, "FRBRWork")
        expr = _first(meta, "FRBRExpression")
        if work is not None:
            uri = _first(work, "FRBRuri")
            frbr_uri = uri.get("value", "") if uri is not None else ""
            for alias in work:
                if localname(alias) == "FRBRalias" and alias.get("name", "title") in ("title", "short"):
                    title = title or alias.get("value", "")
            d = _first(work, "FRBRdate")
            date = d.get("date", "") if d is not None else ""
            c = _first(work, "FRBRcountry")
            country = c.get("value", "") if c is not None else ""
        if expr is not None:
            lg = _first(expr, "FRBRlanguage")
            lang = lg.get("language", "") if lg is not None else ""
            d = _first(expr, "FRBRdate")
            if d is not None and re.match(r"\d{4}-\d\d-\d\d", d.get("date", "")):
                date = d.get("date")
        src = meta.find(f".//{{{GAPCHECK_NS}}}source")
        if src is not None:
            source = src.get("url") or src.get("file") or ""
    if not title:
        for tname in ("shortTitle", "docTitle"):
            t = _first(docel, tname)
            if t is not None and " ".join(t.itertext()).strip():
                title = _norm(" ".join(t.itertext()))
                break
    if not frbr_uri:
        frbr_uri = f"/akn/xx/{localname(docel)}/{Path(path).stem}"
    doc = Document(frbr_uri=frbr_uri, title=title or Path(path).stem, language=_lang3(lang),
                   date=date[:10], doc_type=localname(docel), path=str(path), source=source,
                   frbr_country=country)
    # a documentCollection may carry its component documents beside it, under the root
    ns = etree.QName(root).namespace
    bodies = list(root.iter(*[f"{{{ns}}}{b}" for b in BODY_NAMES]))
    counter: dict = {}
    for body in bodies:
        if any(localname(a) in BODY_NAMES for a in body.iterancestors()):  # (rare: only nested collections)
            continue            # a body inside another one is read with it
        for el, divisions in _top_level(body):
            doc.provisions.append(_provision(el, doc.frbr_uri, None, counter))
            doc.provisions[-1].divisions = divisions
    if not doc.provisions:
        doc.warnings.append("no <article> or <section> found")
    return doc


def _top_level(el, divisions: tuple = ()):
    """Top-level article/section elements, in document order, not inside another one nor
    inside quoted text (an amending act's quoted articles belong to the amending provision),
    each with the divisions holding it (`Provision.divisions`)."""
    for c in el:
        name = localname(c)
        if not name or name in SKIP_INSIDE or name == "meta":
            continue
        if name in TOP_LEVEL:
            yield c, divisions
        else:
            num_el = next((x for x in c if localname(x) == "num"), None) if name in HIER else None
            num = clean_num(_norm(" ".join(num_el.itertext()))) if num_el is not None else ""
            yield from _top_level(c, divisions + ((name, num),) if num else divisions)


WRAP_PARTS = {"wrapUp", "listWrapUp", "continuation"}


def _own_text(el) -> tuple[str, str]:
    """(the words before the sub-provisions, the closing words after them)."""
    parts, wrap = [], []
    for c in el:
        name = localname(c)
        if name in TEXT_PARTS:
            (wrap if name in WRAP_PARTS else parts).append(_text_without_hier(c))
        elif name == "list":
            # an intro/wrapUp of a list sits inside the list element
            for lc in c:
                ln = localname(lc)
                if ln in ("intro", "listIntroduction"):
                    parts.append(_text_without_hier(lc))
                elif ln in ("wrapUp", "listWrapUp"):
                    wrap.append(_text_without_hier(lc))
    return _norm(" ".join(p for p in parts if p)), _norm(" ".join(w for w in wrap if w))


def _text_without_hier(el) -> str:
    out = [el.text or ""]
    for c in el:
        name = localname(c)
        if name in HIER or name in ("authorialNote", "remark", "num", "heading"):
            pass                # editorial remarks are the publisher's, not the law's words
        else:
            out.append(_text_without_hier(c))
        out.append(c.tail or "")
    return " ".join(x for x in out if x)


def _sub_elements(el):
    for c in el:
        name = localname(c)
        if name in SKIP_INSIDE:
            continue
        if name == "list" or name in ("content", "blockList", "intro") and any(localname(x) in HIER or localname(x) == "item" for x in c):
            yield from _sub_elements(c)
        elif name in HIER and name != "list":
            yield c


def _provision(el, doc_uri, parent: Provision | None, counter) -> Provision:
    name = localname(el)
    num_el = next((c for c in el if localname(c) == "num"), None)
    head_el = next((c for c in el if localname(c) in ("heading", "subheading")), None)
    num = _norm(" ".join(num_el.itertext())) if num_el is not None else ""
    eid = el.get("eId") or el.get("id") or el.get("wId") or ""
    if not eid:
        # Older files carry no eId: make a stable one from the path, as AKN naming would.
        key = (parent.eid if parent else "") + name
        counter[key] = counter.get(key, 0) + 1
        local = f"{_ABBR.get(name, name)}_{clean_num(num) or counter[key]}".replace(" ", "-")
        eid = f"{parent.eid}__{local}" if parent else local
    text, wrap = _own_text(el)
    p = Provision(document=doc_uri, eid=eid, kind=name, num=num,
                  heading=_norm(" ".join(head_el.itertext())) if head_el is not None else "",
                  text=text, wrap_up=wrap)
    if parent is None:
        p.top_num, p.top_eid = clean_num(num) or eid, eid
    else:
        p.top_num, p.top_eid = parent.top_num, parent.top_eid
    for c in _sub_elements(el):
        p.children.append(_provision(c, doc_uri, p, counter))
    return p


_ABBR = {"article": "art", "section": "sec", "subsection": "subsec", "paragraph": "para",
         "subparagraph": "subpara", "point": "point", "item": "item", "clause": "clause",
         "subclause": "subclause", "list": "list", "chapter": "chp", "part": "part", "level": "level"}


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s or "").strip()


_LANG2TO3 = {"en": "eng", "es": "spa", "pt": "por", "fr": "fra", "it": "ita", "de": "deu", "nl": "nld"}


def _lang3(lang: str) -> str:
    lang = (lang or "").lower()
    return _LANG2TO3.get(lang, lang)


# ---------------------------------------------------------------- US USLM and UK CLML

def _read_uslm(root, path) -> Document:
    dcid = root.find(".//{http://purl.org/dc/elements/1.1/}identifier")
    title_el = root.find(".//{http://purl.org/dc/elements/1.1/}title")
    date_el = root.find(".//{http://purl.org/dc/elements/1.1/}date")
    uri = (dcid.text.strip() if dcid is not None and dcid.text else f"/us/{Path(path).stem}")
    doc = Document(frbr_uri=uri, title=_norm(title_el.text) if title_el is not None and title_el.text else Path(path).stem,
                   language="eng", date=(date_el.text or "")[:10] if date_el is not None else "",
                   doc_type=localname(root), path=str(path))
    main = next((e for e in root.iter() if localname(e) == "main"), root)
    counter = {}
    for el in main.iter():
        if localname(el) == "section" and not any(localname(a) in ("section", "quotedContent") for a in el.iterancestors()):
            doc.provisions.append(_provision_uslm(el, uri, None, counter))
    return doc


def _provision_uslm(el, uri, top, counter):
    num_el = next((c for c in el if localname(c) == "num"), None)
    head_el = next((c for c in el if localname(c) == "heading"), None)
    num = (num_el.get("value") or _norm(" ".join(num_el.itertext()))) if num_el is not None else ""
    name = localname(el)
    local = f"{_ABBR.get(name, name)}_{clean_num(num) or len(counter)}".replace(" ", "-")
    counter[local] = counter.get(local, 0) + 1
    if counter[local] > 1:
        local += f"-{counter[local]}"
    eid = el.get("identifier") or (f"{top.eid}__{local}" if top else local)
    text = _norm(" ".join(_text_without_hier(c) for c in el if localname(c) in ("content", "chapeau", "continuation", "text")))
    p = Provision(document=uri, eid=eid, kind=name, num=_norm(" ".join(num_el.itertext())) if num_el is not None else "",
                  heading=_norm(" ".join(head_el.itertext())) if head_el is not None else "", text=text)
    p.top_num = top.top_num if top else (clean_num(num) or eid)
    p.top_eid = top.top_eid if top else eid
    for c in el:
        if localname(c) in ("subsection", "paragraph", "subparagraph", "clause", "subclause", "item"):
            p.children.append(_provision_uslm(c, uri, p, counter))
    return p


def _read_clml(root, path) -> Document:
    dcid = root.find(".//{http://purl.org/dc/elements/1.1/}identifier")
    title_el = root.find(".//{http://purl.org/dc/elements/1.1/}title")
    uri = dcid.text.strip() if dcid is not None and dcid.text else f"/uk/{Path(path).stem}"
    lang = root.get("{http://www.w3.org/XML/1998/namespace}lang", "en")
    doc = Document(frbr_uri=uri, title=_norm(title_el.text) if title_el is not None and title_el.text else Path(path).stem,
                   language=_lang3(lang), date="", doc_type="act", path=str(path))
    for p1 in root.iter(f"{{{CLML_NS}}}P1"):
        group = p1.getparent()
        heading = ""
        if localname(group) == "P1group":
            t = group.find(f"{{{CLML_NS}}}Title")
            heading = _norm(" ".join(t.itertext())) if t is not None else ""
        doc.provisions.append(_provision_clml(p1, uri, None, heading))
    return doc


def _provision_clml(el, uri, top, heading=""):
    pn = el.find(f"{{{CLML_NS}}}Pnumber")
    num = _norm(" ".join(pn.itertext())) if pn is not None else ""
    level = localname(el)
    local = {"P1": "sec", "P2": "subsec", "P3": "para", "P4": "subpara"}.get(level, level.lower()) + "_" + (clean_num(num) or "1")
    eid = f"{top.eid}__{local}" if top else local
    own = []
    for para in el:
        if localname(para).endswith("para"):
            for t in para:
                if localname(t) == "Text":
                    own.append(" ".join(t.itertext()))
    p = Provision(document=uri, eid=eid, kind={"P1": "section"}.get(level, "subsection" if level == "P2" else "paragraph"),
                  num=num, heading=heading, text=_norm(" ".join(own)))
    p.top_num = top.top_num if top else clean_num(num)
    p.top_eid = top.top_eid if top else eid
    for para in el:
        if localname(para).endswith("para"):
            for c in para:
                if re.fullmatch(r"P\d", localname(c)):
                    p.children.append(_provision_clml(c, uri, p))
    return p


# ---------------------------------------------------------------- writing (importer, treaty texts)

def element_maker():
    from lxml.builder import ElementMaker
    return ElementMaker(namespace=AKN_NS, nsmap={None: AKN_NS, "gc": GAPCHECK_NS})


def meta_element(E, *, frbr_uri: str, lang: str, date: str, title: str | None, author: str, country: str,
                 source: dict | None, organizations=()):
    """An AKN <meta>: FRBR work, expression and manifestation, the organisations referred to, and
    where the text came from (gapcheck's <proprietary> source record)."""
    expr = f"{frbr_uri}/{lang}@{date}"
    work = [E.FRBRthis(value=f"{frbr_uri}/!main"), E.FRBRuri(value=frbr_uri)]
    if title is not None:
        work.append(E.FRBRalias(value=title, name="title"))
    work += [E.FRBRdate(date=date, name="Generation"), E.FRBRauthor(href=author), E.FRBRcountry(value=country)]
    parts = [E.identification(
        E.FRBRWork(*work),
        E.FRBRExpression(E.FRBRthis(value=f"{expr}/!main"), E.FRBRuri(value=expr),
                         E.FRBRdate(date=date, name="Generation"), E.FRBRauthor(href=author),
                         E.FRBRlanguage(language=lang)),
        E.FRBRManifestation(E.FRBRthis(value=f"{expr}/!main.xml"), E.FRBRuri(value=f"{expr}.akn"),
                            E.FRBRdate(date=date, name="Generation"), E.FRBRauthor(href="#gapcheck")),
        source="#gapcheck")]
    orgs = list(organizations) + [("gapcheck", "gapcheck")]
    parts.append(E.references(*[E.TLCOrganization(eId=eid, href=f"/ontology/organization/{eid}", showAs=show)
                                for eid, show in orgs], source="#gapcheck"))
    if source is not None:
        src = etree.Element(f"{{{GAPCHECK_NS}}}source", **{k: str(v) for k, v in source.items() if v})
        parts.append(E.proprietary(src, source="#gapcheck"))
    return E.meta(*parts)


def fill_hierarchy(E, el, intro: list[str], children: list, wrap: list[str]) -> None:
    """An AKN hierarchical element's body: intro, sub-elements and wrapUp, or plain content."""
    def block(tag, texts):
        return getattr(E, tag)(*[E.p(t) for t in texts])
    if children:
        if intro:
            el.append(block("intro", intro))
        for c in children:
            el.append(c)
        if wrap:
            el.append(block("wrapUp", wrap))
    else:
        el.append(block("content", (intro + wrap) or [""]))
