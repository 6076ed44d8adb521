"""The session's document data: corrections, cross-checks and what the signed record may carry."""

from __future__ import annotations

import json
from datetime import date

import pytest

from consent_app.crypto import commitments
from consent_app.errors import InputError
from consent_app.identity import mrz
from consent_app.identity.document import DocumentData, age_on, cross_check, names_match
from consent_app.identity.prc_id import validate

LINES = mrz.compose("TD3", document_type="P", issuing_state="CHN", surname="ZHANG", given_names="WEI MING",
                    document_number="E12345678", nationality="CHN", birth_date=date(2008, 6, 15),
                    expiry_date=date(2030, 6, 14), sex="F")


def doc() -> DocumentData:
    return DocumentData.from_mrz(mrz.parse(LINES, today=date(2026, 6, 14)))


def codes(flags) -> list[str]:
    return [f.code for f in flags]


def test_names_match_in_any_order_case_and_accents_ignored():
    d = doc()
    assert names_match("Wei Ming Zhang", d)
    assert names_match("ZHANG Wei-Ming", d)
    assert names_match("zhang weiming", d)
    assert not names_match("Zhang Wei", d)


def test_age_and_expiry_boundaries():
    assert age_on(date(2008, 6, 15), date(2026, 6, 14)) == 17
    assert age_on(date(2008, 6, 15), date(2026, 6, 15)) == 18
    d = doc()
    assert codes(cross_check(d, typed_name="Zhang Wei Ming", guardian=False, today=date(2026, 6, 14))) == [
        "document.minor"]
    assert cross_check(d, typed_name="Zhang Wei Ming", guardian=False, today=date(2026, 6, 15)) == []
    assert cross_check(d, typed_name="Zhang Wei Ming", guardian=True, today=date(2026, 6, 14)) == []
    assert codes(cross_check(d, typed_name="Zhang Wei Ming", guardian=False, today=date(2030, 6, 15))) == [
        "document.expired"]  # the expiry day itself is still valid


def test_flags_say_which_block():
    flags = cross_check(doc(), typed_name="Li Na", guardian=False, today=date(2031, 1, 1),
                        duplicates=("s-1",))
    assert {f.code: f.blocking for f in flags} == {"document.expired": True, "document.name_mismatch": False,
                                                   "document.duplicate": False}
    assert "s-1" in str(flags[-1].message())


def test_corrections_are_kept_and_checked():
    d = doc().corrected("givenNames", "wei-ming", "op")
    assert d.fields["givenNames"] == "WEI-MING"
    assert d.read["givenNames"] == "WEI MING"
    assert [(c.field, c.read, c.corrected, c.by) for c in d.corrections] == [
        ("givenNames", "WEI MING", "WEI-MING", "op")]
    assert d.corrected("givenNames", "WEI-MING", "op") is d  # no change, no correction
    with pytest.raises(InputError) as info:
        d.corrected("birthDate", "15/06/2008", "op")
    assert info.value.code == "document.bad_date"
    with pytest.raises(InputError) as info:
        d.corrected("portrait", "x", "op")
    assert info.value.code == "document.unknown_field"


def test_the_record_entry_holds_commitments_not_values():
    d = doc()
    entry = d.record_entry()
    text = json.dumps(entry)
    for value in ("E12345678", "ZHANG", "2008-06-15"):
        assert value not in text
    assert entry["checksumOk"] is True
    assert "verified" not in text
    assert commitments.opens(entry["commitments"]["documentNumber"], "idDocument.documentNumber", "E12345678",
                             d.salts["documentNumber"])
    assert commitments.opens(entry["commitments"]["name"], "idDocument.name", "WEI MING ZHANG",
                             d.salts["name"])
    other = doc()
    assert other.record_entry()["commitments"] != entry["commitments"]  # fresh salts per document


def test_a_resident_id_number_as_the_document():
    d = DocumentData.from_prc_id(validate("11010519491231002X"), surname="Wang Fang")
    assert d.source == "prc_id"
    assert d.fields["birthDate"] == "1949-12-31"
    assert d.checksum_ok
    assert d.record_entry()["checks"] == {"checkCharacter": True}
