"""An adviser's decisions, made in the Excel workbook, back into the overrides file.

The adviser fills in Decision, Comment and Recommendation on the Articles sheet; this merges them
into the overrides file with ruamel.yaml, so the entries, order and comments already there are
kept. The earlier file is kept as a backup beside it; nothing is lost.
"""

from __future__ import annotations

import io
import re
import shutil
from datetime import datetime
from pathlib import Path

from gapcheck.errors import GapcheckError
from gapcheck.files import write_text_atomic
from gapcheck.model import Status
from gapcheck.render.labels import LABELS

DECISIONS = {s.value for s in Status if s is not Status.NOT_ASSESSED}


def _header_index(ws, path) -> dict[str, int]:
    names = {}
    for key in ("article", "decision", "comment", "recommendation"):
        for lang in LABELS.values():
            names[lang[key].strip().lower()] = key
    idx = {}
    for cell in ws[1]:
        key = names.get(str(cell.value or "").strip().lower())
        if key:
            idx[key] = cell.column - 1
    missing = {"article", "decision", "comment", "recommendation"} - set(idx)
    if missing:
        raise GapcheckError(f"the Articles sheet has no column {', '.join(sorted(missing))}", path=path,
                            hint="use a workbook written by gapcheck analyze")
    return idx


def read_decisions(xlsx) -> tuple[dict[str, dict], dict]:
    """{article: {status, comment, recommendation, row}} from a report workbook, and its metadata."""
    from openpyxl import load_workbook

    xlsx = Path(xlsx)
    try:
        wb = load_workbook(xlsx, read_only=True, data_only=True)
    except Exception as exc:       # openpyxl raises many types for a file that is not a workbook
        raise GapcheckError(f"not an Excel workbook gapcheck can read ({type(exc).__name__})", path=xlsx,
                            hint="give the gap-report.xlsx written by gapcheck analyze") from None
    if "Articles" not in wb.sheetnames:
        raise GapcheckError("the workbook has no 'Articles' sheet", path=xlsx)
    ws = wb["Articles"]
    idx = _header_index(ws, xlsx)
    out = {}
    for r, row in enumerate(ws.iter_rows(min_row=2, values_only=True), start=2):
        art = row[idx["article"]]
        if art is None:
            continue
        art = str(art).strip()
        entry = {"row": r}
        decision = str(row[idx["decision"]] or "").strip()
        if decision:
            if decision not in DECISIONS:
                raise GapcheckError(f"Articles row {r} (article {art}): decision {decision!r} is not one of "
                                    f"{', '.join(sorted(DECISIONS))}", path=xlsx)
            entry["status"] = decision
        for key in ("comment", "recommendation"):
            value = row[idx[key]]
            if value is not None and str(value).strip():
                entry[key] = str(value).strip()
        out[art] = entry
    meta = {}
    if "Summary" in wb.sheetnames:
        s = wb["Summary"]
        country = s["B1"].value
        instrument = re.search(r"\(([\w-]+)\)\s*$", str(s["B2"].value or ""))
        meta = {"country": str(country or "").lower(), "instrument": instrument.group(1) if instrument else ""}
    wb.close()
    return out, meta


def merge_from_excel(xlsx, overrides_path) -> tuple[list[str], Path | None]:
    """Merge the workbook's decisions into the overrides file; returns (what changed, backup)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap

    decisions, meta = read_decisions(xlsx)
    overrides_path = Path(overrides_path)
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 100
    if overrides_path.exists():
        try:
            data = yaml.load(overrides_path.read_text(encoding="utf-8")) or CommentedMap()
        except Exception as exc:
            mark = getattr(exc, "problem_mark", None)
            raise GapcheckError(f"YAML syntax error: {getattr(exc, 'problem', exc)}", path=overrides_path,
                                line=mark.line + 1 if mark else None,
                                hint="fix the overrides file first; nothing was changed") from None
    else:
        data = CommentedMap()
    if meta.get("country") and "country" not in data:
        data["country"] = meta["country"]
    if meta.get("instrument") and "instrument" not in data:
        data["instrument"] = meta["instrument"]
    if "articles" not in data or data["articles"] is None:
        data["articles"] = CommentedMap()
    arts = data["articles"]
    changes = []
    for art, entry in decisions.items():
        key = next((k for k in arts if str(k) == art), None)
        for field in ("status", "comment", "recommendation"):
            if field not in entry:
                continue
            current = arts[key].get(field) if key is not None and arts[key] else None
            if current is not None and str(current).strip() == entry[field]:
                continue
            if key is None:
                key = art
                arts[key] = CommentedMap()
            elif arts[key] is None:
                arts[key] = CommentedMap()
            arts[key][field] = entry[field]
            was = f" (was {str(current).strip()!r})" if current is not None else ""
            changes.append(f"article {art}: {field} = {entry[field]!r}{was} — {Path(xlsx).name} row {entry['row']}")
    if not changes:
        return [], None
    backup = None
    if overrides_path.exists():
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = overrides_path.with_name(f"{overrides_path.name}.{stamp}.bak")
        shutil.copy2(overrides_path, backup)
    buf = io.StringIO()
    yaml.dump(data, buf)
    write_text_atomic(overrides_path, buf.getvalue(), protect=[xlsx])
    return changes, backup
