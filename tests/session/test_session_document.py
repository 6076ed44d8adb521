"""The ID-document step's data: MRZ read with the portrait, corrections, cross-checks, commitments."""

from __future__ import annotations

import dataclasses
import json
from datetime import date

import pytest
from sessionhelpers import face_rgb, performed, read, sign_and_finish

from consent_app.crypto import commitments
from consent_app.errors import AuthError, InputError, PolicyError
from consent_app.identity import document_store, specimen
from consent_app.session.flow import Attester, AttesterRole, CaptureFlow, Step, SubjectDetails

pytestmark = pytest.mark.usefixtures("_ocr")

ADULT = specimen.Specimen("TD3", surname="OBAMA", given_names="BARACK", document_number="P12345678",
                          nationality="USA", issuing_state="USA", birth_date=date(1961, 8, 4),
                          expiry_date=date(2033, 1, 20), sex="M")


@pytest.fixture(scope="module")
def _ocr():
    import shutil

    if shutil.which("tesseract") is None:
        pytest.skip("tesseract is not installed (Debian: tesseract-ocr tesseract-ocr-eng)")
    try:
        specimen.ocr_b_font()
    except FileNotFoundError:
        pytest.skip("the OCR-B font is not installed (Debian: fonts-ocr-b)")


def document_photo(faces_dir, spec=ADULT, portrait="obama2.jpg", lines=None, ghost=False) -> bytes:
    image = specimen.render(spec, portrait=face_rgb(faces_dir / portrait), lines=lines, px_per_mm=10)
    if ghost:  # a second copy of the portrait printed on the card (a "ghost" image)
        copy = image.crop((190, 250, 525, 670))
        image.paste(copy, (image.width - copy.width - 190, 260))
    return specimen.jpeg_bytes(image, quality=92)


def start(flow: CaptureFlow, name="Barack Obama", **kw) -> None:
    flow.set_subject(SubjectDetails(name, "en", **kw))
    flow.next()


def to_form(flow: CaptureFlow, faces_dir) -> None:
    flow.next()
    flow.capture_face(read(faces_dir / "obama.jpg"))
    challenge = flow.draw_challenge()
    flow.run_liveness(performed(challenge.actions, face_rgb(faces_dir / "obama.jpg")))
    flow.next()


def test_the_document_is_read_with_the_portrait_and_bound_by_commitments(flow, consent_store, faces_dir):
    start(flow)
    flow.capture_id_document(document_photo(faces_dir))
    doc = flow.document
    assert doc is not None
    assert doc.checksum_ok
    assert doc.fields["documentNumber"] == "P12345678"
    assert doc.fields["birthDate"] == "1961-08-04"
    assert doc.name == "BARACK OBAMA"
    assert flow.document_flags() == []  # typed name matches, adult, valid
    flow.correct_document("givenNames", "Barack Hussein")  # staff correct a field: kept as evidence
    assert [c.field for c in flow.document.corrections] == ["givenNames"]
    to_form(flow, faces_dir)
    done = sign_and_finish(flow)
    with consent_store.read() as conn:
        from consent_app.consent import records

        consent = records.get(conn, done.consent_id)
        row = conn.execute("SELECT document_number, surname, given_names, birth_date, checksum_ok "
                           "FROM identity_documents WHERE subject_id = ?", (done.subject_id,)).fetchone()
        salts = document_store.salts_of(conn, done.subject_id)[0]
        body = json.loads(conn.execute("SELECT body FROM evidence WHERE kind = 'identity.document' AND "
                                       "session_id = ?", (done.session_id,)).fetchone()[0])
    assert consent.verified
    assert row == ("P12345678", "OBAMA", "BARACK HUSSEIN", "1961-08-04", 1)
    entry = consent.record["evidence"]["idDocumentData"]
    assert entry["checksumOk"] is True
    assert "verified" not in entry
    assert entry["corrected"] == ["givenNames"]
    assert commitments.opens(entry["commitments"]["documentNumber"], "idDocument.documentNumber",
                             "P12345678", salts["documentNumber"])
    assert commitments.opens(entry["commitments"]["name"], "idDocument.name", "BARACK HUSSEIN OBAMA",
                             salts["name"])
    assert commitments.opens(entry["commitments"]["birthDate"], "idDocument.birthDate", "1961-08-04",
                             salts["birthDate"])
    signed = json.dumps(consent.record)
    assert "P12345678" not in signed
    assert "1961-08-04" not in signed
    assert body["corrections"][0]["read"] == "BARACK"
    assert body["corrections"][0]["corrected"] == "BARACK HUSSEIN"
    assert body["read"]["givenNames"] == "BARACK"


