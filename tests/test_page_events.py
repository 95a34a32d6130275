"""How the page's listeners are wired (autotrain_ui/ui/follow.py): whatever the page works out from several inputs
is one listener on all their changes, run again with the newest values when they change during a call, and each of
its answers is followed by one more from the form as it is then, so an older answer never stays on screen (the
hardware estimate once kept the upload's first row count after the fitted settings held a tenth of the rows out).
tests/test_browser_limits.py watches that estimate in Chromium."""

from __future__ import annotations

import collections

import pytest

from autotrain_ui import app
from autotrain_ui.jobs import Registry

VALUE_EVENTS = {"change", "input", "blur", "submit", "load"}
# Separate actions that read different inputs, each followed by its own preview: load a Hub dataset (button or
# Enter), pick one of its configs, pick a split (ui/hub_panel.py)
ACTIONS = {"on_hub"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    registry = Registry(tmp_path_factory.mktemp("page") / "projects")
    yield app.build(registry)
    registry.close()


def _by_id(demo, elem_id: str):
    return next(b for b in demo.blocks.values() if getattr(b, "elem_id", None) == elem_id)


def test_a_function_that_follows_inputs_is_one_listener(demo):
    wired = collections.Counter(fn.fn for fn in demo.fns.values()
                                if fn.fn is not None and {event for _, event in fn.targets} <= VALUE_EVENTS)
    twice = sorted(f"{fn.__module__}.{fn.__qualname__} x{n}" for fn, n in wired.items()
                   if n > 1 and fn.__name__ not in ACTIONS)
    assert not twice, twice


@pytest.mark.parametrize("output, inputs", [("hardware-fit", {"field-valid_percent", "field-epochs", "hardware-rows"}),
                                            ("command", {"field-epochs", "field-valid_percent", "field-lr"}),
                                            ("data-report", {"field-valid_percent", "map-text"}),
                                            ("field-rewards", set())])
def test_the_derived_outputs_follow_the_newest_values(demo, output, inputs):
    target = _by_id(demo, output)
    deps = [fn for fn in demo.fns.values() if target in fn.outputs and fn.trigger_mode == "always_last"
            and len(fn.targets) > 1]
    assert len(deps) == 1, [d.name for d in deps]
    triggered_by = {getattr(demo.blocks.get(block_id), "elem_id", None) for block_id, _ in deps[0].targets}
    assert inputs <= triggered_by, triggered_by
    after = [fn for fn in demo.fns.values() if fn.trigger_after == deps[0]._id]
    assert [(fn.fn, fn.outputs, fn.inputs, fn.trigger_mode, fn.trigger_only_on_success) for fn in after] == \
        [(deps[0].fn, deps[0].outputs, deps[0].inputs, "always_last", True)]
