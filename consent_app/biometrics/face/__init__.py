"""The face path: capture, quality gates, 1:1 / 1:N matching, ID-document portrait, liveness.

Map of the modules (all Qt-free):

- ``consent_app.biometrics.images.load_image``: bytes/path -> upright 8-bit RGB, bad input refused;
- ``sources``: ``CameraSource`` (+ ``list_cameras``), ``VideoFileSource``, ``StillImageSource``;
- ``preview.PreviewWorker``: newest-frame-only detection for the live preview (boxes + gate status);
- ``detection`` / ``quality`` / ``analysis``: detection on a downscaled copy, gates, encoding;
- ``capture.CaptureSession``: gated capture and liveness run over a source, keeps what it got;
- ``document.find_portrait``: the holder's photo on an ID card / passport;
- ``matching``: 1:1 compare with the calibrated threshold; ``index``: exact 1:N search;
- ``liveness``: random challenge with nonce, checked from landmarks;
- ``records``: samples, templates and evidence in the encrypted store, audited.

Importing this package is cheap: numpy, OpenCV, dlib and face_recognition are loaded by the
submodules that need them, never here.
"""

from consent_app.biometrics.face.errors import (
    CameraError,
    CameraLostError,
    MultipleFacesError,
    NoFaceError,
    QualityError,
)

__all__ = ["CameraError", "CameraLostError", "MultipleFacesError", "NoFaceError", "QualityError"]
