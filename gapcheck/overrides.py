"""An adviser's overrides: pin a provision to an article, remove a wrong match, set a status,
write a comment and a recommendation. Loaded with line numbers so that every mistake is
reported as file:line, all at once, with the nearest valid reference suggested.

```yaml
country: cl
instrument: ets185
articles:
  "6":
    status: partial
    provisions: [/akn/cl/act/2022/21459~art_8]
    comment: Possession (Art 6(1)(b)) is not covered.
    recommendation: Add possession with intent, or record a reservation under Art 6(3).
  "8":
    remove: [/akn/cl/act/2022/21459~art_6]
```
A provision may be written as `FRBR-URI~eId`, or as the bare eId when only one document has it.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from gapcheck.errors import GapcheckError
from gapcheck.model import Document, Finding, Instrument, Provision, Status

ARTICLE_KEYS = {"status", "provisions", "remove", "comment", "recommendation"}
STATUS_VALUES = {s.value for s in Status if s is not Status.NOT_ASSESSED}


@dataclass
class ArticleOverride:
    article: str
    line: int
    status: Status | None = None
    provisions: list[tuple[str, int]] = field(default_factory=list)   # (reference, line)
    remove: list[tuple[str, int]] = field(default_factory=list)
    comment: str = ""
    recommendation: str = ""
    lines: dict = field(default_factory=dict)      # key -> line, for status, comment, recommendation


@dataclass
class Overrides:
    path: str
    country: str = ""
    instrument: str = ""
    articles: dict[str, ArticleOverride] = field(default_factory=dict)

    def origin(self, line: int) -> str:
        return f"{Path(self.path).name}:{line}"


class _Problems:
    def __init__(self, path):
        self.path = str(path)
        self.items: list[tuple[int, str]] = []

    def add(self, line: int, msg: str):
        self.items.append((line, msg))

    def raise_if_any(self):
        if not self.items:
            return
        self.items.sort()
        first_line, first = self.items[0]
        if len(self.items) == 1:
            raise GapcheckError(first, path=self.path, line=first_line,
                                hint="correct the overrides file and run again")
        lines = "\n".join(f"  {self.path}:{ln}: {m}" for ln, m in self.items)
        raise GapcheckError(f"{len(self.items)} problems in the overrides file:\n{lines}",
                            hint="correct them and run again")


def load_overrides(path) -> Overrides:
    """Read and check the shape of an overrides file (references are checked by `resolve`)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise GapcheckError(f"cannot read overrides: {exc.strerror}", path=path) from None
    except UnicodeDecodeError:
        raise GapcheckError("the overrides file is not UTF-8 text", path=path,
                            hint="save it as UTF-8") from None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        raise GapcheckError(f"YAML syntax error: {getattr(exc, 'problem', None) or exc}", path=path,
                            line=mark.line + 1 if mark else None,
                            column=mark.column + 1 if mark else None,
                            hint="check indentation and quoting at that line") from None
    ov = Overrides(path=str(path))
    problems = _Problems(path)
    if root is None:
        return ov
    if not isinstance(root, yaml.MappingNode):
        raise GapcheckError("the overrides file must be a mapping with 'articles:'", path=path,
                            line=root.start_mark.line + 1)
    for key, value in root.value:
        k = key.value
        line = key.start_mark.line + 1
        if k in ("country", "instrument"):
            if not isinstance(value, yaml.ScalarNode):
                problems.add(line, f"'{k}' must be a single value")
            else:
                setattr(ov, k, str(value.value))
        elif k == "articles":
            if not isinstance(value, yaml.MappingNode):
                problems.add(line, "'articles' must map article numbers to decisions")
                continue
            for akey, aval in value.value:
                _load_article(ov, akey, aval, problems)
        else:
            problems.add(line, f"unknown key {k!r} (expected country, instrument, articles)")
    problems.raise_if_any()
    return ov


def _scalar_list(node, problems, line, what) -> list[tuple[str, int]]:
    if isinstance(node, yaml.ScalarNode) and node.value:
        return [(node.value, node.start_mark.line + 1)]
    if isinstance(node, yaml.SequenceNode):
        out = []
        for item in node.value:
            if isinstance(item, yaml.ScalarNode) and item.value:
                out.append((item.value, item.start_mark.line + 1))
            else:
                problems.add(item.start_mark.line + 1, f"each entry of '{what}' must be a provision reference")
        return out
    problems.add(line, f"'{what}' must be a list of provision references")
    return []


def _load_article(ov: Overrides, akey, aval, problems: _Problems):
    line = akey.start_mark.line + 1
    num = str(akey.value).strip()
    if num.lower().startswith(("art_", "art ", "article ")):
        num = num.split("_", 1)[-1].split(" ", 1)[-1]
    if num in ov.articles:
        problems.add(line, f"article {num} appears twice (first at line {ov.articles[num].line})")
        return
    a = ArticleOverride(article=num, line=line)
    ov.articles[num] = a
    if not isinstance(aval, yaml.MappingNode):
        problems.add(line, f"article {num}: expected keys {', '.join(sorted(ARTICLE_KEYS))}")
        return
    for k, v in aval.value:
        kl = k.start_mark.line + 1
        a.lines[k.value] = kl
        if k.value not in ARTICLE_KEYS:
            close = difflib.get_close_matches(k.value, ARTICLE_KEYS, n=1)
            problems.add(kl, f"article {num}: unknown key {k.value!r}" + (f" (did you mean {close[0]!r}?)" if close else ""))
        elif k.value == "status":
            val = v.value if isinstance(v, yaml.ScalarNode) else None
            if val not in STATUS_VALUES:
                problems.add(kl, f"article {num}: status {val!r} is not one of {', '.join(sorted(STATUS_VALUES))}")
            else:
                a.status = Status(val)
        elif k.value in ("provisions", "remove"):
            setattr(a, k.value, _scalar_list(v, problems, kl, k.value))
        else:
            if not isinstance(v, yaml.ScalarNode):
                problems.add(kl, f"article {num}: '{k.value}' must be text")
            else:
                setattr(a, k.value, str(v.value))
    both = {r for r, _ in a.provisions} & {r for r, _ in a.remove}
    for r in sorted(both):
        problems.add(line, f"article {num}: {r} is both pinned and removed")


