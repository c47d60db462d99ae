"""Probes for ch07_batchnorm (SPEC: BatchNormalization on (N, D) and (N, C, H, W), training and
inference, running statistics, backward with dgamma and dbeta)."""

from __future__ import annotations

import numpy as np

from . import differences

SEEDS = range(6)
SHAPES = [(4, 3), (2, 5), (1, 4), (3, 2, 4, 5), (4, 3, 2, 2), (2, 1, 3, 1)]


def batchnorm(m, rng):
    seen = []
    for shape in SHAPES:
        F = shape[1]
        for dtype, kwargs in [(np.float64, {}), (np.float64, {"momentum": 0.5, "eps": 1e-2}),
                              (np.float64, {"momentum": 0.0}), (np.float32, {})]:
            gamma = (rng.normal(size=F) * 2).astype(dtype)
            beta = rng.normal(size=F).astype(dtype)
            x = (rng.normal(size=shape) * rng.choice([0.1, 1.0, 5.0]) + rng.normal()).astype(dtype)
            dout = rng.normal(size=shape).astype(dtype)
            layer = m.BatchNormalization(gamma, beta, **kwargs)
            copies = [a.copy() for a in (gamma, beta, x, dout)]
            out = layer.forward(x)
            seen.append((out, layer.backward(dout), layer.dgamma, layer.dbeta, layer.running_mean, layer.running_var,
                         [np.array_equal(a, c) for a, c in zip((gamma, beta, x, dout), copies)]))
            seen.append(layer.forward(x, train_flg=False))
            seen.append(layer.forward(x, False))
            x2 = (rng.normal(size=shape) * 3 - 1).astype(dtype)
            seen.append((layer.forward(x2, train_flg=True), layer.running_mean, layer.running_var))
            seen.append((layer.backward(2 * dout), layer.dgamma, layer.dbeta))
            seen.append(layer.forward(x2, train_flg=False))
            gamma *= -1.0  # held by reference
            beta += 1.0
            seen.append(layer.forward(x))
            seen.append((layer.backward(dout), layer.dgamma))
        # given running statistics
        rm, rv = rng.normal(size=F), rng.random(F) + 0.5
        layer = m.BatchNormalization(np.ones(F), np.zeros(F), running_mean=rm.copy(), running_var=rv.copy())
        x = rng.normal(size=shape)
        seen.append(layer.forward(x, train_flg=False))
        seen.append((layer.forward(x), layer.running_mean, layer.running_var))
        # a constant feature: the variance is 0 and eps keeps it finite
        xc = np.ones(shape) * 2.0
        layer = m.BatchNormalization(np.ones(F) * 1.5, np.zeros(F) + 0.25)
        seen.append((layer.forward(xc), layer.backward(rng.normal(size=shape)), layer.dgamma))
    return seen


PROBES = [("BatchNormalization", batchnorm, SEEDS)]


def run(reference, mutant):
    return differences(PROBES, reference, mutant)
