"""Checks of the arguments the public API passes to the native module, so that a wrong value
raises an error naming the argument (and the allowed range), never nanobind's
"incompatible function arguments" or a silently clamped number."""

from __future__ import annotations

import operator
from typing import Optional

from .exceptions import InvalidArgumentError

INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1


def is_int(value: object) -> bool:
    """An int or anything usable as one (numpy integers), but not a bool."""
    return not isinstance(value, bool) and hasattr(type(value), "__index__")


def int_arg(value: object, what: str, lo: int = 0, hi: int = INT64_MAX) -> int:
    """``value`` as an int in [lo, hi]: TypeError for a non-integer, InvalidArgumentError
    (a ValueError) "<what> must be an integer from <lo> to <hi>, got <value>" outside it."""
    if not is_int(value):
        raise TypeError(f"{what} must be an int, not {type(value).__name__}")
    number = operator.index(value)  # type: ignore[arg-type]
    if not lo <= number <= hi:
        raise InvalidArgumentError(
            f"{what} must be an integer from {lo} to {hi}, got {number}"
        )
    return number


def optional_int_arg(value: object, what: str, lo: int = 0, hi: int = INT64_MAX) -> Optional[int]:
    return None if value is None else int_arg(value, what, lo, hi)


def bool_arg(value: object, what: str) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"{what} must be a bool, not {type(value).__name__}")
    return value


def str_arg(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a str, not {type(value).__name__}")
    return value


def optional_str_arg(value: object, what: str) -> Optional[str]:
    if value is not None and not isinstance(value, str):
        raise TypeError(f"{what} must be a str, not {type(value).__name__}")
    return value


def names_arg(value: object, what: str) -> list[str]:
    """Names given as any iterable of str (but not one str) as a list."""
    if isinstance(value, (str, bytes)):
        raise TypeError(f"{what} must be a sequence of names, not a string")
    try:
        names = list(value)  # type: ignore[call-overload]
    except TypeError:
        raise TypeError(
            f"{what} must be a sequence of names, not {type(value).__name__}"
        ) from None
    for name in names:
        if not isinstance(name, str):
            raise TypeError(f"{what} must hold str names, not {type(name).__name__}")
    return names
