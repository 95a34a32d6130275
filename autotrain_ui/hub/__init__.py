"""Everything that goes to or comes from the Hub.

    client.py      the one Hub client, its address, the token to act with (and to read a visitor's data with), whose a token is, Hub errors in one sentence
    push.py        a finished project to <user>/<project>: what is uploaded, checked for the token first
    card.py        the model card (README.md) and the loss plot
    publish.py     the Runs view's push, in the background, its state in PROJECT/push.json
    spaces.py      --backend spaces-*: a job sent to the user's copy of the app on a Space, and adopted there
    deploy.py      --deploy: a private chat Space for a pushed model (its app is chat_space.py)

`python -m autotrain_ui.hub push PROJECT` pushes from a terminal (hub/__main__.py).
"""

from autotrain_ui.core.hub_client import describe_hub_error, hub_endpoint, reading_token, resolve_token, scrub, token_user
from autotrain_ui.hub.push import PushError, push, push_export

__all__ = ["PushError", "describe_hub_error", "hub_endpoint", "push", "push_export", "reading_token", "resolve_token",
           "scrub", "token_user"]
