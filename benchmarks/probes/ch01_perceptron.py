"""Probes for ch01_perceptron (SPEC: perceptron, AND/NAND/OR/XOR truth tables, train_perceptron).
GATE_PARAMS and trained weights are open (the contract): judged by truth tables and fits."""

from __future__ import annotations

import numpy as np

from . import differences

INPUTS = [(0, 0), (0, 1), (1, 0), (1, 1)]


def perceptron(m, rng):
    seen = []
    for d in (1, 2, 5):
        w = rng.normal(size=d)
        b = float(rng.normal())
        X = rng.normal(size=(7, d))
        seen.append(m.perceptron(X, w, b))
        seen.append([m.perceptron(x, w, b) for x in X])
        seen.append(m.perceptron(X.astype(np.float32), w, b))
        seen.append(m.perceptron(list(X[0]), list(w), b))
        seen.append(m.perceptron(np.zeros(d), w, 0.0))  # exactly 0: not > 0
        seen.append(m.perceptron(np.zeros((3, d)), w, 0.0))
        seen.append(m.perceptron(np.zeros((3, d)), w, 1e-9))
    X = rng.integers(-3, 4, size=(20, 2)).astype(float)
    seen.append(m.perceptron(X, np.array([1.0, -1.0]), 0.0))  # many ties at w.x + b == 0
    return seen


def gates(m, rng):
    seen = []
    for name in ("AND", "NAND", "OR", "XOR"):
        gate = getattr(m, name)
        seen.append([gate(a, b) for a, b in INPUTS])
        seen.append([type(gate(a, b)).__name__ in ("int", "int64", "int32") for a, b in INPUTS])
        seen.append([gate(np.int64(a), np.int64(b)) for a, b in INPUTS])
        seen.append([gate(float(a), float(b)) for a, b in INPUTS])
    for name in ("AND", "NAND", "OR"):
        w, b = m.GATE_PARAMS[name]
        seen.append([m.perceptron(np.array([x1, x2]), w, b) for x1, x2 in INPUTS])
    return seen


def train(m, rng):
    seen = []
    for n, d, lr, epochs in [(20, 2, 0.1, 100), (40, 3, 0.5, 200), (10, 1, 0.01, 500), (30, 4, None, None)]:
        w_true = rng.normal(size=d)
        X = rng.normal(size=(n, d))
        margin = X @ w_true + 0.3
        X = X[np.abs(margin) > 0.2]  # separable with a margin
        y = (X @ w_true + 0.3 > 0).astype(int)
        kwargs = {} if lr is None else {"lr": lr, "epochs": epochs}
        w, b = m.train_perceptron(X, y, seed=3, **kwargs)
        w2, b2 = m.train_perceptron(X, y, seed=3, **kwargs)
        seen.append((np.shape(w), np.array_equal(w, w2), b == b2,
                     np.array_equal(m.perceptron(X, w, b), y), np.array_equal(((X @ np.asarray(w) + b) > 0).astype(int), y)))
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], float)
    for name, y in (("AND", [0, 0, 0, 1]), ("OR", [0, 1, 1, 1]), ("NAND", [1, 1, 1, 0])):
        w, b = m.train_perceptron(X, np.array(y), seed=0)
        seen.append(((X @ np.asarray(w) + b) > 0).astype(int))
    X0 = X.copy()
    m.train_perceptron(X, np.array([0, 0, 0, 1]))
    seen.append(np.array_equal(X, X0))
    return seen


PROBES = [("perceptron", perceptron, range(5)), ("gates", gates, range(1)), ("train_perceptron", train, range(5))]


def run(reference, mutant):
    return differences(PROBES, reference, mutant)