def _index(documents: list[Document]) -> tuple[dict[str, Provision], dict[str, list[Provision]]]:
    by_ref, by_eid = {}, {}
    for d in documents:
        for p in d.all_provisions():
            by_ref[p.ref] = p
            by_eid.setdefault(p.eid, []).append(p)
    return by_ref, by_eid


def resolve(ov: Overrides, instrument: Instrument, documents: list[Document]) -> dict[str, dict]:
    """Check every reference against the instrument and the documents; list all problems at once."""
    problems = _Problems(ov.path)
    if ov.instrument and ov.instrument != instrument.id:
        problems.add(1, f"the overrides are for instrument {ov.instrument!r}, the analysis uses {instrument.id!r}")
    countries = {d.country for d in documents if d.country}
    if ov.country and countries and ov.country not in countries:
        problems.add(1, f"the overrides are for country {ov.country!r}, the laws are from {', '.join(sorted(countries))}")
    by_ref, by_eid = _index(documents)
    known = {a.num for a in instrument.articles if a.assessed}
    resolved: dict[str, dict] = {}
    for num, a in ov.articles.items():
        if num not in known:
            close = difflib.get_close_matches(num, sorted(known), n=1)
            problems.add(a.line, f"article {num!r} is not an assessed article of {instrument.id}"
                         + (f" (did you mean {close[0]!r}?)" if close else " (assessed: 1–35)"))
            continue
        entry = {"status": a.status, "comment": a.comment, "recommendation": a.recommendation,
                 "pin": [], "remove": [], "line": a.line, "lines": a.lines}
        for what in ("provisions", "remove"):
            for ref, line in getattr(a, what):
                p = _find(ref, by_ref, by_eid)
                if isinstance(p, Provision):
                    entry["pin" if what == "provisions" else "remove"].append((p, line))
                else:
                    problems.add(line, f"article {num}: {p}")
        resolved[num] = entry
    problems.raise_if_any()
    return resolved


def _find(ref: str, by_ref, by_eid):
    if "~" in ref:
        if ref in by_ref:
            return by_ref[ref]
        uri, eid = ref.split("~", 1)
        same_doc = [r.split("~", 1)[1] for r in by_ref if r.startswith(uri + "~")]
        if not same_doc:
            docs = sorted({r.split("~", 1)[0] for r in by_ref})
            close = difflib.get_close_matches(uri, docs, n=1)
            return f"no document {uri!r} among the laws analysed" + (f" (did you mean {close[0]}?)" if close else "")
        close = difflib.get_close_matches(eid, same_doc, n=1, cutoff=0.5)
        return f"no provision {eid!r} in {uri}" + (f" (did you mean {close[0]}?)" if close else "")
    hits = by_eid.get(ref, [])
    if len(hits) == 1:
        return hits[0]
    if len(hits) > 1:
        return f"{ref!r} exists in several documents; write it as FRBR-URI~{ref}"
    close = difflib.get_close_matches(ref, list(by_eid), n=1, cutoff=0.5)
    return f"no provision {ref!r} in the laws analysed" + (f" (did you mean {close[0]}?)" if close else "")


def apply_overrides(findings: dict[str, list[Finding]], resolved: dict[str, dict], ov: Overrides | None) -> tuple[dict[str, list[Finding]], dict[str, dict]]:
    """Findings after the adviser's pins and removals, and the adviser's decisions per article."""
    out = {k: list(v) for k, v in findings.items()}
    decisions: dict[str, dict] = {}
    log: list[dict] = []
    for num, entry in resolved.items():
        fs = out.setdefault(num, [])
        removed = {p.ref for p, _ in entry["remove"]}
        fs = [f for f in fs if f.provision.ref not in removed]
        for p, line in entry["pin"]:
            fs = [f for f in fs if f.provision.ref != p.ref]
            fs.insert(0, Finding(article=num, provision=p, score=1.0, source="override",
                                 evidence={"pinned_by": ov.origin(line)}, origin=ov.origin(line)))
        out[num] = fs
        decisions[num] = {"status": entry["status"], "comment": entry["comment"],
                          "recommendation": entry["recommendation"], "origin": ov.origin(entry["line"]),
                          "changed": bool(entry["pin"] or entry["remove"] or entry["status"])}
        for p, line in entry["pin"]:
            log.append({"article": num, "action": "pin", "value": p.ref, "origin": ov.origin(line)})
        for p, line in entry["remove"]:
            log.append({"article": num, "action": "remove", "value": p.ref, "origin": ov.origin(line)})
        for key in ("status", "comment", "recommendation"):
            if entry[key]:
                value = entry[key].value if key == "status" else entry[key]
                log.append({"article": num, "action": key, "value": value,
                            "origin": ov.origin(entry["lines"].get(key, entry["line"]))})
    return out, decisions, log
