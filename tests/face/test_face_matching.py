"""Calibrated 1:1 threshold, returning-subject verification, exact 1:N search, ID portrait."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from consent_app.biometrics.face import matching
from consent_app.biometrics.face.index import TemplateIndex


def _pairs(face_encodings):
    same, diff = [], []
    for a, b in itertools.combinations(face_encodings, 2):
        d = matching.distance(a[3], b[3])
        (same if a[2] == b[2] else diff).append(d)
    return same, diff


def test_default_threshold_separates_the_shared_photos(face_encodings):
    same, diff = _pairs(face_encodings)
    assert len(same) >= 60
    assert len(diff) >= 50
    t = matching.DEFAULT_THRESHOLD
    # No false match and no false non-match on the shared photos, and a clear margin below the
    # closest pair of different people (a false match is the costly error here).
    assert max(same) < t < min(diff)
    assert min(diff) - t >= 0.1
    assert t < 0.6  # stricter than face_recognition's default


def test_compare_result_carries_evidence_fields(face_encodings):
    by = {(n, i): e for n, i, _w, e in face_encodings}
    r = matching.compare(by[("obama.jpg", 0)], by[("obama3.jpg", 0)])
    assert r.match
    assert r.distance < r.threshold == matching.DEFAULT_THRESHOLD
    d = r.to_dict()
    assert set(d) >= {"match", "distance", "threshold", "model", "compared_at"}
    assert d["model"].startswith("dlib_face_recognition_resnet_model_v1")
    r2 = matching.compare(by[("obama.jpg", 0)], by[("biden.jpg", 0)])
    assert not r2.match
    assert r2.distance > 0.6


def test_threshold_range_is_enforced():
    assert matching.check_threshold(0.45) == 0.45
    for bad in (0.1, 0.9, float("nan")):
        with pytest.raises(ValueError, match="between"):
            matching.check_threshold(bad)


def test_returning_subject_is_verified_against_enrolled_templates(face_encodings):
    by = {(n, i): e for n, i, _w, e in face_encodings}
    enrolled = [("t-obama-1", by[("obama.jpg", 0)]), ("t-obama-2", by[("obama2.jpg", 0)])]
    live = by[("obama-720p.jpg", 0)]
    r = matching.verify_against(live, enrolled)
    assert r.match
    assert r.kind == "1:enrolled"
    assert r.template_id in {"t-obama-1", "t-obama-2"}
    assert not matching.verify_against(by[("biden.jpg", 0)], enrolled).match
    with pytest.raises(ValueError, match="no enrolled"):
        matching.verify_against(live, [])


def test_index_nearest_equals_brute_force_random():
    import face_recognition

    rng = np.random.default_rng(7)
    mat = rng.normal(0, 0.09, (50_000, 128)).astype(np.float32)
    idx = TemplateIndex.from_matrix(list(range(len(mat))), mat)
    for _ in range(20):
        q = rng.normal(0, 0.09, 128).astype(np.float32)
        ref = face_recognition.face_distance(mat, q)
        hits = idx.nearest(q, k=3)
        assert hits[0].key == int(np.argmin(ref))
        assert [h.key for h in hits] == list(np.argsort(ref)[:3])
        assert abs(hits[0].distance - float(ref.min())) < 1e-5


def test_index_parallel_path_and_near_duplicates(monkeypatch):
    from consent_app.biometrics.face import index as index_mod

    monkeypatch.setattr(index_mod, "_PARALLEL_MIN", 1000)
    rng = np.random.default_rng(3)
    mat = rng.normal(0, 0.09, (20_000, 128)).astype(np.float32)
    target = mat[12345].copy()
    mat[777] = target + 1e-6  # a near-tie that float32 expansion alone could misorder
    idx = TemplateIndex.from_matrix(list(range(len(mat))), mat)
    hits = idx.nearest(target, k=2)
    assert [h.key for h in hits] == [12345, 777]


def test_index_add_grow_and_within(face_encodings):
    idx = TemplateIndex(capacity=2)
    for n, i, who, e in face_encodings:
        idx.add((n, i, who), e)
    assert len(idx) == len(face_encodings)
    probe = next(e for n, _i, _w, e in face_encodings if n == "obama-1080p.jpg")
    hits = idx.within(probe, matching.DEFAULT_THRESHOLD)
    assert hits
    assert all(h.key[2] == "obama" for h in hits)
    assert hits == sorted(hits, key=lambda h: h.distance)
    assert hits[0].key[0] == "obama-1080p.jpg"
    assert hits[0].distance < 1e-5
    with pytest.raises(ValueError, match="128"):
        idx.add("bad", np.zeros(5))
    assert TemplateIndex().nearest(probe) == []


def _id_card(photos: dict) -> np.ndarray:
    """A synthetic ID card photographed on a desk: main portrait, a small ghost image, text."""
    import cv2

    card = np.full((700, 1100, 3), (225, 232, 240), np.uint8)
    cv2.rectangle(card, (0, 0), (1099, 90), (40, 70, 140), -1)
    cv2.putText(card, "RESIDENT IDENTITY CARD", (60, 60), cv2.FONT_HERSHEY_SIMPLEX, 1.4,
                (255, 255, 255), 3)
    for k, line in enumerate(("NAME  SAMPLE PERSON", "BORN  1961-08-04", "NO. 0000 0000 0000")):
        cv2.putText(card, line, (60, 200 + 70 * k), cv2.FONT_HERSHEY_SIMPLEX, 1.1, (30, 30, 30), 2)
    face = photos["obama.jpg"][60:560, 250:760]
    portrait = cv2.resize(face, (300, 294))
    card[160:454, 740:1040] = portrait
    ghost = cv2.cvtColor(cv2.cvtColor(cv2.resize(face, (140, 137)), cv2.COLOR_RGB2GRAY),
                         cv2.COLOR_GRAY2RGB)
    card[520:657, 560:700] = ghost
    desk = np.full((1080, 1920, 3), (90, 80, 70), np.uint8)
    desk[190:890, 410:1510] = card
    return desk


def test_id_document_portrait_is_found_and_matches(photos: dict, face_encodings):
    from consent_app.biometrics.face.document import find_portrait

    doc = _id_card(photos)
    portrait = find_portrait(doc)
    assert portrait.faces_on_document >= 1
    box = portrait.box_on_document
    assert 410 + 740 <= box.center[0] <= 410 + 1040  # the main portrait, not the ghost
    by = {(n, i): e for n, i, _w, e in face_encodings}
    assert matching.compare(portrait.sample.encoding, by[("obama2.jpg", 0)]).match
    assert not matching.compare(portrait.sample.encoding, by[("biden.jpg", 0)]).match


def test_id_document_small_portrait_is_enlarged(photos: dict, face_encodings):
    import cv2

    from consent_app.biometrics.face.document import find_portrait

    doc = cv2.resize(_id_card(photos), (960, 540), interpolation=cv2.INTER_AREA)
    portrait = find_portrait(doc)
    assert portrait.upscale > 1
    by = {(n, i): e for n, i, _w, e in face_encodings}
    assert matching.compare(portrait.sample.encoding, by[("obama3.jpg", 0)]).match


def test_id_document_without_portrait():
    from consent_app.biometrics.face.document import find_portrait
    from consent_app.biometrics.face.errors import NoFaceError

    with pytest.raises(NoFaceError, match="no portrait found"):
        find_portrait(np.full((600, 900, 3), 200, np.uint8))


def test_index_int8_first_pass_is_exact(monkeypatch):
    """The quantised first pass (large indexes) returns the same neighbours as a float64 scan,
    including near-ties that int8 rounding alone could swap."""
    import face_recognition

    from consent_app.biometrics.face import index as index_mod

    monkeypatch.setattr(index_mod, "_QUANTIZED_MIN", 1000)
    rng = np.random.default_rng(11)
    mat = rng.normal(0, 0.09, (30_000, 128)).astype(np.float32)
    target = mat[4242].copy()
    mat[17] = target + rng.normal(0, 1e-4, 128).astype(np.float32)  # nearly the same face
    idx = TemplateIndex.from_matrix(list(range(len(mat))), mat)
    idx.prepare()
    assert idx._int8 is not None
    probe = target + rng.normal(0, 5e-5, 128).astype(np.float32)
    ref = np.linalg.norm(mat.astype(np.float64) - probe.astype(np.float64), axis=1)
    hits = idx.nearest(probe, k=2)
    assert [h.key for h in hits] == list(np.argsort(ref)[:2])
    for _ in range(15):
        q = rng.normal(0, 0.09, 128).astype(np.float32)
        hits = idx.nearest(q, k=3)
        ref = face_recognition.face_distance(mat, q)
        assert [h.key for h in hits] == list(np.argsort(ref)[:3])
    idx.add("new", probe)  # adding invalidates the int8 copy; the next query rebuilds it
    assert idx.nearest(probe)[0].key == "new"
