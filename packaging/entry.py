"""Entry point of the packaged desktop app: PyInstaller runs this file as ``__main__``."""

import multiprocessing
import sys

if __name__ == "__main__":
    # The capture wizard runs dlib's encoder in a spawned helper process: in a frozen app the helper
    # is this same program, started with multiprocessing's arguments; hand those runs over to
    # multiprocessing before the command line is parsed.
    multiprocessing.freeze_support()
    from consent_app.cli import main

    sys.exit(main())
