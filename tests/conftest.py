import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("GAPCHECK_SHARED", ROOT.parent / "shared"))
LAWS = SHARED / "data" / "laws"
SAMPLES = SHARED / "data" / "xml-samples"
CL = ROOT / "national_laws" / "cl"
TEXTS = ROOT / "tests" / "texts"          # excerpts of laws ../shared lacks (see its README)


def pytest_configure(config):
    if not (SHARED / "data").is_dir():
        raise pytest.UsageError(f"the reference data is missing: expected {SHARED}/data (set GAPCHECK_SHARED)")


@pytest.fixture(scope="session")
def chile_docs():
    from gapcheck.akn import read_document
    return [read_document(CL / "ley-21459-2022.xml"), read_document(CL / "codigo-procesal-penal.xml")]


@pytest.fixture(scope="session")
def chile_assessment():
    from gapcheck.analysis import analyze
    return analyze([CL], use_folder_overrides=False)
