"""``python -m factx``: the same command line as ``factx``."""

import sys

from .cli import main

sys.exit(main())
