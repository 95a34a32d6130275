"""The data check of a file, remembered for the page: the upload's check, the learn preview and a changed setting
read a big file once (the same file, by path, size and modification time, and the same settings). It runs where
priority.apart runs it: the app's low-priority worker process, so the memory is that worker's."""

from __future__ import annotations

import os
import threading
from collections import OrderedDict

from autotrain_ui.core import data
from autotrain_ui.core.data.check import collector_paused

LEARN_ROWS = 3          # rows shown as the model sees them
MAPPING = ("text_column", "rejected_text_column", "prompt_text_column", "label_column")   # the data tab's columns

_CHECKED: OrderedDict = OrderedDict()   # (file, settings) -> (first examples, report): the learn preview and a
_CHECKED_LOCK = threading.Lock()        # changed setting after an upload do not read a big file again
_CHECKED_MAX = 8


def checked(path: str, trainer: str | None = None, mapping: dict | None = None, *, chat_template=None,
            label_threshold=None, progress=None, on_read=None):
    """data.prepare(path, ...) -> (its first LEARN_ROWS examples, its report), remembered for the same file (path,
    size, modification time) and settings. A check with trainer None is also remembered under the trainer it chose
    (prepare then takes the same steps); on_read (the upload's first rows) always reads the file."""
    mapping = {m: (mapping or {}).get(m) or None for m in MAPPING}
    try:
        stat = os.stat(path)
    except OSError:                 # not a file (nothing to remember it by): checked each time
        stat = None
    common = ((path, stat.st_size, stat.st_mtime_ns) if stat else None, data.template_mode(chat_template),
              label_threshold, tuple(mapping.items()))
    with _CHECKED_LOCK:
        if on_read is None and stat is not None and (common, trainer) in _CHECKED:
            _CHECKED.move_to_end((common, trainer))
            return _CHECKED[(common, trainer)]
    with collector_paused():     # the rows let go before the collector looks at them (data/check.py)
        examples, report = data.prepare(path, trainer, chat_template=chat_template, label_threshold=label_threshold,
                                        progress=progress, on_read=on_read, **mapping)
        result = (examples[:LEARN_ROWS], report)
        while examples:         # a million rows let go a slice at a time: the app's other threads get their turns
            del examples[-50_000:]
    with _CHECKED_LOCK:
        for key in {(common, trainer), (common, report.trainer)} if stat is not None else ():
            _CHECKED[key] = result
        while len(_CHECKED) > _CHECKED_MAX:
            _CHECKED.popitem(last=False)
    return result
