"""Probe batteries for the mutation benchmark: does a mutant behave like the reference?

Written apart from the check suites (this package never imports `autograder`), so it does not share
their blind spots. A probe is a function `probe(module, rng)` that builds its inputs from SPEC.md
(seeded by `rng`), calls the module's API and returns what it observed: outputs, gradients, updated
parameters, the inputs after the call (to see writes into them), identities as booleans. The battery
runs each probe on the reference and on the mutant with the same seed and compares the two
observations within the grading contract's tolerance:

    |got - want| <= atol + rtol * |want|, rtol = 1e-4, atol = 1e-6 * max(1, max |want|)

exactly for integers and booleans, with equal shapes, NaN where the reference has NaN, the same
exception type where the reference raises, and no warning where the reference gives none.

Each chapter module `probes/CHAPTER.py` defines `PROBES`, a list of `(label, probe, seeds)`;
`run(reference, mutant)` returns the differences found (empty: equivalent on the battery).
"""

from __future__ import annotations

import warnings

import numpy as np

RTOL = 1e-4


def observe(probe, module, seed):
    """('ok', value, warnings) or ('raised', exception type name, message)."""
    rng = np.random.default_rng(seed)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            value = probe(module, rng)
        except Exception as error:  # noqa: BLE001 - the exception is the observation
            return ("raised", type(error).__name__, str(error)[:200])
    return ("ok", value, sorted({w.category.__name__ for w in caught}))


def compare(got, want, where="") -> str | None:
    """None when `got` matches `want` within the contract's tolerance, else a description."""
    if isinstance(want, dict):
        if not isinstance(got, dict) or set(got) != set(want):
            return f"{where}: keys {sorted(got) if isinstance(got, dict) else type(got).__name__} != {sorted(want)}"
        for key in want:
            found = compare(got[key], want[key], f"{where}[{key!r}]")
            if found:
                return found
        return None
    if isinstance(want, (list, tuple)):
        if not isinstance(got, (list, tuple)) or len(got) != len(want):
            return f"{where}: {type(got).__name__} of length {len(got) if hasattr(got, '__len__') else '?'} != length {len(want)}"
        for index, (g, w) in enumerate(zip(got, want)):
            found = compare(g, w, f"{where}[{index}]")
            if found:
                return found
        return None
    if want is None or isinstance(want, str):
        return None if got == want else f"{where}: {got!r} != {want!r}"
    try:
        a, b = np.asarray(got), np.asarray(want)
    except Exception as error:  # noqa: BLE001
        return f"{where}: cannot read {type(got).__name__} as an array ({error})"
    if b.dtype == object:
        return None if got == want else f"{where}: {got!r} != {want!r}"
    if a.shape != b.shape:
        return f"{where}: shape {a.shape} != {b.shape}"
    if b.dtype.kind in "biu":
        if a.dtype.kind not in "biu" and not (b.dtype.kind == "b" and isinstance(want, bool)):
            return f"{where}: dtype {a.dtype} where the reference gives integers ({b.dtype})"
        if b.dtype.kind == "b" and a.dtype.kind != "b" and not isinstance(want, bool):
            return f"{where}: dtype {a.dtype} where the reference gives booleans"
        if not np.array_equal(a, b):
            index = np.argwhere(a != b)[0] if a.ndim else ()
            return f"{where}: {a[tuple(index)]!r} != {b[tuple(index)]!r} at {tuple(int(i) for i in index)}"
        return None
    if a.dtype.kind not in "biuf":
        return f"{where}: dtype {a.dtype} where the reference gives {b.dtype}"
    a, b = a.astype(np.float64), b.astype(np.float64)
    if not np.array_equal(np.isnan(a), np.isnan(b)):
        return f"{where}: NaN where the reference has {'none' if not np.isnan(b).any() else 'other NaNs'}"
    finite = np.isfinite(b)
    if not np.array_equal(a[~finite & ~np.isnan(b)], b[~finite & ~np.isnan(b)]):
        return f"{where}: infinities differ"
    a, b = np.where(finite, a, 0.0), np.where(finite, b, 0.0)
    if not np.isfinite(a).all():
        return f"{where}: non-finite values where the reference is finite"
    scale = float(np.max(np.abs(b))) if b.size else 0.0
    allowed = 1e-6 * max(1.0, scale) + RTOL * np.abs(b)
    excess = np.abs(a - b) - allowed
    if b.size and excess.max() > 0:
        index = np.unravel_index(int(np.argmax(excess)), b.shape)
        return (f"{where}: {a[index]:.6g} != {b[index]:.6g} at {tuple(int(i) for i in index)} "
                f"(|diff| {abs(a[index] - b[index]):.2e} > {allowed[index]:.2e})")
    return None


def differences(probes, reference, mutant, limit: int = 5) -> list[str]:
    found = []
    for label, probe, seeds in probes:
        for seed in seeds:
            want = observe(probe, reference, seed)
            got = observe(probe, mutant, seed)
            if want[0] != got[0]:
                what = f"raised {got[1]}: {got[2]}" if got[0] == "raised" else f"returned where the reference raised {want[1]}"
                found.append(f"{label} (seed {seed}): {what}")
            elif want[0] == "raised":
                if want[1] != got[1]:
                    found.append(f"{label} (seed {seed}): raised {got[1]}, the reference {want[1]}")
            else:
                diff = compare(got[1], want[1])
                if diff is None and set(got[2]) - set(want[2]):
                    diff = f": warns {sorted(set(got[2]) - set(want[2]))} where the reference does not"
                if diff:
                    found.append(f"{label} (seed {seed}){diff}")
            if found and found[-1].startswith(label):
                break  # one difference per probe is enough
        if len(found) >= limit:
            break
    return found


def attempt(function, *args, **kwargs):
    """function(*args, **kwargs), or ('raises', exception type name) when it raises."""
    try:
        return function(*args, **kwargs)
    except Exception as error:  # noqa: BLE001 - the exception is the observation
        return ("raises", type(error).__name__)
