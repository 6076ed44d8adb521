"""Self-test check of identity documents: tesseract reads a generated MRZ; a resident ID number checks."""

from __future__ import annotations

from datetime import date

from consent_app.selftest.base import Context, require


def check_mrz(ctx: Context) -> str:
    """Render a TD3 specimen in OCR-B, find its MRZ band, read it with tesseract, verify every field."""
    from consent_app.identity import prc_id, specimen
    from consent_app.identity.mrz_ocr import read_mrz_bytes, tesseract_command

    spec = specimen.Specimen("TD3", surname="SPECIMEN", given_names="SELF TEST", document_number="ST1234567",
                             nationality="CHN", issuing_state="CHN", birth_date=date(1990, 1, 31),
                             expiry_date=date(2035, 12, 31), sex="F")
    read = read_mrz_bytes(specimen.png_bytes(specimen.render(spec, angle=2.0)), source="self-test MRZ")
    require(read.data.checksum_ok, f"check digits fail on the generated MRZ: {read.data.failed_checks}")
    fields = read.data.to_dict()
    wrong = {k: fields[k] for k, v in spec.expected().items() if fields[k] != v}
    require(not wrong, f"fields read wrong: {wrong}")
    number = prc_id.validate("11010519491231002X")
    require(number.sex == "F", "the resident ID number check gives the wrong sex digit")
    exe, _ = tesseract_command()
    return (f"tesseract ({exe}) read a generated TD3 MRZ: every field and {len(read.data.checks)} check "
            f"digits right in {read.seconds.get('total', 0.0):.2f} s; resident ID MOD 11-2 ok")
