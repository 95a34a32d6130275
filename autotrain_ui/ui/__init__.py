"""The web app's tabs (one module each) and its strings table (English, Korean)."""
