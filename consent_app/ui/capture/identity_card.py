"""The live-face step's identity card: the ID portrait and the captured face side by side, the verdicts
in words, colour and an icon (never colour alone), the score as a secondary detail.

It only draws the flow's state (``flow.identity``, ``flow.liveness``, ``flow.override``); the words of
a liveness failure come from the core's message code (``ui/core_words``).
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, Qt
from PySide6.QtGui import QImage, QImageReader, QPixmap
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from consent_app.ui import theme
from consent_app.ui.common import Retranslatable

PHOTO_W, PHOTO_H = 120, 150
WARN = "#8a5a00"
NEUTRAL = "#56625f"


def thumbnail(data: bytes, box: dict | None = None) -> QImage:
    """A thumbnail of ``data`` (JPEG/PNG bytes), cropped to the portrait ``box`` with a margin. The
    reader decodes only the clip, scaled down (JPEG decodes at 1/2, 1/4, 1/8), but that is still
    17–45 ms for a 12 MP ID photo and more for a PNG: run on the task helper, never the GUI thread."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(False)
    size = reader.size()
    if not size.isValid():
        return QImage()
    clip = QRect(0, 0, size.width(), size.height())
    if box:
        w, h = box["right"] - box["left"], box["bottom"] - box["top"]
        margin_x, margin_y = int(w * 0.4), int(h * 0.5)
        clip = clip.intersected(QRect(box["left"] - margin_x, box["top"] - margin_y,
                                      w + 2 * margin_x, h + 2 * margin_y))
    reader.setClipRect(clip)
    reader.setScaledSize(clip.size().scaled(PHOTO_W, PHOTO_H, Qt.AspectRatioMode.KeepAspectRatio))
    return reader.read()


