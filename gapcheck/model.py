"""The data model: what the pipeline passes from step to step.

Names follow the lawyer's vocabulary: an `Instrument` (ETS 185) has `Article`s; a national
`Document` (an act or bill, named by its FRBR URI) has `Provision`s (named by Akoma Ntoso eIds);
matching yields `Finding`s; assessing yields one `ArticleAssessment` per article, gathered in an
`Assessment`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Iterator


class Status(str, Enum):
    COVERED = "covered"            # in line
    PARTIAL = "partial"            # partially in line
    ABSENT = "absent"              # not found in the laws analysed
    NOT_APPLICABLE = "not-applicable"  # reservation, or an adviser's decision
    NOT_ASSESSED = "not-assessed"  # outside the assessed scope (final clauses)

    @property
    def label(self) -> str:
        return STATUS_LABELS["en"][self]


STATUS_LABELS = {
    "en": {Status.COVERED: "In line", Status.PARTIAL: "Partially in line",
           Status.ABSENT: "Not found in the laws analysed", Status.NOT_APPLICABLE: "Not applicable",
           Status.NOT_ASSESSED: "Not assessed"},
    "es": {Status.COVERED: "Conforme", Status.PARTIAL: "Parcialmente conforme",
           Status.ABSENT: "No encontrado en las leyes analizadas", Status.NOT_APPLICABLE: "No aplicable",
           Status.NOT_ASSESSED: "No evaluado"},
}


@dataclass
class Provision:
    """A unit of a national text: an article or section, or one of its sub-provisions."""

    document: str            # FRBR work URI of the document, e.g. /akn/cl/act/2022/21459
    eid: str                 # Akoma Ntoso eId, e.g. art_2 or sec_4__subsec_1
    kind: str                # AKN element name: article, section, paragraph, point, ...
    num: str = ""            # the number as printed, e.g. "2°", "(1)", "a)"
    heading: str = ""
    text: str = ""           # the provision's own words before its sub-provisions (intro, content)
    wrap_up: str = ""        # its closing words after the sub-provisions (wrapUp)
    top_num: str = ""        # number of the top-level article/section holding it: "2", "269A", "146 b"
    top_eid: str = ""
    children: list["Provision"] = field(default_factory=list)
    # the divisions holding a top-level provision, outermost first, as (AKN name, number as
    # printed): (("title", "I"),) for Título I; what «los delitos del Título I» cites
    divisions: tuple[tuple[str, str], ...] = ()

    @property
    def ref(self) -> str:
        """The reference used in overrides and reports: FRBR URI ~ eId."""
        return f"{self.document}~{self.eid}"

    @property
    def top_ref(self) -> str:
        """The reference of the top-level article or section holding it (pairs are counted there)."""
        return f"{self.document}~{self.top_eid or self.eid}"

    def walk(self) -> Iterator["Provision"]:
        yield self
        for child in self.children:
            yield from child.walk()

    def _lines(self, out: list[str], top: bool = True) -> list[str]:
        line = " ".join(x for x in ("" if top else self.num, self.text) if x)
        if line:
            out.append(line)
        for c in self.children:
            c._lines(out, top=False)
        if self.wrap_up:
            out.append(self.wrap_up)
        return out

    @property
    def full_text(self) -> str:
        """The provision's words with all its sub-provisions, in reading order (closing words last)."""
        return "\n".join(self._lines([]))


def law_number(uri: str) -> str:
    """A law's number in its FRBR URI: «21459» in /akn/cl/act/2022/21459, «27» in
    legislation.gov.uk's …/ukpga/2014/27/enacted."""
    segments = uri.rstrip("/").split("/")
    return next((x for x in reversed(segments) if any(c.isdigit() for c in x)), segments[-1])


@dataclass
class Document:
    """A national act or bill as read from Akoma Ntoso (or another legislative XML)."""

    frbr_uri: str
    title: str
    language: str            # ISO 639-2/B, as AKN uses it: spa, eng, por, fra
    date: str                # YYYY-MM-DD (expression date, or the work date)
    doc_type: str = "act"    # act, bill, portion, documentCollection, ...
    path: str = ""
    provisions: list[Provision] = field(default_factory=list)   # top-level articles/sections
    source: str = ""         # where the text came from (from the AKN proprietary metadata)
    warnings: list[str] = field(default_factory=list)
    frbr_country: str = ""   # FRBRcountry, for a work whose URI is not an /akn/ one (legislation.gov.uk's)

    @property
    def country(self) -> str:
        parts = self.frbr_uri.strip("/").split("/")
        # FRBRcountry may name a subdivision («GB-UKM»): the country is its first part
        return parts[1] if len(parts) > 1 and parts[0] == "akn" else self.frbr_country.split("-")[0].lower()

    def all_provisions(self) -> Iterator[Provision]:
        for p in self.provisions:
            yield from p.walk()

    def find(self, eid: str) -> Provision | None:
        for p in self.all_provisions():
            if p.eid == eid:
                return p
        return None


@dataclass
class Article:
    """An article of an instrument (ETS 185 Art 2, ...), in one language."""

    num: str                 # "2"
    eid: str                 # art_2
    title: str
    text: str                # the article's words, all paragraphs
    chapter: str = ""        # "II"
    chapter_title: str = ""
    section: str = ""        # "1"
    section_title: str = ""
    title_group: str = ""    # the Convention's own "Title 1" grouping
    assessed: bool = True    # final clauses are not assessed

    @property
    def chapter_label(self) -> str:
        return f"Chapter {self.chapter}" if self.chapter else ""


@dataclass
class Instrument:
    id: str                  # ets185
    title: str
    language: str
    frbr_uri: str
    articles: list[Article]
    path: str = ""
    note: str = ""           # e.g. that the official text is not included

    def article(self, num: str) -> Article | None:
        for a in self.articles:
            if a.num == num:
                return a
        return None


@dataclass
class Finding:
    """That a national provision implements (part of) a Convention article, and why."""

    article: str
    provision: Provision
    score: float
    source: str = "auto"     # auto | override
    evidence: dict = field(default_factory=dict)   # matched words per signal
    origin: str = ""         # for overrides: file:line

    def to_json(self) -> dict:
        return {"document": self.provision.document, "eid": self.provision.eid,
                "num": self.provision.num, "top_num": self.provision.top_num,
                "heading": self.provision.heading, "score": round(self.score, 3),
                "source": self.source, "evidence": self.evidence,
                **({"origin": self.origin} if self.origin else {})}


@dataclass
class ArticleAssessment:
    article: Article
    status: Status
    findings: list[Finding] = field(default_factory=list)
    source: str = "auto"     # auto | override (status set or changed by an adviser)
    comment: str = ""
    recommendation: str = ""
    origin: str = ""         # file:line of the override that decided it
    elements_found: dict = field(default_factory=dict)    # element -> national words, over all findings
    elements_missing: list = field(default_factory=list)  # required elements no finding carries
    notes: list = field(default_factory=list)             # options used, general-part elements, reservations

    @property
    def score(self) -> float:
        return max((f.score for f in self.findings), default=0.0)


@dataclass
class Assessment:
    """The result of one analysis: what the reports render."""

    tool_version: str
    instrument: Instrument
    country: str
    documents: list[Document]
    articles: list[ArticleAssessment]
    overrides_file: str = ""
    created: str = ""
    national_only: list[Provision] = field(default_factory=list)   # offences that implement no article
    overrides_log: list[dict] = field(default_factory=list)        # what the adviser changed, and where

    def counts(self) -> dict[Status, int]:
        out = {s: 0 for s in Status}
        for a in self.articles:
            out[a.status] += 1
        return out
