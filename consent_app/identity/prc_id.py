"""PRC resident identity card numbers (GB 11643-1999): structure, birth date, sex digit, MOD 11-2 check.

An 18-character number is a 6-digit address code, the birth date ``YYYYMMDD``, a 3-digit sequence whose
last digit is odd for men and even for women, and an ISO 7064 MOD 11-2 check character (``0``-``9`` or
``X``). The check character catches typing errors, not forgeries: callers record ``checksum_ok``.
The address code is checked for shape only (a province code 11-82); the full administrative division list
(GB/T 2260) is not shipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from consent_app.errors import InputError
from consent_app.messages import define

MESSAGES = define({
    "prc_id.length": "a resident ID number has 18 characters; {number} has {length}",
    "prc_id.characters": "a resident ID number is 17 digits and a final digit or X; {number} is not",
    "prc_id.region": "{number}: {region} is not a province code (11-82) of an address code",
    "prc_id.birth_date": "{number}: {value} is not a birth date",
    "prc_id.future_birth": "{number}: the birth date {value} is in the future",
    "prc_id.check_char": "{number}: check character is {found}, the number's MOD 11-2 check character is "
                         "{expected} (typing error?)",
})

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
#: Province-level codes of GB/T 2260 (first two digits of the address code).
PROVINCES = frozenset({11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
                       50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82})


def check_char(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character of the first 17 digits."""
    return CHECK_CHARS[sum(int(c) * w for c, w in zip(first17, WEIGHTS, strict=True)) % 11]


@dataclass(frozen=True)
class PrcId:
    number: str
    address_code: str
    birth_date: date
    sex: str  # M | F
    sequence: str

    @property
    def checksum_ok(self) -> bool:
        return True  # an instance exists only for a number whose check character holds

    def to_dict(self) -> dict[str, object]:
        return {"number": self.number, "addressCode": self.address_code,
                "birthDate": self.birth_date.isoformat(), "sex": self.sex, "sequence": self.sequence,
                "checksumOk": True}


def validate(number: str, *, today: date | None = None) -> PrcId:
    """Check a typed number; raise InputError with the first specific reason it is wrong."""
    text = "".join(number.split()).upper()
    shown = text or "''"
    if len(text) != 18:
        raise InputError(code="prc_id.length", number=shown, length=len(text))
    if not (text[:17].isascii() and text[:17].isdigit() and (text[17].isdigit() or text[17] == "X")):
        raise InputError(code="prc_id.characters", number=text)
    if int(text[:2]) not in PROVINCES:
        raise InputError(code="prc_id.region", number=text, region=text[:2])
    raw_date = text[6:14]
    try:
        born = date(int(raw_date[:4]), int(raw_date[4:6]), int(raw_date[6:8]))
    except ValueError:
        raise InputError(code="prc_id.birth_date", number=text, value=raw_date) from None
    if born.year < 1850:
        raise InputError(code="prc_id.birth_date", number=text, value=raw_date)
    if born > (today or date.today()):
        raise InputError(code="prc_id.future_birth", number=text, value=born.isoformat())
    expected = check_char(text[:17])
    if text[17] != expected:
        raise InputError(code="prc_id.check_char", number=text, found=text[17], expected=expected)
    return PrcId(number=text, address_code=text[:6], birth_date=born,
                 sex="M" if int(text[16]) % 2 else "F", sequence=text[14:17])
