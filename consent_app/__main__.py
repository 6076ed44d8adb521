import sys

from consent_app.cli import main

sys.exit(main())
