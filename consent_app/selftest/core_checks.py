"""Self-test checks of the Qt-free core: the environment, resources, the encrypted store, a signed consent."""

from __future__ import annotations

import platform
import secrets
import sys
import uuid
from datetime import timedelta
from pathlib import Path

from consent_app.selftest.base import RESOURCES_DIR, CheckFailed, Context, require


def check_environment(ctx: Context) -> str:
    """Where this app runs from; the GUI and the biometric libraries are not loaded up front."""
    frozen = getattr(sys, "frozen", False)
    where = f"bundle {Path(sys.executable).parent}" if frozen else f"python {sys.executable}"
    # (A bundle's Qt start-up hook imports PySide6.QtCore to locate Qt; the widgets stay unloaded.)
    heavy = [n for n in ("PySide6.QtWidgets", "dlib", "face_recognition", "onnxruntime") if n in sys.modules]
    require(not heavy, f"loaded before any feature used it: {', '.join(heavy)}")
    return f"{where}; Python {platform.python_version()} on {platform.system()} {platform.machine()}"


def check_resources(ctx: Context) -> str:
    """The files the app reads at run time are present and not empty."""
    import warnings

    from consent_app.biometrics.voice import embedding, features

    with warnings.catch_warnings():  # it imports the deprecated pkg_resources
        warnings.simplefilter("ignore")
        import face_recognition_models

    require(RESOURCES_DIR.is_dir(), f"resources folder missing: {RESOURCES_DIR}")
    needed = [
        features.MODELS_DIR / embedding.MODEL_FILE,
        features.MODELS_DIR / features.MEL_FILTERBANK,
        Path(face_recognition_models.face_recognition_model_location()),
        Path(face_recognition_models.pose_predictor_model_location()),
        Path(face_recognition_models.pose_predictor_five_point_model_location()),
        Path(face_recognition_models.cnn_face_detector_model_location()),
    ]
    missing = [str(p) for p in needed if not p.is_file() or p.stat().st_size == 0]
    require(not missing, f"missing or empty: {', '.join(missing)}")
    folders = {}
    for sub in ("models", "terms", "fonts", "i18n", "icons"):
        files = [p for p in (RESOURCES_DIR / sub).rglob("*") if p.is_file()]
        folders[sub] = len(files)
    empty = [sub for sub, count in folders.items() if count == 0]
    require(not empty, f"resources/{', resources/'.join(empty)} missing or empty")
    from consent_app.consent import categories, receipt, terms

    require(receipt.CJK_FONT_FILE.is_file(), f"the receipt font is missing: {receipt.CJK_FONT_FILE}")
    version = terms.current_version()
    for language in categories.LANGUAGES:
        require(terms.template(version, language).strip(), f"terms {version} ({language}) are empty")
    counts = ", ".join(f"{sub} {count}" for sub, count in folders.items())
    return f"{len(needed)} model files; terms {version} in {', '.join(categories.LANGUAGES)}; files: {counts}"


def check_store(ctx: Context) -> str:
    """Create an encrypted store, refuse a wrong passphrase (changing nothing), reopen it, check it."""
    from consent_app import audit, setup
    from consent_app.errors import WrongKeyError
    from consent_app.store import Store, meta, migrations
    from consent_app.store.keys import Argon2Params

    data_dir = ctx.tmp / "store"
    ctx.passphrase = secrets.token_urlsafe(24)
    # Lighter Argon2id than a studio's store: this database holds nothing and lives a second.
    cost = Argon2Params(time_cost=1, memory_cost=8 * 1024, parallelism=1)
    store = setup.initialize(
        data_dir, studio_name="Self-test studio", admin_username="selftest",
        admin_password=secrets.token_urlsafe(18), passphrase=ctx.passphrase, demo=True, argon2=cost,
    )
    store.close()
    before = {p.name: p.read_bytes() for p in data_dir.iterdir() if p.is_file()}
    db_bytes = (data_dir / "consent.db").read_bytes()
    require(b"SQLite format 3" not in db_bytes[:100], "the database file has a plaintext SQLite header")
    require(b"Self-test studio" not in db_bytes, "the studio name is readable in the database file")
    try:
        Store.open(data_dir, "not the passphrase").close()
    except WrongKeyError:
        pass
    else:
        raise CheckFailed("a wrong passphrase opened the store")
    after = {p.name: p.read_bytes() for p in data_dir.iterdir() if p.is_file()}
    require(after == before, "refusing a wrong passphrase changed or created files")
    store = Store.open(data_dir, ctx.passphrase)
    ctx.store = store
    problems = store.integrity_problems() + store.cipher_setting_problems()
    require(not problems, "; ".join(problems))
    with store.read() as conn:
        studio = meta.studio(conn)
        chain = audit.verify_chain(conn)
        version = migrations.current_version(conn)
    require(studio.name == "Self-test studio" and studio.demo, "the reopened store lost its studio")
    require(chain.ok, chain.summary())
    require(version == migrations.latest_version(), f"schema version {version} after opening")
    return (f"created, wrong passphrase refused (files unchanged), reopened; integrity and cipher "
            f"settings OK; schema v{version}; {chain.count} audit entries chained")


