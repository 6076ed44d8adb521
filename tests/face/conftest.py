"""Session-wide caches for the face tests: decoded photos, encodings, the clip's landmarks."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def photos(faces_dir: Path) -> dict:
    """name -> upright RGB array of every shared photo."""
    from facehelpers import IDENTITIES

    from consent_app.biometrics.images import load_image

    return {name: load_image(faces_dir / name).rgb for name in IDENTITIES}


@pytest.fixture(scope="session")
def face_encodings(photos: dict) -> list[tuple[str, int, str, object]]:
    """(photo, face index, identity, encoding) for every face our pipeline finds."""
    from facehelpers import IDENTITIES

    from consent_app.biometrics.face.analysis import encode
    from consent_app.biometrics.face.detection import detect_faces

    out = []
    for name, rgb in photos.items():
        faces = detect_faces(rgb).faces
        if name == "two_people.jpg":
            faces = sorted(faces, key=lambda f: f.left)
            who = ("obama", "biden")
        else:
            who = IDENTITIES[name]
        assert len(faces) == len(who), name
        for i, box in enumerate(faces):
            out.append((name, i, who[i], encode(rgb, box)))
    return out


@pytest.fixture(scope="session")
def clip_trace(faces_dir: Path) -> list[tuple[float, object, int, float]]:
    """(time, landmarks or None, face count, face size) for every frame of the shared clip,
    computed the way CaptureSession.run_liveness does."""
    from consent_app.biometrics.face.analysis import landmarks
    from consent_app.biometrics.face.detection import detect_faces
    from consent_app.biometrics.face.preview import PREVIEW_PIXELS
    from consent_app.biometrics.face.sources import VideoFileSource, frames

    trace = []
    with VideoFileSource(faces_dir / "short_hamilton_clip.mp4") as src:
        for frame in frames(src):
            det = detect_faces(frame.rgb, target_pixels=PREVIEW_PIXELS, escalate=0, max_scale=1.0)
            lm, px = None, 0.0
            if len(det.faces) == 1:
                lm = landmarks(frame.rgb, det.faces[0])
                px = float(min(det.faces[0].width, det.faces[0].height))
            trace.append((frame.timestamp, lm, len(det.faces), px))
    return trace