def test_an_expired_document_blocks_until_an_administrator_overrides(flow, faces_dir, admin, operator):
    start(flow)
    expired = dataclasses.replace(ADULT, expiry_date=date(2020, 5, 1))
    flow.capture_id_document(document_photo(faces_dir, expired))
    assert [f.code for f in flow.document_flags()] == ["document.expired"]
    assert "document.expired" in [b.code for b in flow.blockers(Step.LIVE_FACE)]
    with pytest.raises(PolicyError, match="expired on 2020-05-01"):
        flow.next()
    with pytest.raises(AuthError):
        flow.override_expired_document(operator, "renewal in progress, seen the receipt")
    with pytest.raises(InputError):
        flow.override_expired_document(admin, "ok")
    flow.override_expired_document(admin, "renewal in progress, seen the receipt")
    assert flow.next() is Step.LIVE_FACE


def test_a_minor_by_birth_date_needs_the_guardian_role(flow, faces_dir):
    minor = dataclasses.replace(ADULT, birth_date=date(date.today().year - 15, 1, 1))
    start(flow)
    flow.capture_id_document(document_photo(faces_dir, minor))
    assert "document.minor" in [b.code for b in flow.blockers(Step.LIVE_FACE)]
    with pytest.raises(PolicyError, match="guardian"):
        flow.next()
    flow.back()
    flow.set_subject(SubjectDetails("Barack Obama", "en", minor=True,
                                    attester=Attester(AttesterRole.GUARDIAN, "Ann Dunham", "mother")))
    assert "document.minor" not in [f.code for f in flow.document_flags()]


def test_a_typed_name_that_differs_is_flagged_side_by_side(flow, faces_dir):
    start(flow, name="Michelle Robinson")
    flow.capture_id_document(document_photo(faces_dir))
    flags = flow.document_flags()
    assert [f.code for f in flags] == ["document.name_mismatch"]
    assert flags[0].params == {"typed": "Michelle Robinson", "document": "BARACK OBAMA"}
    assert not flags[0].blocking
    assert flow.use_document_name() == "Barack Obama"  # staff take the document's name
    assert flow.subject.display_name == "Barack Obama"
    assert flow.typed_name == "Michelle Robinson"  # what was typed stays as evidence
    assert flow.document_flags() == []
    assert flow.next() is Step.LIVE_FACE


def test_a_wrong_check_digit_is_refused_and_nothing_is_kept(flow, faces_dir):
    start(flow)
    l1, l2 = ADULT.lines()
    bad = (l1, l2[:9] + str((int(l2[9]) + 1) % 10) + l2[10:])
    with pytest.raises(InputError) as info:
        flow.capture_id_document(document_photo(faces_dir, lines=bad))
    assert info.value.code == "mrz.check_failed"
    assert "documentNumber" in str(info.value)
    assert flow.id_document is None
    assert flow.document is None


def test_a_photo_without_mrz_keeps_the_portrait_and_says_so(flow, faces_dir):
    start(flow)
    flow.capture_id_document(read(faces_dir / "obama2.jpg"))
    assert flow.id_document is not None
    assert flow.document is None
    assert [m.code for m in flow.document_messages()] == ["document.no_mrz"]
    with pytest.raises(InputError) as info:  # a typed number with a wrong check character
        flow.enter_prc_id("110105196108040010")
    assert info.value.code == "prc_id.check_char"
    assert flow.document is None


def test_a_typed_resident_id_number(flow, faces_dir):
    from consent_app.identity.prc_id import check_char

    start(flow)
    flow.capture_id_document(read(faces_dir / "obama2.jpg"))
    with pytest.raises(InputError, match="has 17"):
        flow.enter_prc_id("11010519610804001")
    number = "11010519610804001" + check_char("11010519610804001")
    doc = flow.enter_prc_id(number)
    assert doc.source == "prc_id"
    assert doc.fields["birthDate"] == "1961-08-04"
    assert doc.fields["sex"] == "M"


def test_the_same_document_number_on_two_subjects_is_flagged(consent_store, operator, services, faces_dir):
    first = CaptureFlow(consent_store, operator, services)
    start(first)
    first.capture_id_document(document_photo(faces_dir))
    to_form(first, faces_dir)
    done = sign_and_finish(first)
    second = CaptureFlow(consent_store, operator, services)
    start(second, name="Barry Soetoro")
    second.capture_id_document(document_photo(faces_dir))
    dup = [f for f in second.document_flags() if f.code == "document.duplicate"]
    assert [f.params["subject"] for f in dup] == [done.subject_id]


def test_several_faces_on_the_document_need_the_portrait_confirmed(flow, faces_dir):
    start(flow)
    flow.capture_id_document(document_photo(faces_dir, ghost=True))
    assert flow.faces_on_document() == 2
    blockers = [b for b in flow.blockers(Step.LIVE_FACE) if b.code == "id_portrait"]
    assert blockers
    assert "largest" in blockers[0].message
    assert flow.id_document.details["box"]
    flow.confirm_portrait()
    assert not [b for b in flow.blockers(Step.LIVE_FACE) if b.code == "id_portrait"]
