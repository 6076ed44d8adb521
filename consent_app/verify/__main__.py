"""``python -m consent_app.verify``: the same as ``consent-verify``."""

import sys

from consent_app.verify.cli import console

sys.exit(console())
