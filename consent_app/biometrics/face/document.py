"""ID document portrait: find the holder's photo on an ID card / passport image and encode it.

The portrait is the largest face on the document (cards often carry a smaller "ghost" copy). It is
cropped with a margin, enlarged when small so the landmark model sees enough pixels, re-detected
on the crop and encoded there.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from consent_app.biometrics.face.analysis import FaceSample, encode
from consent_app.biometrics.face.detection import FaceBox, detect_faces
from consent_app.biometrics.face.errors import NoFaceError
from consent_app.messages import Message

#: Margin around the face box, as a fraction of its size, kept on each side of the crop.
MARGIN = 0.6
#: Faces smaller than this (px) are enlarged to it before encoding (at most 4×).
MIN_PORTRAIT_FACE = 200
#: Pixels scanned by the first detection pass on a document (about 1280×960): the portrait is a small
#: part of a document photo, and at the live camera's 640×360 it would often be missed, costing a
#: second and third pass.
DOCUMENT_DETECT_PIXELS = 1280 * 960
#: Pixels a document photo is decoded to for the portrait search (a 12 MP JPEG is decoded at 1/2).
DOCUMENT_ANALYSIS_PIXELS = 2_500_000


@dataclass(frozen=True)
class DocumentPortrait:
    sample: FaceSample  # encoded on the crop; sample.box is in crop coordinates
    box_on_document: FaceBox
    faces_on_document: int
    crop: np.ndarray  # the portrait crop (RGB), kept in memory for evidence
    upscale: float


def find_portrait(document_rgb: np.ndarray, *, label: str = "ID document") -> DocumentPortrait:
    """Locate and encode the portrait; NoFaceError when the document shows no face."""
    import cv2

    det = detect_faces(document_rgb, target_pixels=DOCUMENT_DETECT_PIXELS, escalate=2)
    if not det.faces:
        raise NoFaceError(
            f"{label}: no portrait found; photograph the whole document, flat, without glare",
            coded=Message("face.no_portrait"),
        )
    main = max(det.faces, key=lambda f: f.area)  # detect_faces sorts by area already
    h, w = document_rgb.shape[:2]
    mx, my = round(main.width * MARGIN), round(main.height * MARGIN)
    top, bottom = max(0, main.top - my), min(h, main.bottom + my)
    left, right = max(0, main.left - mx), min(w, main.right + mx)
    crop = np.ascontiguousarray(document_rgb[top:bottom, left:right])
    side = max(1, min(main.width, main.height))
    up = min(4.0, MIN_PORTRAIT_FACE / side) if side < MIN_PORTRAIT_FACE else 1.0
    if up > 1.0:
        crop = cv2.resize(crop, (round(crop.shape[1] * up), round(crop.shape[0] * up)),
                          interpolation=cv2.INTER_CUBIC)
    local = detect_faces(crop, escalate=2)
    if local.faces:
        box = max(local.faces, key=lambda f: f.area)
    else:  # the detector found it on the whole document: reuse that box
        box = FaceBox(
            round((main.top - top) * up), round((main.right - left) * up),
            round((main.bottom - top) * up), round((main.left - left) * up),
        )
    sample = FaceSample(box=box, encoding=encode(crop, box), image_size=(crop.shape[1],
                        crop.shape[0]))
    return DocumentPortrait(sample, main, len(det.faces), crop, up)


def portrait_quality(portrait: DocumentPortrait, reduced_by: int = 1):
    """The portrait's quality verdict: size on the original photo, brightness and sharpness of the face.

    ``reduced_by``: the decode reduction of the analysed image (the size gate counts original pixels).
    """
    from consent_app.biometrics.face.quality import Gate, QualityReport, QualityThresholds, assess

    limits = QualityThresholds()
    report = assess(portrait.crop, [portrait.sample.box], None, limits)
    side = min(portrait.box_on_document.width, portrait.box_on_document.height) * reduced_by
    gates = [g for g in report.gates if g.code != "face_too_small"]
    size = Gate("face_too_small", side >= limits.min_face_px,
                f"Portrait too small ({side:.0f} px, need {limits.min_face_px}): photograph the document "
                "closer", float(side), float(limits.min_face_px))
    return QualityReport([size, *gates])