class IdentityCard(Retranslatable, QFrame):
    """One card: the two faces, "same person?" and "liveness?" verdicts, the scores underneath."""

    def __init__(self, parent: QWidget | None = None, run=None) -> None:
        """``run(fn, *args, done=...)`` runs the photos' decoding off the GUI thread (``AppContext.run``);
        without it (a card on its own) they are decoded here."""
        super().__init__(parent)
        self._run = run
        self._thumbs: dict[str, QPixmap] = {}  # sample sha256 → its thumbnail, decoded once
        self._wanted = {"id": "", "live": ""}  # what each photo should show now (a late result is dropped)
        self.setObjectName("identityCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#identityCard { background: white; border: 1px solid #b9c2c0; "
                           "border-radius: 6px; }")
        self.id_photo, self.live_photo = QLabel(self), QLabel(self)
        self.id_caption, self.live_caption = QLabel(self), QLabel(self)
        for photo in (self.id_photo, self.live_photo):
            photo.setFixedSize(PHOTO_W, PHOTO_H)
            photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
            photo.setStyleSheet("background: #eef1f0; border-radius: 4px;")
        for caption in (self.id_caption, self.live_caption):
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption.setProperty("role", "hint")
        self.match_verdict = QLabel(self)
        self.liveness_verdict = QLabel(self)
        self.override_verdict = QLabel(self)
        for verdict in (self.match_verdict, self.liveness_verdict, self.override_verdict):
            verdict.setWordWrap(True)
            verdict.setAccessibleName("verdict")
        self.score = QLabel(self)
        self.score.setWordWrap(True)
        self.score.setProperty("role", "hint")
        self.score.setStyleSheet("font-size: 9pt;")
        grid = QGridLayout()
        grid.addWidget(self.id_photo, 0, 0)
        grid.addWidget(self.live_photo, 0, 1)
        grid.addWidget(self.id_caption, 1, 0)
        grid.addWidget(self.live_caption, 1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(grid)
        for w in (self.match_verdict, self.liveness_verdict, self.override_verdict, self.score):
            layout.addWidget(w)
        self._shown: tuple[str, str] = ("", "")
        self._flow = None
        self.state = "empty"  # what the card says, for tests and screen readers: see show()
        self.retranslate()

    def retranslate(self) -> None:
        self.id_caption.setText(self.tr("ID document"))
        self.live_caption.setText(self.tr("Live capture"))
        if self._flow is not None:
            self.show_flow(self._flow)

    @staticmethod
    def _say(label: QLabel, icon: str, text: str, colour: str) -> None:
        label.setText(f"{icon}  {text}")
        style = f"color: {colour}; font-weight: 600;"
        if label.styleSheet() != style:  # a new style sheet re-polishes the label: only on a change
            label.setStyleSheet(style)
        label.setVisible(bool(text))

    def _photos(self, flow) -> None:
        doc, face = flow.id_document, flow.face
        key = (doc.sample.sha256 if doc else "", face.sample.sha256 if face else "")
        if key == self._shown:
            return
        self._shown = key
        self._photo("id", doc.sample if doc else None, doc.details.get("box") if doc else None)
        self._photo("live", face.sample if face else None, None)
        if face is None:
            self.live_photo.setText(self.tr("not captured"))

    def _photo(self, which: str, sample, box: dict | None) -> None:
        label = self.id_photo if which == "id" else self.live_photo
        self._wanted[which] = sample.sha256 if sample is not None else ""
        if sample is None:
            label.setPixmap(QPixmap())
            return
        cached = self._thumbs.get(sample.sha256)
        if cached is not None:
            label.setPixmap(cached)
            return
        label.setPixmap(QPixmap())  # not the previous subject's face while this one decodes
        if self._run is None:
            self._decoded(which, sample.sha256, thumbnail(sample.data, box))
            return
        self._run(thumbnail, sample.data, box,
                  done=lambda image, w=which, sha=sample.sha256: self._decoded(w, sha, image))

    def _decoded(self, which: str, sha: str, image: QImage) -> None:
        from shiboken6 import isValid

        if not isValid(self):  # the card was closed while its photo decoded
            return
        pixmap = QPixmap() if image.isNull() else QPixmap.fromImage(image)
        if len(self._thumbs) >= 8:
            self._thumbs.clear()
        self._thumbs[sha] = pixmap
        if self._wanted[which] == sha:
            (self.id_photo if which == "id" else self.live_photo).setPixmap(pixmap)

    def show_flow(self, flow) -> None:
        """Draw the identity state of ``flow``."""
        from consent_app.ui.core_words import word

        self._flow = flow
        self._photos(flow)
        identity, live, override = flow.identity, flow.liveness, flow.override
        states = []
        if identity is None:
            self._say(self.match_verdict, "…", self.tr("Capture the live face to compare it with the ID"),
                      NEUTRAL)
            self.score.clear()
        else:
            m = identity.match
            if m.match:
                self._say(self.match_verdict, "✔", self.tr("Match: same person as on the ID"), theme.OK)
            else:
                self._say(self.match_verdict, "✖", self.tr("No match: not the person on the ID"),
                          theme.DANGER)
            states.append("match" if m.match else "no_match")
            self.score.setText(self.tr("Face distance {distance:.3f} (match at or below {threshold:.2f})")
                               .format(distance=m.distance, threshold=m.threshold))
        if live is None:
            recaptured = getattr(flow, "liveness_recaptured", False)
            text = (self.tr("Liveness: run the challenge again (the face was captured again)") if recaptured
                    else self.tr("Liveness not checked yet"))
            self._say(self.liveness_verdict, "…", text, NEUTRAL)
        elif live.passed:
            self._say(self.liveness_verdict, "✔", self.tr("Liveness passed, by the captured face"), theme.OK)
            states.append("liveness_passed")
        else:
            from consent_app.messages import Message

            reason = word(Message(live.code, live.params)) if live.code else (live.reason or "—")
            self._say(self.liveness_verdict, "✖", self.tr("Liveness failed: {reason}").format(reason=reason),
                      theme.DANGER)
            states.append("liveness_failed")
        if override is not None:
            self._say(self.override_verdict, "⚠", self.tr("Overridden by administrator {admin}: {reason}")
                      .format(admin=override.admin, reason=override.reason), WARN)
            states.append("overridden")
        else:
            self.override_verdict.hide()
        self.state = " ".join(states) or "empty"
