"""Entry point of the bundled ``consent-verify`` executable (the offline token verifier)."""

import sys

from consent_app.verify.cli import main

if __name__ == "__main__":
    sys.exit(main())
