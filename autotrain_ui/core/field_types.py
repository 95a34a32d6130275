"""A setting's value, from the command line, a form or a JSON file, read into its field's type: strictly, so a typo
is said (with the flag and what to write) and never read as something else ("ture" is not False, "2.9" epochs are
not 2). The field's type is its annotation; its flags and choices are its metadata (params.LLMParams)."""

from __future__ import annotations

import dataclasses
from typing import Any


class ParamError(ValueError):
    """A parameter value or combination the user must change; the message says what to change. `lines`: one sentence
    each (i18n Messages where they have a key, so the page can say them in the visitor's language)."""

    def __init__(self, message: str, lines: list | None = None):
        super().__init__(message)
        self.lines = list(lines) if lines else str(message).splitlines()


def coerce(f: dataclasses.Field, value: Any) -> Any:
    """Turn a value from the command line, a form or a JSON file into the field's type."""
    unset = f.metadata.get("unset")
    if unset and (value is None or (isinstance(value, str) and value.strip() in ("", unset))):
        return None
    if unset and isinstance(value, str) and value.strip() in ("None", "none", "null"):
        return "none"
    if isinstance(value, str) and value.strip() in ("None", "none", "") and f.default is None:
        return None
    if isinstance(value, str) and value.strip() == "None" and f.metadata["choices"]:
        return None
    kind = _kind(f)
    if value is None:
        return None
    from autotrain_ui.core.i18n import message

    flag = f.metadata["flags"][0]
    if kind is bool:
        return _as_bool(flag, value)
    if kind is int:
        return _as_int(flag, value)
    if kind is float:
        try:
            return float(value)
        except (TypeError, ValueError):
            raise ParamError(message("params.not_a_number", flag=flag, value=repr(value))) from None
    value = str(value)
    if f.metadata["choices"] and value not in f.metadata["choices"]:
        raise ParamError(f"{f.metadata['flags'][0]} {value!r} is not one of: {', '.join(f.metadata['choices'])}")
    return value


TRUE, FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off")


def _as_bool(flag: str, value) -> bool:
    """Yes or no, strictly: a typo ("ture") is refused, never read as False."""
    from autotrain_ui.core.i18n import message

    if isinstance(value, str):
        word = value.strip().lower()
        if word in TRUE or word in FALSE:
            return word in TRUE
    elif isinstance(value, (bool, int)) and value in (0, 1):
        return bool(value)
    raise ParamError(message("params.not_yes_no", flag=flag, value=repr(value)))


def _as_int(flag: str, value) -> int:
    """A whole number, strictly: "3", 3 and "3.0" are 3; "2.9" is refused, never cut to 2."""
    from autotrain_ui.core.i18n import message

    try:
        number = float(value.strip()) if isinstance(value, str) else value
        if isinstance(number, bool) or float(number) != int(number):
            raise ValueError(value)
        return int(number)
    except (TypeError, ValueError, OverflowError):
        raise ParamError(message("params.not_whole", flag=flag, value=repr(value))) from None


def _kind(f: dataclasses.Field) -> type:
    t = str(f.type)
    for name, kind in (("bool", bool), ("int", int), ("float", float)):
        if t == name or t == f"Optional[{name}]":
            return kind
    return str
