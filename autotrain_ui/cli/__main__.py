"""`python -m autotrain_ui.cli ...`, the same as `autotrain ...`."""

import sys

from autotrain_ui.cli import main

sys.exit(main())
