"""Demo seed: one complete capture session through the same flow the app uses, from files.

Real verification runs on the given files: the ID-document portrait against the face image, the
liveness challenge against the face image shown as a still camera (which honestly fails: a photo
cannot blink or turn), the voice sample's quality gates and embedding, and the spoken statement.
Because a still image cannot pass liveness, the logged-in admin records an identity override
whose reason says so — the consent then shows exactly how it was (not) verified. Only a demo
database (``consent-app init --demo``) accepts it; everything it makes says DEMO.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from consent_app import clock
from consent_app.consent import categories as cats
from consent_app.consent import signature
from consent_app.consent.form import ConsentDetails
from consent_app.errors import AuthError, InputError, PolicyError
from consent_app.messages import define
from consent_app.session.flow import CaptureFlow, CompletedSession, Step, SubjectDetails
from consent_app.staff import StaffMember

MESSAGES = define({
    "demo.real_store": "demo seed only runs on a demo database (made with `consent-app init --demo`); this "
                       "one holds real consents",
    "demo.admin_needed": "demo seed records an identity override (a still image cannot pass the liveness "
                         "challenge), which needs an admin: log in as an admin",
    "demo.too_many_recordings": "give at most two recordings: the voice sample, then the spoken statement",
})

STILL_FRAMES = 20
STILL_FPS = 2.0  # 10 s of a photo held still: longer than a liveness step may take

_MIMES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".webp": "image/webp",
          ".bmp": "image/bmp", ".tif": "image/tiff", ".tiff": "image/tiff", ".gif": "image/gif",
          ".wav": "audio/wav", ".flac": "audio/flac", ".ogg": "audio/ogg", ".aif": "audio/aiff",
          ".aiff": "audio/aiff"}


@dataclass
class SeedResult:
    completed: CompletedSession
    categories: tuple[str, ...]
    notes: list[str] = field(default_factory=list)


def _mime(path: Path) -> str:
    return _MIMES.get(path.suffix.lower(), "application/octet-stream")


def _read(path: Path, what: str) -> bytes:
    from consent_app.files import read_bounded

    return read_bounded(path, 512 * 1024 * 1024, what)


def demo_details(language: str = "en") -> ConsentDetails:
    start = clock.now().replace(microsecond=0)
    return ConsentDetails(
        project="DEMO project" if language == "en" else "演示项目 (DEMO)",
        purpose=("Demonstration of consent_app: not a real consent" if language == "en"
                 else "consent_app 演示：并非真实同意"),
        valid_from=start, valid_until=start + timedelta(days=90), territory=("CN",),
        channels=("demo",), prohibited_uses=("any real use", "political content", "fraud"),
        marking="AI-generated (DEMO) / 人工智能生成（演示）", retention_days=30,
        withdrawal_contact="demo@consent-app.invalid")


# The override reason the seed records, as an administrator would type it (free text, kept as typed).
OVERRIDE_REASON = "demo seed from still files: no live camera, so the liveness challenge could not be passed"
NO_ID_REASON = "no ID document was given; the face image stood in for it"


def seed(store, admin: StaffMember, *, face: Path, id_photo: Path | None = None,
         voices: list[Path] | tuple[Path, ...] = (), name: str = "Demo Subject", language: str = "en",
         services=None) -> SeedResult:
    """Run one complete capture session on ``store`` (a demo store) and return its consent."""
    from consent_app.session.biometrics import RealBiometrics
    from consent_app.store import meta

    with store.read() as conn:
        studio = meta.studio(conn)
    if not studio.demo:
        raise PolicyError(code="demo.real_store")
    if not admin.is_admin:
        raise AuthError(code="demo.admin_needed")
    cats.check_language(language)
    if len(voices) > 2:
        raise InputError(code="demo.too_many_recordings")
    notes: list[str] = []
    face_bytes = _read(Path(face), "face image")
    id_bytes = _read(Path(id_photo), "ID photo") if id_photo else face_bytes
    services = services or RealBiometrics(store)
    flow = CaptureFlow(store, admin, services)
    flow.set_subject(SubjectDetails(name, language))
    flow.next()
    flow.capture_id_document(id_bytes, _mime(Path(id_photo or face)))
    flow.next()
    check = flow.capture_face(face_bytes, _mime(Path(face)), source="file")
    flow.draw_challenge()
    from consent_app.biometrics.face.sources import StillImageSource
    from consent_app.biometrics.images import load_image

    rgb = load_image(face_bytes, name="face image").rgb
    still = StillImageSource(rgb, repeat=STILL_FRAMES, fps=STILL_FPS)
    liveness = flow.run_liveness(still)
    notes.append(f"face vs ID photo: distance {check.match.distance:.3f}, threshold "
                 f"{check.match.threshold:.3f}: {'match' if check.match.match else 'NO match'}")
    notes.append(f"liveness on the still image: {'passed' if liveness.passed else 'failed'} "
                 f"({liveness.reason})")
    reasons = [OVERRIDE_REASON]
    if id_photo is None:
        reasons.append(NO_ID_REASON)
    if not flow.identity_passed:
        flow.record_override(admin, "; ".join(reasons))
        notes.append("identity override recorded by " + admin.username + ": " + "; ".join(reasons))
    flow.next()
    if voices:
        flow.capture_voice(_read(Path(voices[0]), "voice sample"), _mime(Path(voices[0])), source="file")
        if len(voices) > 1:
            prompt = flow.draw_statement()
            try:  # the face photo stands in for the camera while the subject "speaks"
                statement = flow.capture_statement(_read(Path(voices[1]), "statement recording"),
                                                   _mime(Path(voices[1])), frames=[rgb], source="file")
            except PolicyError as exc:  # e.g. the voice sample given again as the statement
                notes.append(f"spoken statement refused: {exc.message}")
            else:
                # Nobody can attest in a seed (it runs as one staff member, with no second person to
                # hear the subject), so a statement in a language without a recogniser stays unverified.
                verdict = "passed" if statement.passed else "failed: " + "; ".join(statement.problems())
                notes.append(f"spoken statement (phrase {prompt.phrase!r}): {verdict}")
        else:
            notes.append("no statement recording given: voice edits are not part of this consent")
    flow.next()
    chosen = tuple(c for c, reason in flow.category_availability().items() if reason is None)
    rendered = flow.set_consent(list(chosen), demo_details(language))
    flow.acknowledge_terms(rendered.sha256)
    flow.go_to(Step.SUBJECT_SIGNATURE)
    flow.sign(signature.synthetic(name))
    flow.next()
    flow.countersign_by(admin, signature.synthetic(admin.username))
    return SeedResult(flow.finish(), chosen, notes)
