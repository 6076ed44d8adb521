"""Detection on a downscaled copy finds the same faces as face_recognition's full-size scan;
each quality gate fires with its own message."""

from __future__ import annotations

import numpy as np
import pytest
from facehelpers import IDENTITIES, synth_landmarks

from consent_app.biometrics.face import analysis
from consent_app.biometrics.face.detection import FaceBox, detect_faces
from consent_app.biometrics.face.errors import MultipleFacesError, NoFaceError, QualityError
from consent_app.biometrics.face.quality import QualityThresholds, assess


def _iou(a: FaceBox, b: FaceBox) -> float:
    ih = max(0, min(a.bottom, b.bottom) - max(a.top, b.top))
    iw = max(0, min(a.right, b.right) - max(a.left, b.left))
    inter = ih * iw
    return inter / (a.area + b.area - inter)


def test_same_faces_as_naive_full_size_scan(photos: dict):
    import face_recognition

    for name in IDENTITIES:
        rgb = photos[name]
        naive = [FaceBox(*css) for css in face_recognition.face_locations(rgb)]
        ours = detect_faces(rgb).faces
        assert len(ours) == len(naive), name
        for box in naive:
            assert max(_iou(box, o) for o in ours) > 0.5, name


def test_detection_scans_a_small_copy_of_large_images(photos: dict):
    det = detect_faces(photos["obama-1080p.jpg"])
    assert det.scale < 0.5
    assert det.passes == 1
    assert det.upsample == 0
    small = detect_faces(photos["obama_small.jpg"])
    assert small.scale > 1  # small images are enlarged so their faces stay findable


def test_escalation_finds_small_faces_the_first_pass_misses(photos: dict):
    import cv2

    # Paste a 90-px face into a large empty canvas: too small for the 640x360-pixel first pass.
    face = cv2.resize(photos["obama_small.jpg"], (160, 120))
    canvas = np.full((1600, 2400, 3), 90, np.uint8)
    canvas[700:820, 1100:1260] = face
    assert detect_faces(canvas, escalate=0).faces == []
    det = detect_faces(canvas, escalate=2)
    assert len(det.faces) == 1
    assert det.passes >= 2
    box = det.faces[0]
    assert 1100 <= box.center[0] <= 1260
    assert 700 <= box.center[1] <= 820


def test_encode_single_errors(photos: dict):
    with pytest.raises(NoFaceError, match="no face found"):
        analysis.encode_single(np.full((480, 640, 3), 128, np.uint8), label="blank.jpg")
    with pytest.raises(MultipleFacesError, match="2 faces found"):
        analysis.encode_single(photos["two_people.jpg"], label="two_people.jpg")


def _one(rgb):
    det = detect_faces(rgb)
    assert len(det.faces) == 1
    return det.faces


def test_good_photo_passes_every_gate(photos: dict):
    rgb = photos["obama.jpg"]
    faces = _one(rgb)
    report = assess(rgb, faces, analysis.landmarks(rgb, faces[0]))
    assert report.ok, report.to_dict()
    assert {g.code for g in report.gates} == {
        "face_too_small", "too_dark", "too_bright", "too_blurred", "looking_away"}
    sample = analysis.encode_single(rgb, gates=True)
    assert sample.quality is not None
    assert sample.quality.ok
    assert sample.encoding.shape == (128,)


def test_gate_no_face_and_multiple_faces(photos: dict):
    assert assess(np.zeros((10, 10, 3), np.uint8), []).code == "no_face"
    rgb = photos["two_people.jpg"]
    report = assess(rgb, detect_faces(rgb).faces)
    assert report.code == "multiple_faces"
    assert "2 faces in view" in report.message


def test_gate_face_too_small(photos: dict):
    rgb = photos["obama-240p.jpg"]  # the face is ~60 px wide
    with pytest.raises(QualityError, match="Face too small") as info:
        analysis.encode_single(rgb, gates=True)
    assert info.value.code == "face_too_small"


def test_gate_too_blurred(photos: dict):
    import cv2

    rgb = photos["obama.jpg"]
    faces = _one(rgb)
    blurred = cv2.GaussianBlur(rgb, (0, 0), faces[0].width * 0.02)
    report = assess(blurred, faces)
    assert report.code == "too_blurred"
    assert "blurred" in report.message


@pytest.mark.parametrize(("factor", "offset", "code"), [(0.25, 0, "too_dark"),
                                                         (0.3, 190, "too_bright")])
def test_gate_too_dark_or_bright(photos: dict, factor: float, offset: int, code: str):
    rgb = photos["obama.jpg"]
    faces = _one(rgb)
    changed = np.clip(rgb.astype(np.float32) * factor + offset, 0, 255).astype(np.uint8)
    report = assess(changed, faces)
    assert report.code == code
    assert report.failures[0].message.startswith("Face too " + code.split("_")[1])


def test_gate_looking_away(photos: dict):
    rgb = photos["obama.jpg"]
    faces = _one(rgb)
    frontal = assess(rgb, faces, synth_landmarks())
    assert frontal.ok
    turned = assess(rgb, faces, synth_landmarks(yaw=0.35))
    assert turned.code == "looking_away"
    assert "turned" in turned.message
    nodded = assess(rgb, faces, synth_landmarks(pitch=-0.4))
    assert nodded.code == "looking_away"
    assert "tilted" in nodded.message


def test_real_turned_head_in_the_clip_is_looking_away(clip_trace):
    from consent_app.biometrics.face.geometry import head_pose

    yaws = [head_pose(lm).yaw for _t, lm, n, _px in clip_trace if lm is not None and n == 1]
    t = QualityThresholds()
    assert min(yaws) < -t.max_yaw  # the subject turns away in the clip...
    assert any(abs(y) < 0.05 for y in yaws)  # ...and faces the camera at other times


def test_shared_photos_pass_size_light_and_sharpness_gates(photos: dict):
    checked = 0
    for name, who in IDENTITIES.items():
        faces = detect_faces(photos[name]).faces
        if len(who) != 1 or min(faces[0].width, faces[0].height) < 80:
            continue
        report = assess(photos[name], faces)
        assert report.ok, (name, report.to_dict())
        checked += 1
    assert checked >= 12
