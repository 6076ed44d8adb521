"""PDF receipts in the subject's language: open in a PDF library, text extractable, QR decodable."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest
from consenthelpers import run_session, tamper

from consent_app.consent import categories, receipt, records
from consent_app.errors import InputError, PolicyError


def _text(pdf: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    assert reader.pages, "the receipt has no page"
    return "\n".join(page.extract_text() for page in reader.pages)


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _qr_codes(pdf: bytes, tmp_path) -> list[str]:
    """Render page 1 with poppler's pdftoppm and decode its QR code with OpenCV."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    import cv2

    source = tmp_path / "receipt.pdf"
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", str(source), str(tmp_path / "p")],
                   check=True, capture_output=True)
    page = cv2.imread(str(next(tmp_path.glob("p*.png"))))
    found = set()
    # OpenCV's ArUco-based QR detector reads every receipt here; the classic one misses some.
    for detector in (cv2.QRCodeDetectorAruco(), cv2.QRCodeDetector()):
        text, _points, _ = detector.detectAndDecode(page)
        if text:
            found.add(text)
    return sorted(found)


def test_english_receipt_says_who_what_until_when_and_how_to_withdraw(consent_store, completed, tmp_path):
    with consent_store.read() as conn:
        consent = records.get_verified(conn, completed.consent_id)
        pdf = receipt.consent_receipt(conn, completed.consent_id)
    assert pdf.startswith(b"%PDF-")
    text = _text(pdf)
    flat = _flat(text)
    for needle in ("Consent receipt", "Mei Lin", "林美", "Test Studio", "Feature film 'Harbour'",
                   "Digital double for stunt scenes", "privacy@studio.example", "How to withdraw",
                   "AI-generated / 人工智能生成", "180 days", consent.valid_until[:10]):
        assert needle in text, needle
    for cid in consent.categories:
        assert categories.BY_ID[cid].label["en"] in text
    assert "tts_voice_clone" not in text  # only what was agreed
    assert _flat(completed.consent_id) in flat
    assert _flat(completed.record_hash) in flat
    assert "DEMO" not in text
    assert "Identity check" in text
    assert "liveness challenge done by that face" in flat or "liveness" in text
    assert _qr_codes(pdf, tmp_path) == [receipt.qr_payload(completed.consent_id, completed.record_hash)]


def test_chinese_receipt_is_in_chinese_and_its_text_extractable(consent_store, faces_dir, tmp_path):
    done = run_session(consent_store, faces_dir, language="zh-CN", name="林美")
    with consent_store.read() as conn:
        pdf = receipt.consent_receipt(conn, done.consent_id)  # the subject's language by default
    text = _text(pdf)
    for needle in ("同意回执", "林美", "如何撤回", "您同意的编辑项目", "所有输出须带有的标识", "人工智能生成",
                   "加密保存 180 天后删除"):
        assert _flat(needle) in _flat(text), needle
    for cid in ("face_swap", "face_generation"):
        assert _flat(categories.BY_ID[cid].label["zh-CN"]) in _flat(text)
    assert "Consent receipt" not in text
    assert not [c for c in categories.IDS if c in _flat(text)], "the subject reads names, not category ids"
    assert _flat(done.consent_id) in _flat(text)
    # the Chinese glyphs are embedded (a subset of Droid Sans Fallback), so any reader shows them
    from pypdf import PdfReader

    fonts = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert any("DroidSansFallback" in f for f in fonts), fonts
    # Latin text in an embedded font too (a reader's stand-in for Helvetica spaced "privacy@ studio")
    assert any("BitstreamVeraSans" in f for f in fonts), fonts
    # labels are never broken inside a word: the marking label is on one line (it read "…的标" / "识")
    assert "所有输出须带有的标识" in text
    assert _qr_codes(pdf, tmp_path) == [receipt.qr_payload(done.consent_id, done.record_hash)]


def test_a_demo_receipt_says_demo(demo_store, faces_dir):
    done = run_session(demo_store, faces_dir)
    with demo_store.read() as conn:
        text = _text(receipt.consent_receipt(conn, done.consent_id, "zh-CN"))
    assert "DEMO" in text
    assert "演示" in text


def test_a_withdrawal_has_its_own_receipt(consent_store, completed, tmp_path):
    with consent_store.read() as conn, pytest.raises(InputError, match="has no withdrawal"):
        receipt.withdrawal_receipt(conn, completed.consent_id)
    with consent_store.transaction() as tx:
        event = records.withdraw(tx, completed.consent_id, categories=["face_swap"], reason="moved abroad",
                                 staff="op")
    with consent_store.read() as conn:
        pdf = receipt.withdrawal_receipt(conn, completed.consent_id)
        with pytest.raises(InputError, match="no withdrawal number 7"):
            receipt.withdrawal_receipt(conn, completed.consent_id, 7)
        consent_text = _text(receipt.consent_receipt(conn, completed.consent_id))
    text = _text(pdf)
    assert "Withdrawal receipt" in text
    assert _flat("moved abroad") in _flat(text)
    assert _flat("person's body (face swap)") in _flat(text)
    assert _flat(event.proof["hash"]) in _flat(text)
    assert "face_swap" not in _flat(text)
    assert "face_swap" not in _flat(consent_text)
    assert "withdrawn" in consent_text
    qr = _qr_codes(pdf, tmp_path)
    assert qr == [receipt.qr_payload(completed.consent_id, completed.record_hash, event.proof["hash"])]


def test_no_receipt_for_a_record_that_does_not_verify(consent_store, completed):
    tamper(consent_store, "UPDATE consents SET record = replace(record, 'Harbour', 'Harbor')")
    with consent_store.read() as conn, pytest.raises(PolicyError, match="failed verification"):
        receipt.consent_receipt(conn, completed.consent_id)
    with consent_store.read() as conn, pytest.raises(InputError, match="no consent with id nope"):
        receipt.consent_receipt(conn, "nope")


def test_receipts_are_written_whole_or_not_at_all(tmp_path):
    with pytest.raises(InputError, match=r"ending in \.pdf"):
        receipt.write(tmp_path / "r.txt", b"%PDF-")
    with pytest.raises(InputError, match="no such folder"):
        receipt.write(tmp_path / "missing" / "r.pdf", b"%PDF-")
    receipt.write(tmp_path / "r.pdf", b"%PDF-1.4 test")
    assert (tmp_path / "r.pdf").read_bytes() == b"%PDF-1.4 test"
    # it names the subject and what they agreed to: owner-only, like everything personal the app writes
    assert (tmp_path / "r.pdf").stat().st_mode & 0o777 == 0o600


def test_an_identity_override_is_on_the_receipt(demo_store, faces_dir):
    """An administrator's override (here the demo seed's: a photo cannot pass liveness) is shown to the
    subject, in their language, with who overrode it and why."""
    from consent_app import staff
    from consent_app.demo import seed

    with demo_store.read() as conn:
        admin = staff.get(conn, "admin")
    done = seed(demo_store, admin, face=faces_dir / "obama.jpg", id_photo=faces_dir / "obama2.jpg").completed
    with demo_store.read() as conn:
        english = _flat(_text(receipt.consent_receipt(conn, done.consent_id, "en")))
        chinese = _flat(_text(receipt.consent_receipt(conn, done.consent_id, "zh-CN")))
    assert _flat("overridden by administrator admin") in english
    assert _flat("still files") in english  # the reason
    assert _flat("由管理员 admin 批准例外") in chinese
