"""Reading the MRZ of generated document photos (OCR-B on a synthetic card, flat, rotated, blurred)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from consent_app.cli import main
from consent_app.errors import InputError
from consent_app.identity import mrz, specimen
from consent_app.identity.mrz_ocr import find_bands, read_mrz

pytestmark = pytest.mark.usefixtures("tesseract", "ocr_b")

CORPUS = specimen.corpus(30)
# one of each format, flat, rotated +-5 degrees and blurred
PICKED = [CORPUS[i] for i in (0, 1, 2, 3, 4, 5)]


def _label(spec, rendering) -> str:
    return f"{spec.format}-{'-'.join(f'{k}{v}' for k, v in rendering.items()) or 'flat'}"


@pytest.mark.parametrize(("spec", "rendering"), PICKED, ids=[_label(s, r) for s, r in PICKED])
def test_every_field_of_a_generated_document_is_read(spec, rendering):
    read = read_mrz(np.asarray(specimen.render(spec, **rendering)))
    assert read.data.checksum_ok, (read.data.checks, read.raw_text)
    out = read.data.to_dict()
    assert {k: out[k] for k in spec.expected()} == spec.expected()
    assert out["format"] == spec.format


def test_the_band_is_found_where_the_mrz_is_printed():
    spec, _ = CORPUS[2]  # TD3
    image = specimen.render(spec, angle=4.0)
    bands = find_bands(np.asarray(image.convert("L")))
    assert bands
    assert bands[0].lines == 2
    assert abs(bands[0].angle + 4.0) < 1.0 or abs(bands[0].angle - 4.0) < 1.0
    assert bands[0].center[1] > image.height * 0.6  # the MRZ is at the bottom of the page


def test_cli_read_json(tmp_path, capsys):
    spec, rendering = CORPUS[7]
    path = tmp_path / "doc.jpg"
    specimen.render(spec, **rendering).save(path, quality=92)
    assert main(["id", "read", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    for key, value in spec.expected().items():
        assert out[key] == value
    assert out["checks"]
    assert all(out["checks"].values())
    assert out["checksumOk"] is True
    assert "verified" not in out


def test_cli_read_text(tmp_path, capsys):
    spec, _ = CORPUS[2]
    path = tmp_path / "doc.png"
    specimen.render(spec).save(path)
    assert main(["id", "read", str(path)]) == 0
    out = capsys.readouterr().out
    assert spec.document_number in out
    assert "composite ok" in out


# -- bad input: each a specific message and exit code, nothing stored -----------------------------

def test_a_wrong_check_digit_exits_1_and_names_the_field(tmp_path, capsys):
    spec, _ = CORPUS[2]
    l1, l2 = spec.lines()
    wrong = str((int(l2[19]) + 1) % 10)  # birth date check digit
    path = tmp_path / "forged.png"
    specimen.render(spec, lines=(l1, l2[:19] + wrong + l2[20:])).save(path)
    assert main(["id", "read", str(path), "--json"]) == 1
    captured = capsys.readouterr()
    out = json.loads(captured.out)
    assert out["checks"]["birthDate"] is False
    assert out["checks"]["documentNumber"] is True
    assert out["error"]["code"] == "mrz.check_failed"
    assert "check digits fail: birthDate" in captured.err


def test_a_blank_page_exits_2(tmp_path, capsys):
    from PIL import Image

    path = tmp_path / "blank.png"
    Image.new("RGB", (900, 640), (247, 247, 245)).save(path)
    assert main(["id", "read", str(path)]) == 2
    assert "blank.png is blank" in capsys.readouterr().err


def test_a_document_without_mrz_exits_2(tmp_path, capsys):
    path = tmp_path / "card.png"
    specimen.render(None, fmt="TD1").save(path)
    assert main(["id", "read", str(path)]) == 2
    assert "no machine-readable zone (MRZ) found in card.png" in capsys.readouterr().err
    with pytest.raises(InputError) as info:
        read_mrz(np.asarray(specimen.render(None, fmt="TD3")))
    assert info.value.code == "mrz.not_found"


def test_a_truncated_image_exits_2(tmp_path, capsys):
    spec, _ = CORPUS[0]
    full = specimen.png_bytes(specimen.render(spec))
    path = tmp_path / "cut.png"
    path.write_bytes(full[: len(full) // 2])
    assert main(["id", "read", str(path)]) == 2
    assert "truncated" in capsys.readouterr().err


def test_not_an_image_exits_2(tmp_path, capsys):
    path = tmp_path / "notes.txt"
    path.write_text("P<UTOERIKSSON<<ANNA<MARIA")
    assert main(["id", "read", str(path)]) == 2
    assert "not a recognised image" in capsys.readouterr().err


def test_id_check_cli(capsys):
    assert main(["id", "check", "11010519491231002X"]) == 0
    assert "checksum ok" in capsys.readouterr().out
    assert main(["id", "check", "11010519491231002"]) == 1
    assert "has 17" in capsys.readouterr().err
    assert main(["id", "check", "110105194912310021", "--json"]) == 1
    captured = capsys.readouterr()
    assert json.loads(captured.out)["code"] == "prc_id.check_char"
    assert "check character is 1" in captured.err


def test_mrz_messages_are_coded():
    from consent_app.messages import template

    for code in ("mrz.not_found", "mrz.blank_page", "mrz.check_failed", "prc_id.length", "prc_id.check_char"):
        assert template(code), code
    assert mrz.MESSAGES


def test_an_upside_down_document_is_read():
    spec, _ = CORPUS[1]  # TD2
    read = read_mrz(np.asarray(specimen.render(spec, angle=178.0)))
    assert read.data.checksum_ok
    assert read.data.document_number == spec.document_number
