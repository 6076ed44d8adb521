"""The face path: capture, quality gates, 1:1 / 1:N matching, ID-document portrait, liveness.

Importing this package is cheap: numpy, OpenCV, dlib and face_recognition are loaded by the
submodules that need them (``analysis``, ``detection``, ``index``...), never here.
"""

from consent_app.biometrics.face.errors import (
    CameraError,
    CameraLostError,
    MultipleFacesError,
    NoFaceError,
    QualityError,
)

__all__ = ["CameraError", "CameraLostError", "MultipleFacesError", "NoFaceError", "QualityError"]
