"""A Space's own hardware: move it to a flavour (the owner's token), and back to the free CPU basic when
the queue has been empty a while (the owner's choice, kept in the projects folder)."""

from __future__ import annotations

import time
from pathlib import Path

from autotrain_ui.core.i18n import message
from autotrain_ui.hardware import HardwareError, _hardware_error, flavour, space_runtime
from autotrain_ui.core.hub_client import client
from autotrain_ui.core.jsonfile import read_json_dict, write_json


def request_hardware(space_id: str, flavour_name: str, token: str | None) -> dict:
    """Ask the Hub to move the Space to this flavour (needs a token with write access to the Space: the owner's).
    The Space restarts on the new hardware; a job waiting for it starts when the app comes back up there."""
    target = flavour(flavour_name).name
    if not token:
        raise HardwareError(message("spaces.hardware_needs_owner"))
    try:
        rt = client(token).request_space_hardware(space_id, target)
    except Exception as exc:
        raise _hardware_error(exc, message("spaces.step.move_hardware", space=space_id, target=target)) from exc
    return {"stage": rt.stage, "current": rt.hardware, "requested": rt.requested_hardware or target}


def drop_to_cpu(space_id: str, token: str | None) -> dict:
    """Move the Space back to the free CPU basic flavour, so billing for the GPU stops."""
    return request_hardware(space_id, "cpu-basic", token)


# ---------------------------------------------------------------- back to CPU when the queue is empty

SETTINGS_FILE = "hardware.json"   # in the projects folder, next to the registry: survives restarts with /data
ACTIVE_STATUSES = ("queued", "starting", "running")


def drop_when_idle(root: str | Path) -> bool:
    """The owner's choice "drop back to CPU basic when the queue is empty" (off until set)."""
    return bool(read_json_dict(Path(root) / SETTINGS_FILE).get("drop_when_idle"))


def set_drop_when_idle(root: str | Path, on: bool) -> None:
    path = Path(root) / SETTINGS_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    write_json(path, {"drop_when_idle": bool(on)}, None)


def maybe_drop_to_cpu(registry, space_id: str | None, token: str | None, enabled: bool, *,
                      idle_since: float | None = None, min_idle_s: float = 0.0, now: float | None = None) -> dict:
    """Move the Space back to CPU basic when `enabled`, on a Space, no job of `registry` is queued, starting or
    running, and the queue has been empty for `min_idle_s` (counted from the last job's end or `idle_since`,
    whichever is later). Never asks twice: a Space already on (or moving to) CPU basic, or moving elsewhere, is
    left alone. Returns {"dropped": bool, "reason": str}; a Hub failure is a reason, not an exception."""
    if not enabled:
        return {"dropped": False, "reason": "off"}
    if not space_id:
        return {"dropped": False, "reason": "not on a Space"}
    jobs = registry.list_jobs()
    active = [j for j in jobs if j.get("status") in ACTIVE_STATUSES]
    if active:
        return {"dropped": False, "reason": f"{len(active)} job(s) queued or running"}
    last = max([j.get("finished") or 0 for j in jobs] + [idle_since or 0])
    now = time.time() if now is None else now
    if now - last < min_idle_s:
        return {"dropped": False, "reason": f"queue empty for {now - last:.0f} s of {min_idle_s:.0f} s"}
    try:
        runtime = space_runtime(space_id, token)
        if runtime["requested"] and runtime["requested"] != runtime["current"]:
            return {"dropped": False, "reason": f"the Space is moving to {runtime['requested']}"}
        if runtime["current"] == "cpu-basic":
            return {"dropped": False, "reason": "already on cpu-basic"}
        drop_to_cpu(space_id, token)
    except HardwareError as exc:
        return {"dropped": False, "reason": str(exc)}
    return {"dropped": True, "reason": f"queue empty: moved {space_id} from {runtime['current']} to cpu-basic"}
