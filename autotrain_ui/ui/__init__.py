"""The web app's tabs, one module each (build() makes the components, wire() connects them), the script API
(api.py), what the tabs and the API share (actions.py), live updates (live.py) and the page's labels through gr.I18n
(strings.py; the sentences themselves are in the catalog, autotrain_ui/core/i18n/)."""
