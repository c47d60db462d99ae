"""Shared helpers for the oracle tests: TensorFlow (or a skip), tape gradients, comparisons."""

from __future__ import annotations

import os

import numpy as np
import pytest

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
tf = pytest.importorskip("tensorflow")

# float64 on both sides: what is left is the order of the operations (about 1e-15 relative);
# 1e-9 leaves room for sums over a few hundred terms and for the square roots of the optimizers.
RTOL, ATOL = 1e-9, 1e-12


def tape(fn, inputs, dout):
    """fn(*inputs) in TensorFlow (float64) and the gradients of sum(fn(*inputs) * dout) for every input."""
    tensors = [tf.constant(np.asarray(a, dtype=np.float64)) for a in inputs]
    with tf.GradientTape() as recorder:
        recorder.watch(tensors)
        out = fn(*tensors)
    grads = recorder.gradient(out, tensors, output_gradients=tf.constant(np.asarray(dout, dtype=np.float64)))
    return out.numpy(), [g.numpy() for g in grads]


def close(got, want, rtol=RTOL, atol=ATOL, what=""):
    np.testing.assert_allclose(np.asarray(got, dtype=np.float64), np.asarray(want, dtype=np.float64),
                               rtol=rtol, atol=atol, err_msg=what)


def away_from_zero(rng, shape, margin=1e-3):
    """Normal draws with |x| >= margin (off ReLU's kink)."""
    x = rng.normal(size=shape)
    return np.where(x >= 0, x + margin, x - margin)
