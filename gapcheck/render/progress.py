"""Rendering reform progress and the multi-country matrix: JSON, Excel and self-contained HTML."""

from __future__ import annotations

import io
import json
from pathlib import Path

from openpyxl import Workbook
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.styles import PatternFill

from gapcheck.files import write_bytes_atomic, write_text_atomic
from gapcheck.render.excel import FILLS, HEADER_FILL, _print_setup, _set, _table
from gapcheck.model import Status
from gapcheck.render.html import _env

STATUS_FILL = {s.value: PatternFill("solid", fgColor=c) for s, c in FILLS.items()}
SCORE = {"covered": 2, "partial": 1, "absent": 0, "not-applicable": None}


def progress_workbook(result: dict) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Progress"
    labels = [s["label"] for s in result["snapshots"]]
    rows = [[r["chapter"], r["article"], r["title"]] + [c["status"] for c in r["snapshots"]] for r in result["articles"]]
    _table(ws, ["Chapter", "Article", "Title"] + labels, rows, [8, 8, 40] + [24] * len(labels))
    for r, row in enumerate(result["articles"], 2):
        for i, c in enumerate(row["snapshots"]):
            ws.cell(row=r, column=4 + i).fill = STATUS_FILL[c["status"]]
    ch = wb.create_sheet("Changes")
    _table(ch, ["From", "To", "Article", "Title", "Before", "After", "Direction", "Provisions added", "Provisions removed"],
           [[c["from_snapshot"], c["to_snapshot"], c["article"], c["title"], c["before"], c["after"], c["direction"],
             "\n".join(c["provisions_added"]), "\n".join(c["provisions_removed"])] for c in result["changes"]],
           [22, 22, 8, 34, 12, 12, 12, 40, 40])
    ind = wb.create_sheet("Indicators")
    inds = result["snapshots"][0]["indicators"]
    _table(ind, ["Indicator"] + labels,
           [[i["title"].get("eng", i["id"])] + ["yes" if s["indicators"][k]["met"] else "no" for s in result["snapshots"]]
            for k, i in enumerate(inds)], [40] + [24] * len(labels))
    sm = wb.create_sheet("Summary", 0)
    _set(sm, 1, 1, "Summary", bold=True)
    _set(sm, 2, 1, result["summary"], wrap=True)
    sm.column_dimensions["A"].width = 120
    sm.row_dimensions[2].height = 120
    for r, note in enumerate(result["method_notes"], 4):
        _set(sm, r, 1, "Method: " + note, wrap=True)
    _print_setup(sm)
    wb.properties.creator = f"gapcheck {result['tool']['version']}"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def matrix_workbook(result: dict) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Matrix"
    arts = result["articles"]
    rows = [[c["country"].upper(), c["coverage"]] + [SCORE[c["statuses"][a]] for a in arts] for c in result["countries"]]
    _table(ws, ["Country", "Coverage"] + [f"Art {a}" for a in arts], rows, [9, 10] + [6] * len(arts))
    last_col = ws.cell(row=1, column=2 + len(arts)).column_letter
    ws.conditional_formatting.add(f"C2:{last_col}{len(rows) + 1}", ColorScaleRule(
        start_type="num", start_value=0, start_color="F8696B", mid_type="num", mid_value=1, mid_color="FFEB84",
        end_type="num", end_value=2, end_color="63BE7B"))
    ws.conditional_formatting.add(f"B2:B{len(rows) + 1}", ColorScaleRule(
        start_type="num", start_value=0, start_color="F8696B", end_type="num", end_value=1, end_color="63BE7B"))
    _set(ws, len(rows) + 3, 1, "2 = in line, 1 = partially, 0 = not found in the laws analysed, blank = not applicable")
    tot = wb.create_sheet("Totals")
    _table(tot, ["Indicator", "Countries meeting it", "Of"],
           [[t["title"].get("eng", k), t["met"], t["of"]] for k, t in result["totals"].items()], [44, 20, 8])
    wb.properties.creator = f"gapcheck {result['tool']['version']}"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def write_progress(result: dict, out_dir) -> list[Path]:
    out = Path(out_dir)
    html = _env().get_template("progress.html.j2").render(r=result, Status=Status)
    return [write_text_atomic(out / "progress.json", json.dumps(result, ensure_ascii=False, indent=2) + "\n"),
            write_bytes_atomic(out / "progress.xlsx", progress_workbook(result)),
            write_text_atomic(out / "progress.html", html)]


def write_matrix(result: dict, out_dir) -> list[Path]:
    out = Path(out_dir)
    html = _env().get_template("matrix.html.j2").render(r=result)
    return [write_text_atomic(out / "matrix.json", json.dumps(result, ensure_ascii=False, indent=2) + "\n"),
            write_bytes_atomic(out / "matrix.xlsx", matrix_workbook(result)),
            write_text_atomic(out / "matrix.html", html)]
