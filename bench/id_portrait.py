"""From an ID-document photo chosen (12 MP) to its portrait shown with the quality verdict.

The real wizard's ID-document step (offscreen Qt, the app's biometrics helper process, a warm
model) is given a generated 12 MP JPEG photo of an ID card whose portrait is a shared face photo;
the time runs from ``use_file`` to the moment the step shows the portrait crop and its verdict. The
baseline, in the same run, is a bare ``face_recognition.face_locations`` on the same image (already
decoded, default settings). Each figure is the median of a few runs, interleaved.

    .venv/bin/python bench/id_portrait.py [--faces DIR] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _report import target  # noqa: E402

GOAL = 0.3


def document_photo(faces: Path) -> bytes:
    """A 12 MP JPEG photo of a generated ID card carrying the portrait."""
    import numpy as np
    from PIL import Image

    from consent_app.identity import specimen

    portrait = np.asarray(Image.open(faces / "obama.jpg").convert("RGB"))
    spec = specimen.corpus(1)[0][0]
    return specimen.jpeg_bytes(specimen.render(spec, fmt="TD1", px_per_mm=39, portrait=portrait), 92)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--faces", type=Path, default=ROOT.parent / "shared" / "faces")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not (args.faces / "obama.jpg").exists():
        print(f"no shared faces at {args.faces}")
        return 2
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from argon2 import PasswordHasher
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    app = QApplication([sys.argv[0]])
    import face_recognition

    from consent_app import staff
    from consent_app.biometrics.images import load_image
    from consent_app.setup import initialize
    from consent_app.store.keys import Argon2Params
    from consent_app.ui import theme
    from consent_app.ui.context import AppContext
    from consent_app.ui.shell import Shell

    staff.set_password_hasher(PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1))
    theme.apply(app)
    from consent_app.ui.tasks import favour_gui_thread

    favour_gui_thread()  # as run_app does
    data = document_photo(args.faces)
    rgb = load_image(data).rgb
    print(f"document photo: {rgb.shape[1]}×{rgb.shape[0]} ({rgb.shape[0] * rgb.shape[1] / 1e6:.1f} MP), "
          f"{len(data) / 1e6:.2f} MB JPEG")
    with tempfile.TemporaryDirectory() as tmp:
        photo = Path(tmp) / "id-photo.jpg"
        photo.write_bytes(data)
        store = initialize(Path(tmp) / "studio", studio_name="Bench", admin_username="admin",
                           admin_password="bench password", passphrase="Bench passphrase 2026!",
                           argon2=Argon2Params(time_cost=1, memory_cost=8 * 1024, parallelism=1))
        ctx = AppContext(store.data_dir)
        ctx.set_store(store)
        ctx.set_member(staff.login(store, "admin", "bench password"))
        shell = Shell(ctx)
        shell.resize(1280, 820)
        shell.show()
        shell.start_capture()
        wizard = shell.page("capture")
        wizard.subject_step.name.setText("Bench Subject")
        wizard.next_button.click()
        step = wizard.id_step

        def wait(predicate, timeout: float = 120) -> None:
            deadline = time.monotonic() + timeout
            while not predicate():
                if time.monotonic() > deadline:
                    raise SystemExit(f"timed out; message: {step.message.text()}")
                QTest.qWait(2)

        wait(lambda: wizard.current_key() == "id_document")

        def app_path() -> float:
            step.reset()
            wizard.flow.id_document = None
            start = time.perf_counter()
            step.use_file(photo)
            wait(lambda: step.portrait_shown() or not step.message.isHidden())
            seconds = time.perf_counter() - start
            if not step.portrait_shown():
                raise SystemExit(f"no portrait: {step.message.text()}")
            return seconds

        def baseline() -> float:
            start = time.perf_counter()
            found = face_recognition.face_locations(rgb)
            seconds = time.perf_counter() - start
            assert found, "face_recognition found no face"
            return seconds

        app_path()  # warm: the helper process loads dlib's models once per app
        apps, bases = [], []
        for _ in range(args.runs):
            apps.append(app_path())
            bases.append(baseline())
        verdict = step.verdict.text()
        wizard.cancel_session(wait=True)
        ctx.runner.wait(20000)
        shell.close()
        ctx.close()
    app_s, base_s = statistics.median(apps), statistics.median(bases)
    print(f"app: photo chosen -> portrait and verdict shown: median {app_s * 1000:.0f} ms "
          f"(runs {', '.join(f'{a * 1000:.0f}' for a in apps)})")
    print(f"baseline: face_recognition.face_locations on the decoded image: median {base_s * 1000:.0f} ms "
          f"(runs {', '.join(f'{b * 1000:.0f}' for b in bases)})")
    print(f"verdict shown: {verdict}")
    ok = target("id_portrait_to_result_ratio", app_s / base_s, GOAL, higher_is_better=False)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
