"""Render every screen under a real display and save PNG screenshots (run by test_screenshots.py).

    python tests/ui/screenshot_app.py OUTDIR LANGUAGE FACES_DIR
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))


def main() -> int:
    out, language, faces = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
    out.mkdir(parents=True, exist_ok=True)
    from PySide6.QtWidgets import QApplication

    app = QApplication([sys.argv[0]])
    from argon2 import PasswordHasher

    from consent_app import staff

    staff.set_password_hasher(PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1))
    from walkthrough import walk

    saved = []

    def visit(name, window):
        window.raise_()
        window.activateWindow()
        path = out / f"{language}-{name}.png"
        if not window.grab().save(str(path)):
            raise RuntimeError(f"could not save {path}")
        saved.append(path)

    names = {"en": ("Harbour Light Studio", "Ada Example"), "zh_CN": ("海港之光工作室", "李华")}
    studio, subject = names.get(language, names["en"])
    with tempfile.TemporaryDirectory() as tmp:
        walk(Path(tmp), faces, visit, studio_name=studio, subject_name=subject, language=language)
    print(f"platform {app.platformName()}; saved {len(saved)} screenshots")
    return 0


if __name__ == "__main__":
    sys.exit(main())
