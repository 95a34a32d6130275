"""The web app's tabs, one module each (build() makes the components, wire() connects them), the script API
(api.py), what the tabs and the API share (actions.py), live updates (live.py) and the strings table (English,
Korean)."""
