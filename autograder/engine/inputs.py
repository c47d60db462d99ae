"""Inputs that many suites build: seeded draws kept away from kinks and ties, targets, call text.

Every function takes the check's generator (`t.rng`), so the same check always sees the same
inputs. Kept apart from the suites (as MiniTorch keeps its strategies) so that a chapter's checks
and its catalogue tests draw the same kinds of inputs.
"""

from __future__ import annotations

import numpy as np


def away_from_zero(rng, shape, margin: float = 0.01, scale: float = 1.0) -> np.ndarray:
    """Normal draws (std `scale`) pushed at least `margin` away from 0, where ReLU and step bend."""
    x = rng.normal(scale=scale, size=shape)
    return x + np.where(x >= 0, margin, -margin)


def softmax_rows(x: np.ndarray) -> np.ndarray:
    """Softmax over the last axis (the grader's own, for building inputs; never the student's)."""
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def one_hot(labels, classes: int) -> np.ndarray:
    """Float one-hot rows for integer `labels` of any shape: shape `labels.shape + (classes,)`."""
    return np.eye(classes)[labels]


def logits(rng, n: int, c: int, scale: float = 2.0, min_p: float = 0.02):
    """Scores (n, c) and labels (n,) where the true class keeps probability >= min_p.

    Then an exact log-softmax loss and cross_entropy_error's `+1e-7` agree to ~1e-5 relative.
    """
    x = scale * rng.normal(size=(n, c))
    t = rng.integers(0, c, size=n)
    rows = np.arange(n)
    p = softmax_rows(x)[rows, t]
    low = p < min_p
    x[rows[low], t[low]] += np.log(min_p / p[low]) + 0.5
    assert softmax_rows(x)[rows, t].min() >= min_p
    return x, t


def call_text(name: str, *args, **kwargs) -> str:
    """How a call reads in a message: `call_text("SGD", lr=0.1)` -> "SGD(lr=0.1)"."""
    shown = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
    return f"{name}({', '.join(shown)})"
