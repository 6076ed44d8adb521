"""Entry point of the bundled ``consent-mark``."""

import sys

from consent_app.marking.cli import mark_main

if __name__ == "__main__":
    sys.exit(mark_main())
