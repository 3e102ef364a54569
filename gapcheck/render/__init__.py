"""Rendering an Assessment: JSON (the stable contract), Excel and HTML."""

from __future__ import annotations

from pathlib import Path

from gapcheck.model import Assessment


def write_all(assessment, out_dir: Path, *, report_lang="en", formats=("json", "xlsx", "html"),
              protect=()) -> list[Path]:
    """`assessment` is one Assessment, or a list (one report with a section per instrument)."""
    from gapcheck.files import write_bytes_atomic, write_text_atomic

    written = []
    if "json" in formats:
        from gapcheck.render.json import to_json_text
        written.append(write_text_atomic(out_dir / "gap-report.json", to_json_text(assessment), protect=protect))
    if "xlsx" in formats:
        from gapcheck.render.excel import to_xlsx_bytes
        written.append(write_bytes_atomic(out_dir / "gap-report.xlsx", to_xlsx_bytes(assessment, report_lang),
                                          protect=protect))
    if "html" in formats:
        from gapcheck.render.html import to_html
        written.append(write_text_atomic(out_dir / "gap-report.html", to_html(assessment, report_lang), protect=protect))
    return written
