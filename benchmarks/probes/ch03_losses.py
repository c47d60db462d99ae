"""Probes for ch03_losses (SPEC: mean_squared_error, cross_entropy_error, binary_cross_entropy,
numerical_diff, numerical_gradient, gradient_descent)."""

from __future__ import annotations

import numpy as np

from . import differences


def losses(m, rng):
    seen = []
    for shape in [(5,), (1, 4), (3, 4), (6, 2), (300,), (2, 300)]:  # more than 256 classes too
        y = rng.random(shape)
        y /= y.sum(axis=-1, keepdims=True)
        labels = rng.integers(0, shape[-1], size=shape[:-1]) if len(shape) > 1 else int(rng.integers(0, shape[-1]))
        onehot = np.eye(shape[-1])[labels]
        t = rng.normal(size=shape)
        seen.append(m.mean_squared_error(y, t))
        seen.append(m.mean_squared_error(y.tolist(), t.tolist()))
        seen.append(m.cross_entropy_error(y, onehot))
        seen.append(m.cross_entropy_error(y, labels))
        seen.append(m.cross_entropy_error(y, np.asarray(labels).astype(np.int32)))
        seen.append(m.cross_entropy_error(y.astype(np.float32), onehot))
        y0 = y.copy()
        seen.append(m.cross_entropy_error(np.where(onehot > 0, 0.0, y), onehot))  # the true class at 0: log(1e-7)
        seen.append(m.cross_entropy_error(np.where(onehot > 0, 0.0, y), labels))  # the same, with labels
        seen.append(np.array_equal(y, y0))
    for shape in [(4,), (3, 2), (2, 2, 2)]:
        y = rng.random(shape)
        t = (rng.random(shape) > 0.5).astype(float)
        seen.append(m.binary_cross_entropy(y, t))
        seen.append(m.binary_cross_entropy(y, t, eps=1e-3))
        seen.append(m.binary_cross_entropy(np.where(t > 0, 0.0, 1.0), t))  # clipped at eps
        seen.append(m.binary_cross_entropy(np.where(t > 0, 1.0, 0.0), t))
        seen.append(m.binary_cross_entropy(np.where(t > 0, 0.0, 1.0), t, eps=0.1))
        seen.append(m.binary_cross_entropy(y, rng.random(shape)))  # soft targets
    return seen


def gradients(m, rng):
    seen = []
    for f in (lambda x: x**3, np.sin, lambda x: np.exp(0.5 * x)):
        for x0 in (0.3, -1.2, 2.0):
            seen.append(m.numerical_diff(f, x0))
            seen.append(m.numerical_diff(f, x0, h=1e-2))
    A = rng.normal(size=(3, 3))
    for shape in [(3,), (2, 3), (2, 2, 2)]:
        x = rng.normal(size=shape)
        before = x.copy()
        w = rng.normal(size=shape)
        seen.append(m.numerical_gradient(lambda v: float(np.sum(w * v**2) + np.sum(np.sin(v))), x))
        seen.append(m.numerical_gradient(lambda v: float(np.sum(w * v**3)), x, h=1e-2))
        seen.append(x.tobytes() == before.tobytes())
        seen.append(m.numerical_gradient(lambda _: float(np.sum(x * w)), x))  # f reads x through the closure
        seen.append(x.tobytes() == before.tobytes())
    x = rng.normal(size=3)
    for lr, steps in [(0.01, 100), (0.1, 20), (0.5, 3), (None, None)]:
        x0 = x.copy()
        kwargs = {} if lr is None else {"lr": lr, "step_num": steps}
        seen.append(m.gradient_descent(lambda v: float(v @ A @ A.T @ v + np.sum(v)), x, **kwargs))
        seen.append(np.array_equal(x, x0))
    seen.append(m.gradient_descent(lambda v: float(np.sum(v**2)), [3.0, -4.0], lr=0.1, step_num=0))
    seen.append(m.gradient_descent(lambda v: float(np.sum(v**2)), np.array([1, 2]), lr=0.1, step_num=5))
    return seen


PROBES = [("losses", losses, range(5)), ("gradients", gradients, range(3))]


def run(reference, mutant):
    return differences(PROBES, reference, mutant)
