"""Entry point of the packaged desktop app: PyInstaller runs this file as ``__main__``."""

import sys

from consent_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
