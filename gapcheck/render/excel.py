"""The Excel workbook (openpyxl): Summary, Articles, Provisions, Texts and Overrides sheets.

The Articles sheet has the adviser's columns Decision, Comment and Recommendation; an adviser
fills them in and `gapcheck overrides from-excel` merges them into the overrides file.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.hyperlink import Hyperlink

from gapcheck.assess import indicators
from gapcheck.instruments import instrument_spec
from gapcheck.model import STATUS_LABELS, Assessment, Status
from gapcheck.render.labels import labels

FILLS = {Status.COVERED: "C6EFCE", Status.PARTIAL: "FFEB9C", Status.ABSENT: "FFC7CE",
         Status.NOT_APPLICABLE: "D9D9D9", Status.NOT_ASSESSED: "F2F2F2"}
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
ARTICLE_COLUMNS = ("chapter", "article", "title", "status", "provisions", "elements_found", "elements_missing",
                   "notes", "score", "source", "decision", "comment", "recommendation")
DECISIONS = [s.value for s in Status if s is not Status.NOT_ASSESSED]


def _set(ws, row, col, value, *, bold=False, wrap=False):
    """Write a value; text from the data is always stored as text, never as a formula."""
    cell = ws.cell(row=row, column=col)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"       # "=HYPERLINK(…)" in a statute stays text
    if bold:
        cell.font = Font(bold=True)
    if wrap:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def _table(ws, headers, rows, widths):
    for c, h in enumerate(headers, 1):
        _set(ws, 1, c, h, bold=True).fill = HEADER_FILL
    for r, row in enumerate(rows, 2):
        for c, v in enumerate(row, 1):
            _set(ws, r, c, v, wrap=isinstance(v, str))
    for c, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(c)].width = w
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(1, len(rows) + 1)}"
    _print_setup(ws)
    ws.print_title_rows = "1:1"


def _print_setup(ws):
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _provision_label(p) -> str:
    return f"{p.document}~{p.eid}" + (f" ({p.heading})" if p.heading else "")


def to_workbook(assessments, lang: str = "en") -> Workbook:
    """One instrument: Summary, Articles, Provisions, Texts, Overrides. Several: those sheets for the
    first, and Summary/Articles/Texts sheets named after each further instrument."""
    if isinstance(assessments, Assessment):
        assessments = [assessments]
    a = assessments[0]
    L = labels(lang)
    SL = STATUS_LABELS.get(lang, STATUS_LABELS["en"])
    lang3 = {"en": "eng", "es": "spa"}.get(lang, "eng")
    wb = Workbook()
    _summary(wb.active, a, L, SL, lang3)
    texts_row = _texts(wb.create_sheet("Texts"), a, L)
    _articles(wb.create_sheet("Articles", 1), a, L, SL, texts_row)
    _provisions(wb.create_sheet("Provisions", 2), a, L)
    _overrides(wb.create_sheet("Overrides"), a, L)
    for other in assessments[1:]:
        iid = other.instrument.id
        _summary(wb.create_sheet(f"Summary {iid}"), other, L, SL, lang3)
        rows = _texts(wb.create_sheet(f"Texts {iid}"), other, L)
        _articles(wb.create_sheet(f"Articles {iid}"), other, L, SL, rows, texts_sheet=f"Texts {iid}")
    wb.properties.title = f"{L['report_title']}: {a.country.upper()} / {a.instrument.id}"
    wb.properties.subject = a.instrument.title
    wb.properties.creator = f"gapcheck {a.tool_version}"
    wb.properties.keywords = "Budapest Convention; gap analysis; " + a.country
    wb.properties.description = L["scope"]
    return wb


def _summary(ws, a: Assessment, L, SL, lang3: str):
    if ws.title == "Sheet":
        ws.title = "Summary"
    info = [(L["country"], a.country.upper()), (L["instrument"], f"{a.instrument.title} ({a.instrument.id})"),
            (L["date"], a.created), (L["version"], a.tool_version)]
    if a.instrument.note:
        info.append(("Note", a.instrument.note))
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
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=7)
    ws.row_dimensions[r].height = 48
    # counts by status per chapter and section
    r += 2
    statuses = [s for s in Status if s is not Status.NOT_ASSESSED]
    _set(ws, r, 1, L["chapter"], bold=True).fill = HEADER_FILL
    for c, s in enumerate(statuses, 2):
        cell = _set(ws, r, c, SL[s], bold=True)
        cell.fill = PatternFill("solid", fgColor=FILLS[s])
    header_row = r
    groups: dict[str, dict[Status, int]] = {}
    for x in a.articles:
        if x.status is Status.NOT_ASSESSED:
            continue
        key = f"{L['chapter']} {x.article.chapter}" + (f", section {x.article.section}" if x.article.section else "")
        groups.setdefault(key, {s: 0 for s in statuses})[x.status] += 1
    for key, counts in groups.items():
        r += 1
        _set(ws, r, 1, key)
        for c, s in enumerate(statuses, 2):
            _set(ws, r, c, counts[s])
    r += 1
    _set(ws, r, 1, "Total", bold=True)
    totals = a.counts()
    for c, s in enumerate(statuses, 2):
        _set(ws, r, c, totals[s], bold=True)
    last_group_row = r - 1
    chart = BarChart()
    chart.type = "bar"
    chart.grouping = "stacked"
    chart.overlap = 100
    chart.title = L["summary"]
    chart.add_data(Reference(ws, min_col=2, max_col=1 + len(statuses), min_row=header_row, max_row=last_group_row),
                   titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=header_row + 1, max_row=last_group_row))
    for series, s in zip(chart.series, statuses):
        series.graphicalProperties.solidFill = FILLS[s]
    chart.height, chart.width = 7.5, 18
    ws.add_chart(chart, f"A{r + 12}")
    r += 2
    _set(ws, r, 1, L["indicators"], bold=True)
    for ind in indicators(a, instrument_spec(a.instrument.id)):
        r += 1
        _set(ws, r, 1, ind["title"].get(lang3, ind["title"].get("eng", ind["id"])), wrap=True)
        _set(ws, r, 2, L["met"] if ind["met"] else L["not_met"], bold=True)
        _set(ws, r, 3, f"{ind['covered']} {SL[Status.COVERED]}, {ind['partial']} {SL[Status.PARTIAL]}, "
                       f"{len(ind['absent'])} {SL[Status.ABSENT]}", wrap=True)
    r += 1
    _set(ws, r, 1, L["indicator_rule"], wrap=True)
    ws.column_dimensions["A"].width = 46
    for col in "BCDEFG":
        ws.column_dimensions[col].width = 18
    _print_setup(ws)


def _articles(ws, a: Assessment, L, SL, texts_row: dict, texts_sheet: str = "Texts"):
    headers = [L[c] for c in ("chapter", "article", "title", "status", "provisions")] + \
        [L["elements_found"], L["elements_missing"], L["notes"], L["score"], L["source"], L["decision"], L["comment"],
         L["recommendation"]]
    rows = []
    for x in a.articles:
        provs = "\n".join(_provision_label(f.provision) for f in x.findings)
        found = "\n".join(f"{k}: {v}" for k, v in x.elements_found.items())
        missing = "\n".join(x.elements_missing)
        rows.append([x.article.chapter, x.article.num, x.article.title, SL[x.status], provs, found, missing,
                     "\n".join(x.notes), round(x.score, 2) if x.findings else None,
                     L[x.source] + (f" ({x.origin})" if x.origin else ""), "", x.comment, x.recommendation])
    _table(ws, headers, rows, [8, 8, 32, 20, 44, 30, 22, 40, 7, 16, 14, 40, 40])
    last = len(rows) + 1
    for s, color in FILLS.items():
        ws.conditional_formatting.add(f"D2:D{last}", CellIsRule(operator="equal", formula=[f'"{SL[s]}"'],
                                                                fill=PatternFill("solid", fgColor=color)))
    # links from each article to its texts, side by side on the Texts sheet
    for r, x in enumerate(a.articles, 2):
        if x.article.num in texts_row:
            cell = ws.cell(row=r, column=5 if x.findings else 3)
            # an internal link (location), not an external target: it opens no file or network
            cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"'{texts_sheet}'!A{texts_row[x.article.num]}")
            cell.font = Font(color="1F4E79", underline="single")
    dv = DataValidation(type="list", formula1='"' + ",".join(DECISIONS) + '"', allow_blank=True,
                        showErrorMessage=True, errorTitle=L["decision"],
                        error="covered, partial, absent or not-applicable")
    ws.add_data_validation(dv)
    decision = get_column_letter(headers.index(L["decision"]) + 1)
    dv.add(f"{decision}2:{decision}{last}")


def _provisions(ws, a: Assessment, L):
    serves: dict[str, tuple] = {}
    for x in a.articles:
        for f in x.findings:
            p = f.provision
            entry = serves.setdefault(p.ref, (p, []))
            entry[1].append(x.article.num)
    rows = [[p.document, p.eid, p.top_num, p.heading, ", ".join(arts), ""] for p, arts in serves.values()]
    rows += [[p.document, p.eid, p.top_num, p.heading, "", L["national_only"]] for p in a.national_only]
    _table(ws, [L["frbr"], "eId", L["article"] + " (nat.)", L["title"], L["articles"], L["note"]], rows,
           [32, 22, 10, 40, 16, 22])


def _texts(ws, a: Assessment, L) -> dict:
    """Convention text and national text side by side; returns the first row of each article."""
    for c, h in enumerate([L["article"], L["convention_text"], L["provisions"], L["national_text"]], 1):
        _set(ws, 1, c, h, bold=True).fill = HEADER_FILL
    r = 1
    first = {}
    for x in a.articles:
        if x.status is Status.NOT_ASSESSED:
            continue
        r += 1
        first[x.article.num] = r
        _set(ws, r, 1, f"{x.article.num}. {x.article.title}", bold=True, wrap=True)
        _set(ws, r, 2, x.article.text[:32000], wrap=True)
        if not x.findings:
            _set(ws, r, 3, "—")
        for i, f in enumerate(x.findings):
            if i:
                r += 1
            _set(ws, r, 3, _provision_label(f.provision), wrap=True)
            _set(ws, r, 4, f.provision.full_text[:32000], wrap=True)
    for col, w in zip("ABCD", (22, 70, 28, 70)):
        ws.column_dimensions[col].width = w
    ws.freeze_panes = "A2"
    _print_setup(ws)
    ws.print_title_rows = "1:1"
    return first


def _overrides(ws, a: Assessment, L):
    rows = [[e["article"], e["action"], e["value"], e["origin"]] for e in a.overrides_log]
    _table(ws, [L["article"], L["action"], L["value"], L["origin"]], rows, [9, 16, 70, 26])
    _set(ws, len(rows) + 3, 1, (L["overrides"] + ": " + a.overrides_file) if a.overrides_file else L["no_overrides"])


def to_xlsx_bytes(a, lang: str = "en") -> bytes:
    buf = io.BytesIO()
    to_workbook(a, lang).save(buf)
    return buf.getvalue()
