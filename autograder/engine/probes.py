"""Test functions handed to student code by name (`protocol.Probe`), built the same way on both sides.

Exercises that take a callable, such as `numerical_gradient(f, x)`, get a probe: the worker builds
it from its name and arguments (code cannot cross the wire), and the grader builds the same one to
compute the expected value. This module imports only numpy, so the worker can load it by path.

Chapter 8 also gets grader code that runs in the worker: `library` (TensorFlow or Keras, imported by
the worker itself, whatever names the submission imported them under) and `tape_gradient` (the
gradient of a student's loss by `tf.GradientTape`). Both import TensorFlow only when they are used,
which is in the worker only.
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


LIBRARIES = ("tensorflow", "keras")


def library(name: str):
    """The installed library `name` (one of LIBRARIES) as a module object."""
    if name not in LIBRARIES:
        raise ValueError(f"not a library the checks may use: {name!r}")
    import importlib

    return importlib.import_module(name)


def tape_gradient(loss_fn, y_true, y_pred, **kwargs):
    """d loss_fn(y_true, y_pred, **kwargs) / d y_pred by tf.GradientTape, in float32; None when the loss
    was not computed with TensorFlow operations (then the tape sees no path from y_pred to it)."""
    import tensorflow as tf

    y_true = tf.constant(y_true, dtype=tf.float32)
    y_pred = tf.constant(y_pred, dtype=tf.float32)
    with tf.GradientTape() as tape:
        tape.watch(y_pred)
        loss = loss_fn(y_true, y_pred, **kwargs)
    if not tf.is_tensor(loss):  # e.g. a numpy number: the tape never saw it
        return None
    return tape.gradient(loss, y_pred)


def make_probe(name: str, *args):
    """`poly(a, b, c)`: f(x) = poly(x, a, b, c) for scalar or array x; `poly_of(target, a, b, c)`:
    the same polynomial of `target`, ignoring its argument (a closure over the array, as
    TwoLayerNet.numerical_gradient uses); `schedule_table(table)`: a learning-rate schedule
    step -> table[step], so that every step has its own rate; `library(name)`: the module `tensorflow`
    or `keras`; `tape_gradient()`: the function `tape_gradient` (chapter 8, worker side only)."""
    if name == "poly":
        return lambda x: poly(x, *args)
    if name == "poly_of":
        target, rest = args[0], args[1:]
        return lambda _ignored: poly(target, *rest)
    if name == "schedule_table":
        return schedule_table(*args)
    if name == "library":
        return library(*args)
    if name == "tape_gradient":
        return tape_gradient
    raise ValueError(f"unknown probe {name!r}")
