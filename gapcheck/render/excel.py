"""The Excel workbook (openpyxl): Summary, Articles, Documents and Texts sheets."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from gapcheck.assess import indicators
from gapcheck.instruments import instrument_spec
from gapcheck.model import STATUS_LABELS, Assessment, Status
from gapcheck.render.labels import labels

FILLS = {Status.COVERED: "C6EFCE", Status.PARTIAL: "FFEB9C", Status.ABSENT: "FFC7CE",
         Status.NOT_APPLICABLE: "D9D9D9", Status.NOT_ASSESSED: "F2F2F2"}
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def _set(ws, row, col, value, *, bold=False, wrap=False):
    """Write a value; text from the data is always stored as text, never as a formula."""
    cell = ws.cell(row=row, column=col)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
    if bold:
        cell.font = Font(bold=True)
    if wrap:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def _table(ws, headers, rows, widths):
    for c, h in enumerate(headers, 1):
        cell = _set(ws, 1, c, h, bold=True)
        cell.fill = HEADER_FILL
    for r, row in enumerate(rows, 2):
        for c, v in enumerate(row, 1):
            _set(ws, r, c, v, wrap=isinstance(v, str) and len(v) > 30)
    for c, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(c)].width = w
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(1, len(rows) + 1)}"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def to_workbook(a: Assessment, lang: str = "en") -> Workbook:
    L = labels(lang)
    SL = STATUS_LABELS.get(lang, STATUS_LABELS["en"])
    wb = Workbook()
    ws = wb.active
    ws.title = "Summary"
    info = [(L["country"], a.country.upper()), (L["instrument"], f"{a.instrument.title} ({a.instrument.id})"),
            (L["date"], a.created), (L["version"], a.tool_version)]
    for r, (k, v) in enumerate(info, 1):
        _set(ws, r, 1, k, bold=True)
        _set(ws, r, 2, v)
    r = len(info) + 2
    _set(ws, r, 1, L["laws"], bold=True)
    for d in a.documents:
        r += 1
        _set(ws, r, 1, d.title, wrap=True)
        _set(ws, r, 2, d.frbr_uri)
        _set(ws, r, 3, d.date)
    r += 2
    _set(ws, r, 1, L["scope"], wrap=True)
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=4)
    ws.row_dimensions[r].height = 45
    r += 2
    _set(ws, r, 1, L["status"], bold=True)
    _set(ws, r, 2, L["count"], bold=True)
    for s, n in a.counts().items():
        r += 1
        c = _set(ws, r, 1, SL[s])
        c.fill = PatternFill("solid", fgColor=FILLS[s])
        _set(ws, r, 2, n)
    r += 2
    _set(ws, r, 1, L["indicators"], bold=True)
    for ind in indicators(a, instrument_spec(a.instrument.id)):
        r += 1
        _set(ws, r, 1, ind["title"].get(a.instrument.language, ind["title"].get("eng", ind["id"])), wrap=True)
        _set(ws, r, 2, L["met"] if ind["met"] else L["not_met"])
        _set(ws, r, 3, f"{ind['covered']} / {ind['partial']} / {len(ind['absent'])}")
    ws.column_dimensions["A"].width = 48
    ws.column_dimensions["B"].width = 40
    ws.column_dimensions["C"].width = 16

    arts = wb.create_sheet("Articles")
    headers = [L["chapter"], L["article"], L["title"], L["status"], L["provisions"], L["score"], L["source"],
               L["evidence"], L["decision"], L["comment"], L["recommendation"]]
    rows = []
    for x in a.articles:
        provs = "\n".join(f"{f.provision.document}~{f.provision.eid} (Art./Sec. {f.provision.top_num})"
                          for f in x.findings)
        ev = "; ".join(", ".join(f.evidence.get("shared_terms", [])[:8]) for f in x.findings[:1])
        rows.append([x.article.chapter, x.article.num, x.article.title, SL[x.status], provs,
                     round(x.score, 2) if x.findings else None, L[x.source], ev, "", x.comment, x.recommendation])
    _table(arts, headers, rows, [9, 8, 34, 22, 48, 8, 11, 30, 14, 40, 40])
    last = len(rows) + 1
    for s, color in FILLS.items():
        arts.conditional_formatting.add(f"D2:D{last}", CellIsRule(operator="equal", formula=[f'"{SL[s]}"'],
                                                                  fill=PatternFill("solid", fgColor=color)))
    docs = wb.create_sheet("Documents")
    _table(docs, [L["frbr"], L["title"], "Language", L["date"], "Source"],
           [[d.frbr_uri, d.title, d.language, d.date, d.source] for d in a.documents], [34, 60, 10, 12, 50])
    wb.properties.title = f"{L['report_title']}: {a.country.upper()} / {a.instrument.id}"
    wb.properties.creator = f"gapcheck {a.tool_version}"
    return wb


def to_xlsx_bytes(a: Assessment, lang: str = "en") -> bytes:
    buf = io.BytesIO()
    to_workbook(a, lang).save(buf)
    return buf.getvalue()
