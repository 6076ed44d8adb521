"""Identity evidence, in one run: MRZ reading and the liveness challenge's per-frame identity check.

MRZ (``mrz_section``):
1. ``mrz_fields_correct``: every field (document type, issuing state, surname, given names, document
   number, nationality, birth and expiry date, sex) and every check digit of >= 30 generated documents
   (TD1, TD2, TD3; flat, rotated +-5 degrees, blurred), read by the app from PNG bytes. Target 100 %.
2. ``mrz_read_speedup_vs_passporteye``: the app's read (decode + band finding + tesseract on the band)
   against ``passporteye.read_mrz`` (dev dependency) on the same images, interleaved image by image;
   both must get the same fields right. Target >= 3x.

Liveness (``liveness_section``, in ``bench_liveness.py``): ``liveness_frame_checks_ms``, see there.

Documents are generated with Debian's OCR-B font (fonts-ocr-b); nothing is downloaded. Each section is a
function returning its target results, so other sections (liveness) add themselves to ``SECTIONS``.

Run: .venv/bin/python bench/identity.py [--docs 30] [--speed-docs 8] [--only mrz|liveness]
"""

from __future__ import annotations

import argparse
import io
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _report import target

from consent_app.errors import InputError
from consent_app.identity import specimen
from consent_app.identity.mrz_ocr import read_mrz_bytes

FIELDS = ("documentType", "issuingState", "surname", "givenNames", "documentNumber", "nationality",
          "birthDate", "expiryDate", "sex")


def _documents(count: int) -> list[tuple[specimen.Specimen, dict, bytes]]:
    return [(spec, how, specimen.png_bytes(specimen.render(spec, **how)))
            for spec, how in specimen.corpus(count)]


def _app_fields(png: bytes) -> dict | None:
    try:
        read = read_mrz_bytes(png)
    except InputError:
        return None
    out = read.data.to_dict()
    return out if read.data.checksum_ok else None


def _passporteye_fields(png: bytes) -> dict | None:
    from passporteye import read_mrz

    mrz = read_mrz(io.BytesIO(png))
    if mrz is None:
        return None
    d = mrz.to_dict()
    if not d.get("valid_number") or not d.get("valid_date_of_birth") or not d.get("valid_expiration_date"):
        return None

    def iso(yymmdd: str, birth: bool) -> str:
        yy = int(yymmdd[:2])
        year = 2000 + yy if (not birth or 2000 + yy <= 2026) else 1900 + yy
        return f"{year:04d}-{yymmdd[2:4]}-{yymmdd[4:6]}"

    return {"documentType": d["type"].replace("<", ""), "issuingState": d["country"].replace("<", ""),
            "surname": d["surname"].strip(), "givenNames": " ".join(d["names"].split()),
            "documentNumber": d["number"].replace("<", ""), "nationality": d["nationality"].replace("<", ""),
            "birthDate": iso(d["date_of_birth"], True), "expiryDate": iso(d["expiration_date"], False),
            "sex": d["sex"] if d["sex"] in ("M", "F") else "X"}


def _correct(fields: dict | None, spec: specimen.Specimen) -> bool:
    if fields is None:
        return False
    expected = spec.expected()
    return all(fields.get(k) == expected[k] for k in FIELDS)


def mrz_section(args) -> list[bool]:
    docs = _documents(args.docs)
    formats = {f: sum(1 for s, _, _ in docs if s.format == f) for f in ("TD1", "TD2", "TD3")}
    kinds = {"flat": sum(1 for _, h, _ in docs if not h),
             "rotated": sum(1 for _, h, _ in docs if h.get("angle")),
             "blurred": sum(1 for _, h, _ in docs if h.get("blur"))}
    print(f"MRZ: {len(docs)} generated documents {formats}, {kinds}")
    right, wrong = 0, []
    t0 = time.perf_counter()
    for i, (spec, how, png) in enumerate(docs):
        if _correct(_app_fields(png), spec):
            right += 1
        else:
            wrong.append((i, spec.format, how))
    app_all = time.perf_counter() - t0
    print(f"  app: {right}/{len(docs)} documents with every field and check digit right "
          f"({app_all / len(docs) * 1000:.0f} ms per document)")
    for item in wrong:
        print(f"  wrong: document {item}")
    ok = [target("mrz_fields_correct", 100.0 * right / len(docs), 100.0, higher_is_better=True, unit=" %")]

    try:
        import passporteye  # noqa: F401
    except ImportError:
        print("  passporteye is not installed (dev group): no speed comparison")
        return [*ok, target("mrz_read_speedup_vs_passporteye", 0.0, 3.0, higher_is_better=True, unit="x")]
    speed_docs = docs[:: max(1, len(docs) // args.speed_docs)][: args.speed_docs]
    t_app = t_pe = 0.0
    app_right = pe_right = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for spec, _, png in speed_docs:  # interleaved: machine load falls on both alike
            t = time.perf_counter()
            app_right += _correct(_app_fields(png), spec)
            t_app += time.perf_counter() - t
            t = time.perf_counter()
            pe_right += _correct(_passporteye_fields(png), spec)
            t_pe += time.perf_counter() - t
    n = len(speed_docs)
    print(f"  speed on {n} of them: app {t_app / n * 1000:.0f} ms per document ({app_right}/{n} right), "
          f"passporteye.read_mrz {t_pe / n * 1000:.0f} ms ({pe_right}/{n} fully right; it reads fillers as K "
          "in names)")
    ok.append(target("mrz_read_speedup_vs_passporteye", t_pe / t_app, 3.0, higher_is_better=True, unit="x"))
    return ok


def liveness_section(args) -> list[bool]:
    from bench_liveness import liveness_frame_checks

    return liveness_frame_checks(args)


#: Each section prints its measurements and returns one bool per target line it printed.
SECTIONS: dict[str, Callable[[argparse.Namespace], list[bool]]] = {"mrz": mrz_section,
                                                                   "liveness": liveness_section}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=30, help="generated documents for the accuracy target")
    parser.add_argument("--speed-docs", type=int, default=8, help="of those, timed against passporteye")
    parser.add_argument("--only", choices=sorted(SECTIONS), action="append", help="run only these sections")
    parser.add_argument("--wall", action="store_true", help="liveness: wall time instead of CPU time")
    args = parser.parse_args()
    results = []
    for name, section in SECTIONS.items():
        if args.only and name not in args.only:
            continue
        results += section(args)
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
