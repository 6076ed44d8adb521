"""Entry point of the bundled ``consent-verify`` executable (the offline token verifier)."""

import sys

from consent_app.verify.cli import console

if __name__ == "__main__":
    sys.exit(console())
