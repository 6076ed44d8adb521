"""The real :class:`~consent_app.session.services.BiometricServices`: the face and voice cores.

A thin adapter: it calls the face core (ID portrait, gated live capture, 1:1 match, liveness
challenge) and the voice core (gated enrolment sample, spoken statement check) and turns their
results into the flow's evidence values. Thresholds are the studio's (settings), read when the
adapter is made. numpy, dlib and onnxruntime load on first use, never at import.
"""

from __future__ import annotations

from typing import Any

from consent_app.errors import InputError
from consent_app.session.evidence import (
    Duplicate,
    DuplicateCheck,
    FaceCapture,
    FaceMatch,
    IdDocument,
    Liveness,
    Sample,
    Statement,
    Template,
    VoiceCapture,
)
from consent_app.session.services import Challenge, StatementPrompt

_VOICE_MIMES = ("audio/flac", "audio/wav", "audio/x-wav", "audio/wave", "audio/ogg", "audio/aiff")


def _face_quality(report) -> dict:
    if report is None:
        return {}
    return {g.code: {"passed": g.passed, "value": None if g.value is None else round(float(g.value), 4),
                     "limit": g.limit} for g in report.gates}


class RealBiometrics:
    """Face and voice cores behind the flow's interface. ``store`` gives the studio's thresholds."""

    def __init__(self, store=None, *, face_threshold: float | None = None,
                 voice_threshold: float | None = None, challenge_length: int = 3) -> None:
        from consent_app import settings

        face_default, voice_default = 0.50, 0.845
        if store is not None:
            with store.read() as conn:
                face_default = float(settings.get(conn, "face.match_threshold", face_default))
                voice_default = float(settings.get(conn, "voice.match_threshold", voice_default))
        self.face_threshold = face_threshold if face_threshold is not None else face_default
        self.voice_threshold = voice_threshold if voice_threshold is not None else voice_default
        self.challenge_length = challenge_length
        self.store = store
        #: ``face_encoder(rgb, box)`` encodes the challenge frames the liveness check compares with the
        #: captured face (None: dlib's encoder here). The app hands them to its helper process: the
        #: encoder holds Python's GIL for 70–180 ms a frame.
        self.face_encoder = None
        #: ``frame_analyser(rgb)`` finds a challenge frame's faces and landmarks (None: the face
        #: core's ``capture.liveness_frame`` here). The app runs it in its helper process: dlib's
        #: detector holds Python's GIL for its whole run (10–60 ms a frame).
        self.frame_analyser = None
        self._challenges: dict[str, Any] = {}

    # -- face --------------------------------------------------------------------------------------
    def read_id_document(self, data: bytes, mime: str) -> IdDocument:
        from consent_app.biometrics.face import records
        from consent_app.biometrics.face.document import (
            DOCUMENT_ANALYSIS_PIXELS,
            find_portrait,
            portrait_quality,
        )
        from consent_app.biometrics.images import load_image

        # a large JPEG is decoded reduced (the portrait needs no 12 MP); the original bytes are the sample
        image = load_image(data, name="ID document", enough_pixels=DOCUMENT_ANALYSIS_PIXELS)
        portrait = find_portrait(image.rgb)
        k = image.reduced_by
        box = portrait.box_on_document
        return IdDocument(
            Sample("id_document", mime, bytes(data)),
            Template("face", portrait.sample.model, records.to_bytes(portrait.sample.encoding)),
            {"faces_on_document": portrait.faces_on_document, "upscale": round(portrait.upscale, 3),
             "box": {"top": box.top * k, "right": box.right * k, "bottom": box.bottom * k,
                     "left": box.left * k},
             "exif_rotated": image.exif_rotated, "decoded_at": f"1/{k}",
             "quality": portrait_quality(portrait, k).to_dict()},
        )

    def capture_face(self, data: bytes, mime: str) -> FaceCapture:
        from consent_app.biometrics.face import records
        from consent_app.biometrics.face.analysis import encode_single
        from consent_app.biometrics.images import load_image

        image = load_image(data, name="live capture")
        face = encode_single(image.rgb, label="live capture", gates=True)
        return FaceCapture(Sample("face", mime, bytes(data)),
                           Template("face", face.model, records.to_bytes(face.encoding)),
                           _face_quality(face.quality))

    def compare_faces(self, id_document: IdDocument, face: FaceCapture) -> FaceMatch:
        from consent_app.biometrics.face import matching, records

        result = matching.compare(records.from_bytes(id_document.portrait.vector),
                                  records.from_bytes(face.template.vector), self.face_threshold,
                                  model=face.template.model)
        return FaceMatch(result.match, result.distance, result.threshold, result.model, result.compared_at)

    def find_duplicates(self, face: FaceCapture, subject_id: str | None) -> DuplicateCheck | None:
        """1:N search of the live face over every enrolled face (other subjects only)."""
        if self.store is None:
            return None
        from consent_app.biometrics.face import records

        with self.store.read() as conn:
            index = records.build_index(conn)
            hits = records.find_duplicates(conn, records.from_bytes(face.template.vector),
                                           subject_id=subject_id, threshold=self.face_threshold, index=index)
        return DuplicateCheck(self.face_threshold, len(index), face.template.model,
                              tuple(Duplicate(h.subject_id, h.display_name, h.distance, h.station_name)
                                    for h in hits))

    def verify_returning(self, subject_id: str, face: FaceCapture) -> FaceMatch | None:
        """A returning subject's live face against their enrolled templates (None: none enrolled)."""
        if self.store is None:
            return None
        from consent_app.biometrics.face import records

        with self.store.read() as conn:
            if not records.face_templates(conn, subject_id):
                return None
            result = records.verify_returning(conn, subject_id, records.from_bytes(face.template.vector),
                                              self.face_threshold)
        return FaceMatch(result.match, result.distance, result.threshold, result.model, result.compared_at,
                         method="face_vs_enrolled")

    def draw_challenge(self) -> Challenge:
        from consent_app.biometrics.face.liveness import Challenge as FaceChallenge
        from consent_app.biometrics.face.liveness import LivenessConfig

        drawn = FaceChallenge.draw(self.challenge_length)
        self._challenges[drawn.nonce] = drawn
        return Challenge(drawn.steps, drawn.nonce, LivenessConfig().total_timeout)

    def face_challenge(self, challenge: Challenge):
        """The face core's ``liveness.Challenge`` behind ``challenge``, for a wizard that feeds its
        preview frames' landmarks to a ``LivenessChecker`` itself (then: ``liveness_from_result``
        and ``flow.record_liveness``)."""
        drawn = self._challenges.get(challenge.nonce)
        if drawn is None:
            raise InputError(code="session.foreign_challenge")
        return drawn

    def check_liveness(self, challenge: Challenge, frames: Any, face: FaceCapture) -> Liveness:
        """``frames``: a face-core ``FrameSource`` (camera, video file, still image), or the
        landmarks the wizard's preview worker already measured, as ``(t, landmarks, faces,
        face_px[, rgb])`` tuples in time order. Every frame's face must be ``face`` (see
        ``face.liveness_identity``): tuples without the frame's pixels cannot prove that, and a
        challenge fed only those fails."""
        from consent_app.biometrics.face import liveness_identity as bound
        from consent_app.biometrics.face.capture import CaptureSession
        from consent_app.biometrics.face.liveness import LivenessChecker

        drawn = self._challenges.get(challenge.nonce)
        if drawn is None:
            raise InputError(code="session.foreign_challenge")
        if hasattr(frames, "read"):
            result = CaptureSession().run_liveness(frames, drawn, identity=self.identity_guard(face),
                                                   analyser=self.frame_analyser)
            return liveness_from_result(result, face)
        guard = self.identity_guard(face, encoder=_detect_and_encode)
        checker = LivenessChecker(drawn)
        last = None
        for frame in frames:
            t, landmarks, faces, face_px = frame[:4]
            rgb = frame[4] if len(frame) > 4 else None
            last = t
            bound.feed(checker, guard, t, rgb, landmarks, faces, face_px)
            if checker.done:
                break
        return liveness_from_result(bound.finish(checker, guard, last), face)

    def identity_guard(self, face: FaceCapture, encoder=None):
        """The guard comparing challenge frames with ``face`` at the studio's face threshold."""
        from consent_app.biometrics.face import records
        from consent_app.biometrics.face.liveness_identity import IdentityGuard

        return IdentityGuard(records.from_bytes(face.template.vector), self.face_threshold,
                             model=face.template.model, encoder=encoder or self.face_encoder)

    # -- voice --------------------------------------------------------------------------------------
    def capture_voice(self, data: bytes, mime: str) -> VoiceCapture:
        from consent_app.biometrics import audio
        from consent_app.biometrics.voice import records, verify

        recording = audio.load(bytes(data), name="voice sample")
        enrolment = records.prepare_enrolment(recording)
        return VoiceCapture(Sample("voice", records.MIME, enrolment.flac),
                            Template("voice", verify.MODEL_NAME, verify.to_bytes(enrolment.vector)),
                            enrolment.report.as_dict())

    def draw_statement(self, language: str) -> StatementPrompt:
        from consent_app.biometrics.voice import statement

        built = statement.build(language)
        return StatementPrompt(built.language, built.text, built.phrase)

    def check_statement(self, voice: VoiceCapture, prompt: StatementPrompt, data: bytes, mime: str,
                        frames: Any = None, face: FaceCapture | None = None) -> Statement:
        """The statement recording: refused (coded ``PolicyError``) when it is, or is cut from, the
        voice sample; then the speaker, the words (where a recogniser exists) and the camera's
        ``frames`` taken while the subject spoke against the captured ``face``."""
        from consent_app.biometrics import audio
        from consent_app.biometrics.voice import evidence, replay, statement, verify

        recording = audio.load(bytes(data), name="consent statement")
        built = statement.build(prompt.language, prompt.phrase)
        if built.text != prompt.text:
            raise InputError(code="session.statement_changed")
        sample = audio.load(voice.sample.data, name="voice sample")
        not_replayed = replay.refuse_replayed(recording, bytes(data), [(sample, voice.sample.data)])
        face_check = self.speaking_face(frames, face) if frames is not None and face is not None else None
        result = evidence.check(recording, built, verify.from_bytes(voice.template.vector),
                                self.voice_threshold)
        ev = result.evidence
        return Statement(
            sample=Sample("statement", "audio/flac", result.flac), language=prompt.language, text=prompt.text,
            phrase=prompt.phrase, speaker_match=bool(ev["speaker_match"]),
            speaker_similarity=float(ev["speaker_similarity"]), speaker_threshold=float(ev["threshold"]),
            transcript_score=ev["score"] if ev["words_verified"] is not None else None,
            transcript_threshold=ev["score_threshold"],
            recogniser=str(ev["asr"]),
            words_verified=ev["words_verified"],
            details={k: ev[k] for k in ("phrase_score", "phrase_threshold", "transcript", "quality",
                                        "recording_seconds", "statement_sha256", "unknown_words")},
            face_check=face_check, replay_check=not_replayed,
        )

    def speaking_face(self, frames: Any, face: FaceCapture) -> dict:
        """The camera's frames while the subject spoke, against the captured face."""
        from consent_app.biometrics.face import records
        from consent_app.biometrics.face.liveness_identity import compare_frames

        return compare_frames(list(frames), records.from_bytes(face.template.vector), self.face_threshold)


def liveness_from_result(result, face: FaceCapture | None = None) -> Liveness:
    """The flow's :class:`Liveness` from the face core's ``LivenessResult`` (bound to ``face``
    when its frames were compared with it)."""
    data = result.to_dict()
    details = {"steps": data["steps"], "frames": data["frames"], "frames_with_face": data["frames_with_face"],
               "duration": data["duration"], "model": data["model"], "frames_sha256": data["frames_sha256"]}
    identity = data["extra"].get("identity")
    if identity is not None:
        details["identity"] = identity
    frames = tuple(Sample("liveness_frame", "image/jpeg", f.jpeg) for f in result.evidence)
    bound = face is not None and identity is not None
    return Liveness(bool(result.passed), tuple(result.challenge), result.nonce, details, reason=result.reason,
                    code=result.code, params=dict(result.params),
                    face_template_sha256=face.template.sha256 if bound else "", frames=frames)


def _detect_and_encode(rgb, _box):
    """For frames handed over as pixels only: find the one face, then encode it."""
    from consent_app.biometrics.face.analysis import encode, single_face
    from consent_app.biometrics.face.detection import detect_faces

    return encode(rgb, single_face(detect_faces(rgb), "challenge frame"))
