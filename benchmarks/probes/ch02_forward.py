"""Probes for ch02_forward (SPEC: step_function, sigmoid, relu, identity_function, softmax,
init_network (shapes and reproducibility only), forward)."""

from __future__ import annotations

import numpy as np

from . import differences

EDGE = np.array([-1000.0, -30.0, -1.0, -1e-3, 0.0, -0.0, 1e-3, 1.0, 30.0, 1000.0])


def elementwise(m, rng):
    seen = []
    for name in ("step_function", "sigmoid", "relu", "identity_function"):
        f = getattr(m, name)
        for x in (EDGE, EDGE.astype(np.float32), rng.normal(size=(3, 4)) * 5, rng.normal(size=(2, 3, 2)),
                  np.array([-2, 0, 3]), np.float64(0.5), np.float64(-2.0)):
            x0 = np.copy(x)
            out = f(x)
            seen.append((out, np.array_equal(x, x0)))
    return seen


def softmax(m, rng):
    seen = []
    for x in (rng.normal(size=4), rng.normal(size=(3, 5)) * 3, np.array([1000.0, 1000.0]), np.array([[1000.0, 1000.0], [-1000.0, 1000.0]]),
              np.array([[1.0, 2.0, 3.0], [3.0, 2.0, 1.0]]), np.array([5.0]), rng.normal(size=(4, 1)), np.array([[0.0, 0.0, 0.0]]),
              rng.normal(size=(2, 3)).astype(np.float32), np.array([1, 2, 3])):
        x0 = x.copy()
        seen.append((m.softmax(x), np.array_equal(x, x0)))
    return seen


def network(m, rng):
    seen = []
    a, b = m.init_network(seed=4), m.init_network(seed=4)
    seen.append({k: v.shape for k, v in a.items()})
    seen.append({k: np.array_equal(a[k], b[k]) for k in a})
    seen.append({k: v.shape for k, v in m.init_network().items()})
    for widths in [(2, 3, 2, 2), (4, 5, 3, 2), (1, 1, 1, 1), (3, 2, 6, 4)]:
        net = {}
        for i in range(3):
            net[f"W{i + 1}"] = rng.normal(size=(widths[i], widths[i + 1]))
            net[f"b{i + 1}"] = rng.normal(size=widths[i + 1])
        for x in (rng.normal(size=widths[0]), rng.normal(size=(5, widths[0])) * 3, np.full((2, widths[0]), 1000.0)):
            x0 = x.copy()
            seen.append((m.forward(net, x), np.array_equal(x, x0)))
    net = m.init_network(seed=1)
    seen.append(m.forward({k: v.copy() for k, v in net.items()}, np.array([1.0, 0.5])).shape)
    return seen


PROBES = [("activations", elementwise, range(3)), ("softmax", softmax, range(3)), ("forward", network, range(3))]


def run(reference, mutant):
    return differences(PROBES, reference, mutant)
