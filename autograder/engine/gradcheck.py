"""Numerical gradients for checking backward passes (float64 central differences, every entry).

The scalar being differentiated is L(x) = sum(f(x) * dout) with a random upstream gradient
`dout`: with dout = ones, a backward that ignores its `dout` argument would pass.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

H = 1e-5


def numerical_gradient(f: Callable[[np.ndarray], object], x: np.ndarray, dout=None, h: float = H) -> np.ndarray:
    """dL/dx for L = sum(f(x) * dout) (L = f(x) when dout is None), by (L(x+h) - L(x-h)) / 2h.

    `x` must be a float64 array; it is perturbed in place, one entry at a time, and holds its
    original values on return, so `f` may read it through a closure.
    """
    if x.dtype != np.float64:
        raise TypeError("numerical_gradient needs a float64 array")

    def loss() -> float:
        out = np.asarray(f(x), dtype=np.float64)
        return float(out.sum() if dout is None else np.sum(out * dout))

    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        old = x[index]
        x[index] = old + h
        plus = loss()
        x[index] = old - h
        minus = loss()
        x[index] = old
        grad[index] = (plus - minus) / (2 * h)
    return grad


def directional_derivative(f: Callable[[np.ndarray], object], x: np.ndarray, direction: np.ndarray,
                           dout, h: float = H) -> float:
    """dL/dx · direction for L = sum(f(x) * dout), by one central difference along `direction`.

    For tensors too large to check entry by entry: compare with `np.sum(analytic_dx * direction)`.
    """
    plus = np.sum(np.asarray(f(x + h * direction), dtype=np.float64) * dout)
    minus = np.sum(np.asarray(f(x - h * direction), dtype=np.float64) * dout)
    return float((plus - minus) / (2 * h))
