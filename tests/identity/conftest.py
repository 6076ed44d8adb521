"""Identity-document tests: generated documents only (OCR-B from Debian's fonts-ocr-b), never downloads."""

from __future__ import annotations

import shutil

import pytest


@pytest.fixture(scope="session")
def tesseract() -> str:
    exe = shutil.which("tesseract")
    if exe is None:
        pytest.skip("tesseract is not installed (Debian: tesseract-ocr tesseract-ocr-eng)")
    return exe


@pytest.fixture(scope="session")
def ocr_b() -> None:
    from consent_app.identity.specimen import ocr_b_font

    try:
        ocr_b_font()
    except FileNotFoundError:
        pytest.skip("the OCR-B font is not installed (Debian: fonts-ocr-b)")
