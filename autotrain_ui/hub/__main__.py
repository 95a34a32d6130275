"""`python -m autotrain_ui.hub push PROJECT`: push a finished project from a terminal."""

import sys

from autotrain_ui.hub.push import main

sys.exit(main())