def check_consent(ctx: Context) -> str:
    """A signed consent record and its Chinese receipt; a token issued from it, verified as a
    generation tool would; then withdrawal revokes the token."""
    from consent_app import audit, clock
    from consent_app.consent import form, receipt, records, terms
    from consent_app.consent.record import build_record
    from consent_app.store import meta
    from consent_app.tokens import export_jwks, export_status_lists, files, issue
    from consent_app.verify import KeySet, StatusLists, Verifier, codes

    require(ctx.store is not None, "needs the store check")
    store, actor = ctx.store, "selftest"
    consent_id, subject_id = str(uuid.uuid4()), str(uuid.uuid4())
    chosen = ("face_swap", "tts_voice_clone")
    details = form.default_details("Self-test", "Check that this installation works", days=30,
                                   withdrawal_contact="self-test (no real person)").checked()
    with store.transaction() as tx:
        studio = meta.studio(tx)
        tx.execute("INSERT INTO subjects (id, display_name, created_at, created_by) VALUES (?, ?, ?, ?)",
                   (subject_id, "Self-test subject", clock.iso(), actor))
        rendered = terms.render(details, chosen, "zh-CN", studio=studio.label, demo=studio.demo)
        body = build_record(
            consent_id=consent_id, studio={"id": f"urn:uuid:{studio.id}", "name": studio.label},
            subject={"id": f"urn:uuid:{subject_id}", "minor": False, "language": "zh-CN"},
            attester={"role": "subject", "verified": False}, session={"id": None},
            categories=list(chosen), details=details.as_dict(), notice=rendered.as_dict(), evidence={},
            collector={"staff": actor}, created_at=clock.iso(), demo=studio.demo,
        )
        records.insert(tx, consent_id=consent_id, subject_id=subject_id, session_id=None, body=body,
                       terms_text=rendered.text, terms_version=rendered.version, language="zh-CN",
                       actor=actor)
    with store.read() as conn:
        records.get_verified(conn, consent_id)  # raises unless the record's signature verifies
        pdf = receipt.consent_receipt(conn, consent_id, "zh-CN")
        grant = records.grant(conn, consent_id)
    require(pdf.startswith(b"%PDF-") and b"%%EOF" in pdf[-64:], "the receipt is not a complete PDF")

    def verifier() -> Verifier:
        with store.transaction() as tx:
            keys = KeySet.from_jwks(export_jwks(tx))
            lists = export_status_lists(tx, actor)
        return Verifier(keys, StatusLists.from_bytes("\n".join(lists).encode(), keys))

    with store.transaction() as tx:
        issued = issue(tx, grant, actor=actor)
    token = issued.token
    qr = files.qr_png(issued.payload["id"])
    require(qr.startswith(b"\x89PNG"), "the token's QR code is not a PNG")
    check = verifier()
    decision = check.decide(token, "face_swap")
    require(decision.code == codes.VALID, f"a fresh token was refused: {decision.reason}")
    require(decision.claims.consent_id == consent_id, "the verified token names another consent")
    later = (clock.now() + timedelta(days=31)).timestamp()
    expected = {
        "operation not consented": (check.decide(token, "voice_conversion").code, codes.NOT_COVERED),
        "changed signature": (check.decide(_flip_last(token), "face_swap").code, codes.MALFORMED),
        "expired": (check.decide(token, "face_swap", at=later).code, codes.OUTSIDE_VALIDITY),
    }
    with store.transaction() as tx:
        records.withdraw(tx, consent_id, categories=None, reason="self-test", staff=actor)
    expected["withdrawn (revoked)"] = (verifier().decide(token, "face_swap").code, codes.REVOKED)
    wrong = [f"{case} gave exit {got}, not {want}" for case, (got, want) in expected.items() if got != want]
    require(not wrong, "; ".join(wrong))
    with store.read() as conn:
        chain = audit.verify_chain(conn)
    require(chain.ok, chain.summary())
    return (f"signed consent record and zh-CN receipt ({len(pdf) // 1024} KiB PDF); EdDSA vc+jwt token "
            f"({len(token)} bytes, QR {len(qr)} bytes) verified; refused: {', '.join(expected)}; "
            f"audit chain of {chain.count} entries intact")


def _flip_last(token: str) -> str:
    head, _, last = token.rpartition(".")
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    # Change a character in the middle of the signature (the last one may carry padding bits).
    i = len(last) // 2
    swapped = alphabet[(alphabet.index(last[i]) + 1) % len(alphabet)]
    return f"{head}.{last[:i]}{swapped}{last[i + 1:]}"


