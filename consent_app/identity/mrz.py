"""Machine-readable zones (ICAO Doc 9303 part 3-6): parse TD1, TD2 and TD3, verify every check digit.

:func:`parse` takes the MRZ lines (as read by OCR or typed) and returns :class:`MrzData`: the fields, and
for each check digit whether it holds. Before checking, OCR confusions are undone per field type: a digit
field turns ``O`` into ``0``, a letter field ``0`` into ``O`` and so on, and the alphanumeric document
number is repaired only when exactly one smallest set of such swaps makes its check digit (and the
composite check digit) hold. A check digit catches typing and reading errors, not forgeries: callers
record the result as ``checksum_ok``, never as "verified".

:func:`compose` is the inverse (used for generated test documents and the self-test).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from consent_app.errors import InputError
from consent_app.messages import define

MESSAGES = define({
    "mrz.not_found": "no machine-readable zone (MRZ) found in {source}",
    "mrz.bad_layout": "{source}: the text read is not a TD1, TD2 or TD3 machine-readable zone",
    "mrz.check_failed": "MRZ read, but check digits fail: {fields}",
    "mrz.bad_date": "MRZ read, but the {field} {value} is not a date",
})

ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<")
#: (lines, characters per line) of each format.
FORMATS = {"TD1": (3, 30), "TD2": (2, 36), "TD3": (2, 44)}
_WEIGHTS = (7, 3, 1)

#: OCR confusions in a field that holds digits only / letters only.
TO_DIGIT = str.maketrans({"O": "0", "Q": "0", "D": "0", "U": "0", "I": "1", "L": "1", "T": "1", "Z": "2",
                          "S": "5", "B": "8", "G": "6", "A": "4", "<": "<"})
TO_LETTER = str.maketrans({"0": "O", "1": "I", "2": "Z", "4": "A", "5": "S", "6": "G", "8": "B"})
#: Pairs an alphanumeric field (the document number) may hold either way round.
_SWAPS = {"0": "O", "O": "0", "1": "I", "I": "1", "2": "Z", "Z": "2", "5": "S", "S": "5", "8": "B", "B": "8",
          "6": "G", "G": "6", "D": "0", "Q": "0"}
_MAX_SWAPS = 10  # ambiguous characters tried in a document number (2**10 candidates at most)


def char_value(ch: str) -> int:
    if ch.isdigit():
        return int(ch)
    if "A" <= ch <= "Z":
        return ord(ch) - ord("A") + 10
    if ch == "<":
        return 0
    raise ValueError(f"{ch!r} is not an MRZ character")


def check_digit(text: str) -> str:
    """The ICAO 9303 check digit of ``text`` (weights 7, 3, 1; ``<`` counts 0)."""
    return str(sum(char_value(c) * _WEIGHTS[i % 3] for i, c in enumerate(text)) % 10)


def _holds(text: str, digit: str) -> bool:
    try:
        return check_digit(text) == digit
    except ValueError:
        return False


@dataclass(frozen=True)
class MrzData:
    """The fields of one MRZ and the outcome of each of its check digits."""

    format: str  # TD1 | TD2 | TD3
    lines: tuple[str, ...]  # after per-field OCR fixes
    document_type: str
    issuing_state: str
    surname: str
    given_names: str
    document_number: str
    nationality: str
    birth_date: date | None
    expiry_date: date | None
    sex: str  # M | F | X
    optional_data: str
    checks: dict[str, bool] = field(default_factory=dict)
    problems: tuple[str, ...] = ()  # fields that are not dates

    @property
    def checksum_ok(self) -> bool:
        return all(self.checks.values()) and not self.problems

    @property
    def failed_checks(self) -> list[str]:
        return [name for name, ok in self.checks.items() if not ok]

    def to_dict(self) -> dict[str, object]:
        return {
            "format": self.format,
            "documentType": self.document_type,
            "issuingState": self.issuing_state,
            "surname": self.surname,
            "givenNames": self.given_names,
            "documentNumber": self.document_number,
            "nationality": self.nationality,
            "birthDate": self.birth_date.isoformat() if self.birth_date else None,
            "expiryDate": self.expiry_date.isoformat() if self.expiry_date else None,
            "sex": self.sex,
            "optionalData": self.optional_data,
            "checks": dict(self.checks),
            "checksumOk": self.checksum_ok,
        }

    def error(self) -> InputError | None:
        """The reason this MRZ is not acceptable (a coded error), or None when every check holds."""
        if self.failed_checks:
            return InputError(code="mrz.check_failed", fields=", ".join(self.failed_checks))
        if self.problems:
            name = self.problems[0]
            raw = {"birthDate": self.lines_field("birth"), "expiryDate": self.lines_field("expiry")}[name]
            return InputError(code="mrz.bad_date", field=name, value=raw)
        return None

    def lines_field(self, which: str) -> str:
        if self.format == "TD1":
            line = self.lines[1]
            return line[0:6] if which == "birth" else line[8:14]
        line = self.lines[1]
        return line[13:19] if which == "birth" else line[21:27]

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.given_names, self.surname) if p)


# ---------------------------------------------------------------------------------------------- parsing

def normalise_lines(lines: Sequence[str]) -> tuple[str, list[str]] | None:
    """Pick the MRZ lines out of OCR output: upper case, no spaces, and the format whose shape they fit."""
    cleaned = ["".join(ch for ch in line.upper() if not ch.isspace()) for line in lines]
    cleaned = [line.replace("«", "<") for line in cleaned if line]
    for fmt, (count, width) in sorted(FORMATS.items(), key=lambda kv: -kv[1][1]):
        fitting = [ln for ln in cleaned if abs(len(ln) - width) <= 2 and set(ln) <= ALPHABET]
        if len(fitting) >= count:
            chosen = fitting[-count:]
            return fmt, [_fit_width(ln, width) for ln in chosen]
    return None


def _fit_width(line: str, width: int) -> str:
    if len(line) > width:  # OCR added a filler at the end
        return line[:width]
    return line + "<" * (width - len(line))


def parse(lines: Sequence[str], *, today: date | None = None, source: str = "the image") -> MrzData:
    """Parse MRZ lines (any of TD1/TD2/TD3); raise InputError ``mrz.bad_layout`` if they fit none."""
    found = normalise_lines(lines)
    if found is None:
        raise InputError(code="mrz.bad_layout", source=source)
    fmt, rows = found
    today = today or date.today()
    if fmt == "TD1":
        return _parse_td1(rows, today)
    return _parse_td23(fmt, rows, today)


def _digits(s: str) -> str:
    return s.translate(TO_DIGIT)


def _letters(s: str) -> str:
    return s.translate(TO_LETTER)


def _name_field(s: str) -> str:
    s = _letters(s)
    # '<' read as 'K' in the filler: a K after '<' and before '<', another K or the end is a filler
    chars = list(s)
    for i in range(1, len(chars)):
        if chars[i] == "K" and chars[i - 1] == "<" and (i + 1 == len(chars) or chars[i + 1] in "<K"):
            chars[i] = "<"
    return "".join(chars)


def _names(s: str) -> tuple[str, str]:
    surname, _, given = s.partition("<<")
    return surname.replace("<", " ").strip(), given.replace("<", " ").strip()


def _sex(ch: str) -> str:
    ch = {"P": "F", "H": "M", "N": "M"}.get(ch, ch)
    return ch if ch in ("M", "F") else "X"


def _date(yymmdd: str, *, birth: bool, today: date) -> date | None:
    if not yymmdd.isdigit():
        return None
    yy, mm, dd = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:6])
    year = 2000 + yy
    if birth and year > today.year:
        year -= 100
    if not birth and year > today.year + 50:
        year -= 100
    try:
        return date(year, mm, dd)
    except ValueError:
        return None


def _alternations(text: str) -> int:
    return sum(1 for a, b in itertools.pairwise(text) if a.isdigit() != b.isdigit())


def _repair_number(number: str, digit: str, composite_ok) -> str:
    """The document number with the fewest OCR swaps that makes its check digit hold (if unique)."""
    # an O is a zero unless the check digits say otherwise (O and 0 at weights 7 and 3 add the same to
    # a check digit, so OO and 00 cannot be told apart by the digits alone; issuers avoid the letter O)
    zeroed = number.replace("O", "0")
    if _holds(zeroed, digit) and composite_ok(zeroed):
        return zeroed
    if _holds(number, digit) and composite_ok(number):
        return number
    positions = [i for i, c in enumerate(number) if c in _SWAPS][:_MAX_SWAPS]
    for n_swaps in range(1, len(positions) + 1):
        hits = []
        for chosen in itertools.combinations(positions, n_swaps):
            chars = list(number)
            for i in chosen:
                chars[i] = _SWAPS[chars[i]]
            candidate = "".join(chars)
            if _holds(candidate, digit) and composite_ok(candidate):
                hits.append(candidate)
        if hits:  # several: the one with the fewest letter/digit alternations (numbers are AB1234567)
            ranked = sorted(hits, key=_alternations)
            if len(ranked) == 1 or _alternations(ranked[0]) < _alternations(ranked[1]):
                return ranked[0]
            break  # ambiguous: keep what was read, and let the check digit fail
    return number


def _parse_td23(fmt: str, rows: list[str], today: date) -> MrzData:
    l1, l2 = rows
    doc_type = _letters(l1[0:2])
    state = _letters(l1[2:5])
    name = _name_field(l1[5:])
    number_raw = l2[0:9]
    number_check = _digits(l2[9])
    nationality = _letters(l2[10:13])
    birth = _digits(l2[13:19])
    birth_check = _digits(l2[19])
    sex = _letters(l2[20])
    expiry = _digits(l2[21:27])
    expiry_check = _digits(l2[27])
    if fmt == "TD3":
        optional = l2[28:42]
        optional_check = _digits(l2[42])
        composite_check = _digits(l2[43])
    else:
        optional = l2[28:35]
        optional_check = ""
        composite_check = _digits(l2[35])

    def composite_text(number: str) -> str:
        tail = optional + optional_check if fmt == "TD3" else optional
        return number + number_check + birth + birth_check + expiry + expiry_check + tail

    number = _repair_number(number_raw, number_check, lambda n: _holds(composite_text(n), composite_check))
    checks = {"documentNumber": _holds(number, number_check),
              "birthDate": _holds(birth, birth_check),
              "expiryDate": _holds(expiry, expiry_check)}
    if fmt == "TD3":  # an empty personal number may carry '<' or '0' as its check digit
        empty = optional.strip("<") == ""
        checks["optionalData"] = (_holds(optional, optional_check)
                                  or (empty and optional_check in ("<", "0")))
    checks["composite"] = _holds(composite_text(number), composite_check)
    line2 = (number + number_check + nationality + birth + birth_check + sex + expiry + expiry_check
             + optional + optional_check + composite_check)
    surname, given = _names(name)
    return _finish(fmt, (doc_type + state + name, line2), doc_type, state, surname, given, number,
                   nationality, birth, expiry, sex, optional.replace("<", ""), checks, today)


def _parse_td1(rows: list[str], today: date) -> MrzData:
    l1, l2, l3 = rows
    doc_type = _letters(l1[0:2])
    state = _letters(l1[2:5])
    number_raw = l1[5:14]
    number_check = l1[14]
    optional1 = l1[15:30]
    birth = _digits(l2[0:6])
    birth_check = _digits(l2[6])
    sex = _letters(l2[7])
    expiry = _digits(l2[8:14])
    expiry_check = _digits(l2[14])
    nationality = _letters(l2[15:18])
    optional2 = l2[18:29]
    composite_check = _digits(l2[29])
    name = _name_field(l3)
    long_number = number_check == "<" and optional1.strip("<") != ""
    if long_number:  # ICAO 9303-5 note j: the number goes on in the optional data, then its check digit
        rest = optional1.rstrip("<")
        number_raw, number_check = number_raw + rest[:-1], _digits(rest[-1])
    else:
        number_check = _digits(number_check)

    def line1(number: str) -> str:
        if long_number:
            return l1[:5] + number[:9] + "<" + number[9:] + number_check + l1[15 + len(number) - 8:]
        return l1[:5] + number + number_check + optional1

    def composite_text(number: str) -> str:
        return line1(number)[5:30] + birth + birth_check + expiry + expiry_check + optional2

    number = _repair_number(number_raw, number_check, lambda n: _holds(composite_text(n), composite_check))
    checks = {"documentNumber": _holds(number, number_check),
              "birthDate": _holds(birth, birth_check),
              "expiryDate": _holds(expiry, expiry_check),
              "composite": _holds(composite_text(number), composite_check)}
    first = doc_type + state + line1(number)[5:30]
    line2 = birth + birth_check + sex + expiry + expiry_check + nationality + optional2 + composite_check
    surname, given = _names(name)
    optional = (optional1 if not long_number else "") + optional2
    return _finish("TD1", (first, line2, name), doc_type, state, surname, given, number, nationality,
                   birth, expiry, sex, optional.replace("<", ""), checks, today)


def _finish(fmt, lines, doc_type, state, surname, given, number, nationality, birth, expiry, sex,
            optional, checks, today) -> MrzData:
    birth_date = _date(birth, birth=True, today=today)
    expiry_date = _date(expiry, birth=False, today=today)
    problems = tuple(name for name, value in (("birthDate", birth_date), ("expiryDate", expiry_date))
                     if value is None)
    return MrzData(
        format=fmt, lines=tuple(lines), document_type=doc_type.replace("<", ""),
        issuing_state=state.replace("<", ""), surname=surname, given_names=given,
        document_number=number.replace("<", ""), nationality=nationality.replace("<", ""),
        birth_date=birth_date, expiry_date=expiry_date, sex=_sex(sex), optional_data=optional,
        checks=checks, problems=problems,
    )


# ---------------------------------------------------------------------------------------------- composing

def _mrz_text(value: str, width: int) -> str:
    text = "".join(c if c in ALPHABET else "<" for c in value.upper().replace(" ", "<").replace("-", "<"))
    if len(text) > width:
        raise ValueError(f"{value!r} does not fit in {width} MRZ characters")
    return text + "<" * (width - len(text))


def compose(fmt: str, *, document_type: str, issuing_state: str, surname: str, given_names: str,
            document_number: str, nationality: str, birth_date: date, expiry_date: date, sex: str,
            optional_data: str = "") -> tuple[str, ...]:
    """The MRZ lines of a document with these fields, check digits computed (no long numbers)."""
    width = FORMATS[fmt][1]
    name = _mrz_text(surname, width).rstrip("<") + "<<" + given_names.upper().replace(" ", "<")
    sex_ch = sex if sex in ("M", "F") else "<"
    number = _mrz_text(document_number, 9)
    birth = birth_date.strftime("%y%m%d")
    expiry = expiry_date.strftime("%y%m%d")
    head = _mrz_text(document_type, 2) + _mrz_text(issuing_state, 3)
    if fmt == "TD1":
        opt1 = _mrz_text(optional_data, 15)
        l1 = head + number + check_digit(number) + opt1
        opt2 = "<" * 11
        l2_core = birth + check_digit(birth) + sex_ch + expiry + check_digit(expiry)
        composite = check_digit(l1[5:30] + l2_core[0:7] + l2_core[8:15] + opt2)
        l2 = l2_core + _mrz_text(nationality, 3) + opt2 + composite
        return l1, l2, _mrz_text(name, width)
    l1 = _mrz_text(head + name, width)
    opt_width = 14 if fmt == "TD3" else 7
    optional = _mrz_text(optional_data, opt_width)
    core = (number + check_digit(number) + _mrz_text(nationality, 3) + birth + check_digit(birth) + sex_ch
            + expiry + check_digit(expiry))
    tail = optional + (check_digit(optional) if fmt == "TD3" else "")
    composite_src = core[0:10] + core[13:20] + core[21:28] + tail
    return l1, core + tail + check_digit(composite_src)
