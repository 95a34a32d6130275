"""`python app.py`: the web app (Hugging Face Spaces run this)."""

import sys

from autotrain_ui.app import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
