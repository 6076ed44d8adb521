"""PRC resident ID numbers (GB 11643): birth date, sex digit, MOD 11-2 check character."""

from __future__ import annotations

from datetime import date

import pytest

from consent_app.errors import InputError
from consent_app.identity.prc_id import check_char, validate


def test_the_standard_example_is_valid():
    result = validate("11010519491231002X")
    assert result.birth_date == date(1949, 12, 31)
    assert result.sex == "F"  # sequence 002: even
    assert result.address_code == "110105"
    assert result.to_dict()["checksumOk"] is True


def test_check_character_mod_11_2():
    assert check_char("11010519491231002") == "X"
    assert check_char("44052418800101001") == "4"
    assert validate("440524188001010014").sex == "M"


def test_lower_case_x_and_spaces_are_accepted():
    assert validate(" 110105 19491231 002x ").number == "11010519491231002X"


@pytest.mark.parametrize(("number", "code"), [
    ("11010519491231002", "prc_id.length"),
    ("1101051949123100X2", "prc_id.characters"),
    ("99010519491231002X", "prc_id.region"),
    ("110105194913310027", "prc_id.birth_date"),
    ("110105209912310021", "prc_id.future_birth"),
    ("110105194912310021", "prc_id.check_char"),
])
def test_each_wrong_number_has_its_own_reason(number, code):
    with pytest.raises(InputError) as info:
        validate(number, today=date(2026, 11, 29))
    assert info.value.code == code
    assert number[:10] in str(info.value) or code == "prc_id.length"


def test_seventeen_characters_names_the_length():
    with pytest.raises(InputError, match="18 characters; 11010519491231002 has 17"):
        validate("11010519491231002")
