"""Verdicts on student values: coerce to plain arrays, compare with a margin, explain the worst entry.

Every helper either returns quietly or raises `Fail` with a message a student can act on: which
function and output, where, expected vs got, how far off, on what shapes, and a hint.
Student values are coerced to float64 arrays of the expected shape *before* any comparison, so
nothing the student returns can decide a comparison by itself.
"""

from __future__ import annotations

import numpy as np

from .protocol import Handle, Unsupported


class Fail(Exception):
    """The submission is wrong; the message says why."""


def describe_value(value) -> str:
    if isinstance(value, Unsupported):
        return f"a {value.type_name} object"
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    if isinstance(value, Handle):
        return "an object"
    return f"a {type(value).__name__}"


def as_array(got, what: str, shape: tuple | None = None, hint: str = "") -> np.ndarray:
    """`got` as a float64 array (of `shape`, if given), or Fail saying what it was instead."""
    expected = "a numpy array" + (f" of shape {tuple(shape)}" if shape is not None else "")
    if got is None:
        raise Fail(_join(f"{what} returned None, expected {expected}. Did you forget `return`?", hint))
    if isinstance(got, (Unsupported, Handle, str, dict)) or not _is_numeric(got):
        raise Fail(_join(f"{what} returned {describe_value(got)}, expected {expected}.", hint))
    try:
        arr = np.array(got, dtype=np.float64)
    except (TypeError, ValueError, OverflowError):
        raise Fail(_join(f"{what} returned {describe_value(got)} that is not numeric, expected {expected}.", hint))
    if shape is not None and arr.shape != tuple(shape):
        raise Fail(_join(f"{what} has shape {arr.shape}, expected {tuple(shape)}.", hint))
    return arr


def _is_numeric(value) -> bool:
    if isinstance(value, (list, tuple)):
        return all(_is_numeric(v) for v in value)
    return isinstance(value, (bool, int, float, np.ndarray))


def rel_error(a, b) -> np.ndarray:
    """Element-wise relative error |a - b| / max(1e-8, |a| + |b|) (CS231n's measure)."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b))


def assert_close(got, want, what: str, *, rtol: float = 1e-4, atol: float | None = None,
                 hint: str = "", context: str = "") -> np.ndarray:
    """Pass when |got - want| <= atol + rtol*|want| everywhere.

    `atol` defaults to 1e-6 * max(1, max|want|): absolute where the true value is about 0, so a
    value that is exactly 1e-200 in one correct formula and 0 in another still passes.
    Returns the coerced `got`.
    """
    want = np.asarray(want, dtype=np.float64)
    arr = as_array(got, what, want.shape, hint)
    if atol is None:
        atol = 1e-6 * max(1.0, float(np.max(np.abs(want), initial=0.0)))
    allowed = atol + rtol * np.abs(want)
    bad_value = ~np.isfinite(arr) & np.isfinite(want)
    if bad_value.any():
        index = _index(np.argmax(bad_value), arr.shape)
        raise Fail(_join(f"{what} contains {arr[index]} at index {_show(index)}; expected {want[index]:.6g}.", context, hint))
    err = np.where(np.isfinite(want), np.abs(arr - want), np.where(arr == want, 0.0, np.inf))
    ratio = err / allowed
    if arr.size and ratio.max() > 1:
        flat = int(np.argmax(ratio))
        index = _index(flat, arr.shape)
        at = f" at index {_show(index)}" if arr.ndim else ""
        off = int((ratio > 1).sum())
        raise Fail(_join(
            f"{what} is wrong{at}: expected {want[index]:.6g}, got {arr[index]:.6g} "
            f"(error {err[index]:.3g} > allowed {allowed[index]:.3g}, relative error {rel_error(arr[index], want[index]):.3g}; "
            f"{off} of {arr.size} entries off).",
            context, hint,
        ))
    return arr


def assert_equal(got, want, what: str, *, hint: str = "", context: str = "") -> np.ndarray:
    """Exact comparison, for integer results such as class labels or truth tables."""
    want = np.asarray(want)
    arr = as_array(got, what, want.shape, hint)
    wrong = arr != want
    if wrong.any():
        index = _index(int(np.argmax(wrong)), arr.shape)
        at = f" at index {_show(index)}" if arr.ndim else ""
        raise Fail(_join(
            f"{what} is wrong{at}: expected {want[index]:.6g}, got {arr[index]:.6g} ({int(wrong.sum())} of {arr.size} wrong).",
            context, hint,
        ))
    return arr


def assert_integer(got, what: str, hint: str = "") -> None:
    """`got` must be a Python int or an integer numpy value/array (not float, not bool)."""
    ok = type(got) is int or (isinstance(got, np.ndarray) and got.dtype.kind in "iu")
    if not ok:
        raise Fail(_join(f"{what} returned {describe_value(got)}, expected integers.", hint))


def assert_unchanged(before, after, what: str, hint: str = "") -> None:
    """An input must hold the same values after the call (the grader passed a copy and read it back)."""
    before = np.asarray(before)
    after_arr = as_array(after, what, before.shape, hint)
    if not np.array_equal(after_arr, before, equal_nan=True):
        raise Fail(_join(f"{what} was modified by the call; it must stay as it was.", hint))


def fail(message: str, hint: str = "", context: str = ""):
    """Raise Fail with `message`, then `context` (shapes), then a "Hint:" line."""
    raise Fail(_join(message, context, hint))


def require(condition: bool, message: str, hint: str = "") -> None:
    """Fail with `message` unless `condition` holds."""
    if not condition:
        fail(message, hint)


def shapes(**arrays) -> str:
    """'Shapes: x (4, 3), W (3, 5).' for the message context."""
    return "Shapes: " + ", ".join(f"{k} {np.shape(v)}" for k, v in arrays.items()) + "."


def _index(flat: int, shape: tuple):
    return tuple(int(i) for i in np.unravel_index(flat, shape)) if shape else ()


def _show(index: tuple) -> str:
    return str(index[0]) if len(index) == 1 else str(index)


def _join(*parts: str) -> str:
    text = " ".join(p for p in parts[:-1] if p)
    return text + (f"\nHint: {parts[-1]}" if parts[-1] else "")
