"""MRZ parsing and check digits (ICAO 9303 parts 3-6), without OCR."""

from __future__ import annotations

from datetime import date

import pytest

from consent_app.errors import InputError
from consent_app.identity import mrz

# The specimen zones printed in ICAO Doc 9303 (parts 4, 5 and 6).
TD3 = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]
TD2 = ["I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "D231458907UTO7408122F1204159<<<<<<<6"]
TD1 = ["I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"]


def test_check_digit_of_the_icao_examples():
    assert mrz.check_digit("L898902C3") == "6"
    assert mrz.check_digit("740812") == "2"
    assert mrz.check_digit("120415") == "9"
    assert mrz.check_digit("ZE184226B<<<<<") == "1"


@pytest.mark.parametrize(("lines", "fmt"), [(TD3, "TD3"), (TD2, "TD2"), (TD1, "TD1")])
def test_icao_specimens_parse_with_every_check_digit(lines, fmt):
    data = mrz.parse(lines)
    assert data.format == fmt
    assert data.surname == "ERIKSSON"
    assert data.given_names == "ANNA MARIA"
    assert data.issuing_state == "UTO"
    assert data.nationality == "UTO"
    assert data.birth_date == date(1974, 8, 12)
    assert data.expiry_date == date(2012, 4, 15)
    assert data.sex == "F"
    assert data.checksum_ok
    assert all(data.checks.values())
    assert set(data.checks) >= {"documentNumber", "birthDate", "expiryDate", "composite"}
    out = data.to_dict()
    assert out["birthDate"] == "1974-08-12"
    assert out["expiryDate"] == "2012-04-15"
    assert data.error() is None


def test_a_wrong_check_digit_is_named():
    bad = [TD3[0], TD3[1][:19] + "3" + TD3[1][20:]]  # birth date check digit 2 -> 3
    data = mrz.parse(bad)
    assert data.checks["birthDate"] is False
    assert data.checks["documentNumber"] is True
    assert not data.checksum_ok
    err = data.error()
    assert err.code == "mrz.check_failed"
    assert "birthDate" in str(err)


def test_ocr_confusions_are_undone_per_field_type():
    # letters where digits belong (dates, check digits), digits where letters belong (state, names)
    l2 = "L898902C36UT07408I22F12O4159ZE184226B<<<<<1O"
    data = mrz.parse(["P<UT0ERIKSS0N<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", l2])
    assert data.checksum_ok, data.checks
    assert data.surname == "ERIKSSON"
    assert data.issuing_state == "UTO"
    assert data.nationality == "UTO"
    assert data.birth_date == date(1974, 8, 12)


def test_document_number_repaired_only_when_check_digits_agree():
    td1 = list(TD1)
    td1[0] = "I<UTOD23I458907<<<<<<<<<<<<<<<"  # 1 read as I inside the number
    data = mrz.parse(td1)
    assert data.document_number == "D23145890"
    assert data.checksum_ok


def test_filler_read_as_k_after_a_filler():
    data = mrz.parse(["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<K<KKK<<<<<<", TD3[1]])
    assert data.given_names == "ANNA MARIA"


@pytest.mark.parametrize("fmt", ["TD1", "TD2", "TD3"])
def test_compose_then_parse_round_trips(fmt):
    lines = mrz.compose(fmt, document_type="P" if fmt == "TD3" else "ID", issuing_state="CHN",
                        surname="OUYANG", given_names="XIAO HONG", document_number="E1234567",
                        nationality="CHN", birth_date=date(2010, 2, 28), expiry_date=date(2030, 1, 31),
                        sex="M")
    assert [len(x) for x in lines] == [mrz.FORMATS[fmt][1]] * mrz.FORMATS[fmt][0]
    data = mrz.parse(lines, today=date(2026, 11, 29))
    assert data.checksum_ok
    assert (data.surname, data.given_names, data.document_number) == ("OUYANG", "XIAO HONG", "E1234567")
    assert data.birth_date == date(2010, 2, 28)


def test_text_that_is_no_mrz_is_refused():
    with pytest.raises(InputError) as info:
        mrz.parse(["PASSPORT", "SURNAME ZHANG"])
    assert info.value.code == "mrz.bad_layout"


def test_an_impossible_date_is_reported():
    l2 = TD3[1][:13] + "741312" + mrz.check_digit("741312") + TD3[1][20:]
    data = mrz.parse([TD3[0], l2])
    assert data.birth_date is None
    assert not data.checksum_ok
    assert data.error().code in ("mrz.check_failed", "mrz.bad_date")
