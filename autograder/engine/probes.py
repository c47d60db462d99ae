"""Test functions handed to student code by name (`protocol.Probe`), built the same way on both sides.

Exercises that take a callable, such as `numerical_gradient(f, x)`, get a probe: the worker builds
it from its name and arguments (code cannot cross the wire), and the grader builds the same one to
compute the expected value. This module imports only numpy, so the worker can load it by path.
"""

from __future__ import annotations

import numpy as np


def poly(x, a, b, c):
    """sum(a*x**3 + b*x**2) + 0.5*sum(c*x)**2: the last term couples the entries, so a perturbation
    left in place changes the other derivatives."""
    return np.sum(a * x**3 + b * x**2) + 0.5 * np.sum(c * x) ** 2


def schedule_table(table):
    """A learning-rate schedule whose rate at step s is table[s] (the last entry for later steps)."""
    rates = [float(v) for v in np.ravel(table)]
    return lambda step: rates[min(max(int(step), 0), len(rates) - 1)]


def make_probe(name: str, *args):
    """`poly(a, b, c)`: f(x) = poly(x, a, b, c) for scalar or array x; `poly_of(target, a, b, c)`:
    the same polynomial of `target`, ignoring its argument (a closure over the array, as
    TwoLayerNet.numerical_gradient uses); `schedule_table(table)`: a learning-rate schedule
    step -> table[step], so that every step has its own rate."""
    if name == "poly":
        return lambda x: poly(x, *args)
    if name == "poly_of":
        target, rest = args[0], args[1:]
        return lambda _ignored: poly(target, *rest)
    if name == "schedule_table":
        return schedule_table(*args)
    raise ValueError(f"unknown probe {name!r}")
