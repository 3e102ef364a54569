"""A country folder's manifest (`country.yaml`): which documents were in force when, which are bills."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date as _date
from pathlib import Path

import yaml

from gapcheck.errors import GapcheckError

MANIFEST = "country.yaml"


@dataclass
class ManifestEntry:
    file: Path
    in_force: str = ""
    repealed: str = ""
    bill: bool = False
    consolidated_into: str = ""   # an amending act whose text a consolidated code already carries

    def in_force_on(self, day: str) -> bool:
        return (not self.bill and not self.consolidated_into and (not self.in_force or self.in_force <= day)
                and (not self.repealed or day < self.repealed))


def load_manifest(folder) -> list[ManifestEntry] | None:
    path = Path(folder) / MANIFEST
    if not path.is_file():
        return None
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise GapcheckError(f"YAML syntax error: {getattr(exc, 'problem', exc)}", path=path,
                            line=mark.line + 1 if mark else None) from None
    entries = []
    for i, d in enumerate(data.get("documents") or []):
        if not isinstance(d, dict) or "file" not in d:
            raise GapcheckError(f"documents[{i}] needs a 'file'", path=path)
        f = Path(folder) / str(d["file"])
        if not f.is_file():
            raise GapcheckError(f"documents[{i}]: {d['file']} does not exist in the folder", path=path,
                                hint="correct the file name or import the law")
        for key in ("in_force", "repealed"):
            if d.get(key):
                try:
                    _date.fromisoformat(str(d[key]))
                except ValueError:
                    raise GapcheckError(f"documents[{i}]: {key} {d[key]!r} is not YYYY-MM-DD", path=path) from None
        entries.append(ManifestEntry(file=f, in_force=str(d.get("in_force") or ""),
                                     repealed=str(d.get("repealed") or ""), bill=bool(d.get("bill")),
                                     consolidated_into=str(d.get("consolidated_into") or "")))
    return entries


def documents_in_force(folder, day: str | None = None) -> list[Path] | None:
    """The folder's documents in force on `day` (default today), or None without a manifest."""
    entries = load_manifest(folder)
    if entries is None:
        return None
    day = day or _date.today().isoformat()
    in_force = [e.file for e in entries if e.in_force_on(day)]
    # a folder that holds only bills (a country drafting its first law) is analysed on its bills
    return in_force or [e.file for e in entries if e.bill]
