"""Who is in a file and which receipt made it, when its marks are gone: face, voice and perceptual hash.

* Faces: every face in an image, or in frames sampled once a second from a video, against the
  enrolled subjects (the 1:N face index, the studio's face threshold).
* Voice: the recording's speech against every subject's voice template (the studio's threshold).
* Receipts: the file's SHA-256 and its perceptual hashes (image, or one per second of video) against
  the imported usage receipts.

A face or voice match tells who is depicted, never whether the use was authorised.
"""

from __future__ import annotations

import io

from consent_app.errors import ConsentAppError
from consent_app.messages import Message, define

MESSAGES = define(
    {
        "provenance.face_match": (
        "face matches enrolled subject {subject} (distance {distance:.3f}, threshold {threshold})"
    ),
        "provenance.voice_match": "voice matches enrolled subject {subject} (similarity {similarity:.3f}, "
        "threshold {threshold})",
        "provenance.face_match_at": "face matches subject {subject} enrolled at station {station} (distance "
        "{distance:.3f}, threshold {threshold})",
        "provenance.voice_match_at": "voice matches subject {subject} enrolled at station {station} "
        "(similarity {similarity:.3f}, threshold {threshold})",
        "provenance.receipt_match": "matches usage receipt {produce} ({how})",
        "provenance.no_faces": "no face found in the searched {what}",
        "provenance.not_decoded": "faces not searched: the {what} cannot be decoded ({reason})",
        "provenance.no_voice": "voice not searched: {reason}",
        "provenance.no_subject": "no enrolled subject matches",
    }
)

MAX_FRAMES = 10


def _ffmpeg_error() -> type[Exception]:
    import av

    return av.error.FFmpegError


def _frames(data: bytes, kind: str, name: str) -> list:
    if kind == "image":
        from consent_app.biometrics.images import load_image

        return [load_image(data, name=name).rgb]
    from consent_app.marking.video import video_frames

    return video_frames(data, MAX_FRAMES)


def search_faces(conn, data: bytes, kind: str, name: str, notes: list[Message]) -> list[dict]:
    from consent_app.biometrics.face.analysis import encode
    from consent_app.biometrics.face.detection import detect_faces
    from consent_app.biometrics.face.records import build_index, find_duplicates, match_threshold

    try:
        frames = _frames(data, kind, name)
    except (ConsentAppError, ValueError, OSError, _ffmpeg_error()) as exc:
        from consent_app.marking.media import av_detail

        reason = av_detail(exc) if isinstance(exc, _ffmpeg_error()) else str(exc)
        notes.append(Message("provenance.not_decoded", {"what": kind, "reason": reason}))
        return []
    threshold = match_threshold(conn)
    index = build_index(conn)
    best: dict[str, dict] = {}
    faces = 0
    for n, rgb in enumerate(frames):
        for box in detect_faces(rgb).faces:
            faces += 1
            for hit in find_duplicates(conn, encode(rgb, box), threshold=threshold, index=index):
                known = best.get(hit.subject_id)
                if known is None or hit.distance < known["distance"]:
                    best[hit.subject_id] = {
                        "subject": hit.subject_id,
                        "distance": round(hit.distance, 4),
                        "threshold": threshold,
                        "frame": n,
                    }
                    if hit.station is not None:  # enrolled at another station of the studio
                        best[hit.subject_id].update(station=hit.station, station_name=hit.station_name)
    if faces == 0:
        notes.append(Message("provenance.no_faces", {"what": kind}))
    for match in sorted(best.values(), key=lambda m: m["distance"]):
        params = {"subject": match["subject"], "distance": match["distance"], "threshold": threshold}
        if "station" in match:
            notes.append(Message("provenance.face_match_at", {**params, "station": match["station_name"]}))
        else:
            notes.append(Message("provenance.face_match", params))
    return sorted(best.values(), key=lambda m: m["distance"])


def _audio(data: bytes, fmt: str, name: str):
    from consent_app.biometrics import audio

    if fmt == "mp3":
        import soundfile as sf

        from consent_app.marking.media import load_audio

        samples, rate, _ = load_audio(name, fmt, data)
        buf = io.BytesIO()
        sf.write(buf, samples, rate, format="WAV", subtype="FLOAT")
        data = buf.getvalue()
    return audio.load(data, name=name)


def search_voice(conn, data: bytes, fmt: str, name: str, notes: list[Message]) -> list[dict]:
    import numpy as np

    from consent_app.biometrics.voice import quality
    from consent_app.biometrics.voice import verify as voice
    from consent_app.biometrics.voice.records import match_threshold, voice_templates

    try:
        probe, _report = voice.embed_checked(_audio(data, fmt, name), quality.MIN_SPEECH_PROBE, name)
    except ConsentAppError as exc:
        notes.append(Message("provenance.no_voice", {"reason": exc.message}))
        return []
    threshold = match_threshold(conn)
    probe = np.asarray(probe, dtype=np.float64)
    unit_probe = probe / np.linalg.norm(probe)  # once, not per template
    matches = []
    best: dict[str, tuple[float, str | None]] = {}
    for subject_id, blob, station in voice_templates(conn):
        template = np.asarray(voice.from_bytes(blob), dtype=np.float64)
        score = float(np.dot(template / np.linalg.norm(template), unit_probe))
        if score >= threshold and score > best.get(subject_id, (-1.0, None))[0]:
            best[subject_id] = (score, station)
    for subject_id, (score, station) in sorted(best.items(), key=lambda kv: -kv[1][0]):
        params = {"subject": subject_id, "similarity": score, "threshold": threshold}
        match = {"subject": subject_id, "similarity": round(score, 4), "threshold": threshold}
        if station is None:
            notes.append(Message("provenance.voice_match", params))
        else:
            from consent_app.studio.templates import station_name

            match.update(station=station, station_name=station_name(conn, station))
            notes.append(Message("provenance.voice_match_at", {**params, "station": match["station_name"]}))
        matches.append(match)
    return matches


def file_phashes(data: bytes, kind: str) -> list[str]:
    from consent_app.marking.phash import dhash

    if kind == "image":
        from PIL import Image

        return [dhash(Image.open(io.BytesIO(data)))]
    if kind == "video":
        from consent_app.marking.video import video_phashes

        return video_phashes(data)
    return []


def search_receipts(conn, data: bytes, sha256: str, kind: str, notes: list[Message]) -> list[dict]:
    from consent_app.marking.phash import MATCH_BITS, distance
    from consent_app.provenance.ledger import all_uses

    uses = all_uses(conn)
    if not uses:
        return []
    try:
        hashes = file_phashes(data, kind)
    except (OSError, ValueError, _ffmpeg_error()):
        hashes = []
    found = []
    for use in uses:
        if use.output_sha256 == sha256:
            how = {"method": "sha256"}
        elif hashes and use.phashes:
            # a video matches when most of its per-second hashes are close to the receipt's
            close = sum(1 for h in hashes if min(distance(h, k) for k in use.phashes) <= MATCH_BITS)
            if close == 0 or close * 2 < min(len(hashes), len(use.phashes)):
                continue
            how = {"method": "perceptual hash", "close": close, "of": len(hashes)}
        else:
            continue
        found.append({**use.as_dict(), **how})
        notes.append(Message("provenance.receipt_match", {"produce": use.produce_id, "how": how["method"]}))
    return found
