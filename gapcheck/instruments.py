"""Loading an instrument (ETS 185, ETS 189, …) from `conventions/<id>/`: its AKN text per language
and its `instrument.yaml` (what is assessed, indicators)."""

from __future__ import annotations

import os
import sys
from functools import lru_cache
from pathlib import Path

import yaml

# libyaml's loader when PyYAML has it (it is many times faster on the elements files)
FastLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

from gapcheck.akn import AKN_NS, localname, parse_xml
from gapcheck.errors import GapcheckError
from gapcheck.model import Article, Instrument


def conventions_dirs() -> list[Path]:
    """Where instruments are looked for, first match wins: $GAPCHECK_CONVENTIONS, the source
    tree beside the package (editable install), the installed data files."""
    dirs = []
    if os.environ.get("GAPCHECK_CONVENTIONS"):
        dirs.append(Path(os.environ["GAPCHECK_CONVENTIONS"]))
    dirs.append(Path(__file__).resolve().parent.parent / "conventions")
    dirs.append(Path(sys.prefix) / "share" / "gapcheck" / "conventions")
    return dirs


def available_instruments() -> list[str]:
    found = set()
    for d in conventions_dirs():
        if d.is_dir():
            found.update(p.parent.name for p in d.glob("*/instrument.yaml"))
    return sorted(found)


def instrument_dir(instrument_id: str) -> Path:
    for d in conventions_dirs():
        if (d / instrument_id / "instrument.yaml").is_file():
            return d / instrument_id
    known = ", ".join(available_instruments()) or "none found"
    raise GapcheckError(f"unknown instrument {instrument_id!r}",
                        hint=f"choose one of: {known}")


def instrument_spec(instrument_id: str) -> dict:
    return _spec(str(instrument_dir(instrument_id) / "instrument.yaml"))


@lru_cache(maxsize=32)
def _spec(path: str) -> dict:
    path = Path(path)
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=FastLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise GapcheckError(f"YAML error: {getattr(exc, 'problem', exc)}", path=path,
                            line=mark.line + 1 if mark else None) from None


@lru_cache(maxsize=16)
def load_instrument(instrument_id: str, language: str = "eng", text_file: str | None = None) -> Instrument:
    """The instrument in `language` (falls back to English where the project lacks that text).
    `text_file`: an AKN file of the official text, for an instrument whose text is not bundled."""
    spec = instrument_spec(instrument_id)
    d = instrument_dir(instrument_id)
    lang = language if language in spec["texts"] else "eng"
    path = Path(text_file) if text_file else d / f"{instrument_id}.{lang}.xml"
    if not path.is_file():
        raise GapcheckError(f"the {lang} text of {instrument_id} is missing", path=path,
                            hint=f"rebuild it: python -m gapcheck.treaty_text {d} ../shared")
    root = parse_xml(path).getroot()
    if not root.tag.startswith(f"{{{AKN_NS}"):
        raise GapcheckError("the instrument file is not Akoma Ntoso", path=path)
    lo, hi = spec.get("assessed", {}).get("from", 1), spec.get("assessed", {}).get("to", 10**6)
    articles = []
    for el in root.iter(f"{{{AKN_NS}}}article"):
        num = el.get("eId").split("_", 1)[1]
        groups = {}
        for anc in el.iterancestors():
            name = localname(anc)
            if name in ("chapter", "section", "title") and name not in groups:
                n = anc.findtext(f"{{{AKN_NS}}}num") or ""
                groups[name] = (n.split()[-1] if n else "", anc.findtext(f"{{{AKN_NS}}}heading") or "")
        articles.append(Article(
            num=num, eid=el.get("eId"), title=el.findtext(f"{{{AKN_NS}}}heading") or "",
            text=_article_text(el),
            chapter=groups.get("chapter", ("", ""))[0], chapter_title=groups.get("chapter", ("", ""))[1],
            section=groups.get("section", ("", ""))[0], section_title=groups.get("section", ("", ""))[1],
            title_group=groups.get("title", ("", ""))[1],
            assessed=num.isdigit() and lo <= int(num) <= hi))
    if not articles:
        raise GapcheckError("the instrument file holds no <article> with an eId like art_1", path=path)
    title = spec["title"].get(lang) or spec["title"]["eng"]
    note = ""
    if spec.get("official_text_included") is False and not text_file:
        note = ("The official text of this instrument is not included in gapcheck: articles show their "
                "numbers, titles and gapcheck's own summaries. Give the official text with --instrument-file.")
    return Instrument(id=instrument_id, title=title, language=lang, frbr_uri=spec["frbr_uri"],
                      articles=articles, path=str(path), note=note)


def _article_text(el) -> str:
    """The article's words in reading order, numbers included, one line per block."""
    lines = []
    for e in el.iter():
        name = localname(e)
        if name == "p":
            text = " ".join(" ".join(e.itertext()).split())
            parent = e.getparent()
            holder = parent.getparent() if parent is not None else None
            num = ""
            if holder is not None and localname(parent) in ("content", "intro") and localname(holder) in ("paragraph", "point", "indent"):
                if parent is next((c for c in holder if localname(c) in ("content", "intro")), None):
                    num = holder.findtext(f"{{{AKN_NS}}}num") or ""
            lines.append(f"{num} {text}".strip())
    return "\n".join(lines)


def structure_to_akn(instrument_dir_path) -> Path:
    """Write <id>.eng.xml for an instrument known by its structure only (structure.yaml)."""
    from lxml import etree

    from gapcheck.akn import element_maker, meta_element
    from gapcheck.files import write_bytes_atomic

    d = Path(instrument_dir_path)
    spec = yaml.safe_load((d / "instrument.yaml").read_text(encoding="utf-8"))
    st = yaml.safe_load((d / "structure.yaml").read_text(encoding="utf-8"))
    E = element_maker()
    body = E.body()
    for i, ch in enumerate(st["chapters"], 1):
        chapter = E.chapter(E.num(f"Chapter {ch['num']}"), E.heading(ch["title"]), eId=f"chp_{i}")
        for entry in ch["articles"]:
            num, title = entry[0], entry[1]
            summary = entry[2] if len(entry) > 2 else ""
            text = (f"[gapcheck summary, not the official text] {summary}" if summary
                    else "[official text not included in gapcheck]")
            chapter.append(E.article(E.num(f"Article {num}"), E.heading(title), E.content(E.p(text)), eId=f"art_{num}"))
        body.append(chapter)
    meta = meta_element(E, frbr_uri=spec["frbr_uri"], lang="eng", date=spec["date"], title=None, author="#coe",
                        country="coe", source=None, organizations=[("coe", "Council of Europe")])
    act = E.act(meta, E.preface(E.p("Structure only; the official text is not included in gapcheck.")), body,
                name="treaty")
    out = d / f"{spec['id']}.eng.xml"
    write_bytes_atomic(out, etree.tostring(E.akomaNtoso(act), xml_declaration=True, encoding="UTF-8",
                                           pretty_print=True))
    return out


if __name__ == "__main__":   # python -m gapcheck.instruments structure conventions/cets224
    import sys as _sys

    if len(_sys.argv) == 3 and _sys.argv[1] == "structure":
        print(structure_to_akn(_sys.argv[2]))
