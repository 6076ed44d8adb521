"""Entry point of the bundled ``consent-trace``."""

import sys

from consent_app.marking.cli import trace_main

if __name__ == "__main__":
    sys.exit(trace_main())
