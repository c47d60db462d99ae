"""Probes for ch05_optimizers (SPEC: SGD, Momentum, AdaGrad, RMSprop, Adam; he_normal, xavier_normal;
Dropout; l2_penalty, l2_penalty_grad). Random parts are judged by statistics and reproducibility, never
by the draws (the contract leaves them open)."""

from __future__ import annotations

import numpy as np

from . import differences

SEEDS = range(5)
OPTIMIZERS = [
    ("SGD", {}), ("SGD", {"lr": 0.3}),
    ("Momentum", {}), ("Momentum", {"lr": 0.1, "momentum": 0.5}),
    ("AdaGrad", {}), ("AdaGrad", {"lr": 0.5, "eps": 1e-3}),
    ("RMSprop", {}), ("RMSprop", {"lr": 0.1, "decay_rate": 0.5, "eps": 1e-2}),
    ("Adam", {}), ("Adam", {"lr": 0.05, "beta1": 0.5, "beta2": 0.9, "eps": 1e-3}),
]


def optimizers(m, rng):
    seen = []
    for name, kwargs in OPTIMIZERS:
        for dtype in (np.float64, np.float32):
            params = {"W1": rng.normal(size=(3, 4)), "b1": rng.normal(size=4), "W2": rng.normal(size=(2, 2, 3)),
                      "gamma": rng.normal(size=1)}
            params = {k: v.astype(dtype) for k, v in params.items()}
            objects = {k: id(v) for k, v in params.items()}
            opt = getattr(m, name)(**kwargs)
            history = []
            for step in range(6):
                grads = {k: (rng.normal(size=v.shape) * rng.choice([0.1, 1.0, 10.0])).astype(dtype) for k, v in params.items()}
                if step == 3:
                    grads["b1"][...] = 0.0  # a zero gradient
                copies = {k: g.copy() for k, g in grads.items()}
                opt.update(params, grads)
                history.append(({k: v.copy() for k, v in params.items()},
                                {k: np.array_equal(grads[k], copies[k]) for k in grads}))
            seen.append((history, {k: id(v) == objects[k] for k, v in params.items()}))
        # two parameter sets with the same key names but separate optimizers; a key first seen later
        opt = getattr(m, name)(**kwargs)
        p = {"W": np.ones(3)}
        opt.update(p, {"W": np.array([1.0, -2.0, 0.5])})
        opt.update(p, {"W": np.array([1.0, -2.0, 0.5])})
        seen.append(p["W"].copy())
    return seen


def initializers(m, rng):
    seen = []
    for name, gain in (("he_normal", 2.0), ("xavier_normal", 1.0)):
        f = getattr(m, name)
        for shape in [(400, 300), (20, 600), (64, 3, 5, 5), (32, 8, 3, 3), (1000, 1)]:
            fan = shape[0] if len(shape) == 2 else int(np.prod(shape[1:]))
            a = f(shape, rng=np.random.default_rng(5))
            b = f(shape, rng=np.random.default_rng(5))
            c = f(shape)
            std = np.sqrt(gain / fan)
            seen.append((a.shape, c.shape, np.array_equal(a, b),
                         bool(abs(np.std(a) / std - 1) < 0.05), bool(abs(np.mean(a)) < 0.05 * std),
                         bool(abs(np.std(c) / std - 1) < 0.05)))
        seen.append(f((2, 3), np.random.default_rng(1)).shape)
    return seen


def dropout(m, rng):
    seen = []
    for ratio in (None, 0.0, 0.2, 0.5, 0.8):
        for dtype in (np.float64, np.float32):
            layer = m.Dropout() if ratio is None else m.Dropout(dropout_ratio=ratio, seed=3)
            r = 0.5 if ratio is None else ratio
            x = (rng.normal(size=(300, 200)) + 0.01).astype(dtype)
            x0 = x.copy()
            out = layer.forward(x)
            kept = out != 0
            dout = rng.normal(size=x.shape).astype(dtype)
            d0 = dout.copy()
            dx = layer.backward(dout)
            scale = 1.0 / (1.0 - r)
            seen.append((out.shape, bool(np.allclose(out[kept], x[kept] * scale, rtol=1e-5)),
                         bool(abs(kept.mean() - (1 - r)) < 0.01), bool(np.allclose(dx, np.where(kept, dout * scale, 0.0), rtol=1e-5)),
                         np.array_equal(x, x0), np.array_equal(dout, d0)))
            seen.append(layer.forward(x, train_flg=False))
            seen.append(layer.forward(x, False) is x or np.array_equal(layer.forward(x, False), x))
            out2 = layer.forward(x)
            seen.append(bool(np.allclose(layer.backward(dout), np.where(out2 != 0, dout * scale, 0.0), rtol=1e-5)))
        if ratio is not None:
            a, b = m.Dropout(ratio, seed=9), m.Dropout(ratio, seed=9)
            x = rng.normal(size=(20, 30))
            seen.append(np.array_equal(a.forward(x), b.forward(x)))
            seen.append(np.array_equal(a.forward(x), b.forward(x)))
    return seen


def penalties(m, rng):
    seen = []
    params = {"W1": rng.normal(size=(3, 4)), "b1": rng.normal(size=4), "W2": rng.normal(size=(2, 2, 3)),
              "gamma1": rng.normal(size=3), "Wx": rng.normal(size=2)}
    copies = {k: v.copy() for k, v in params.items()}
    for lam in (0.0, 0.1, 1.0, 3.5):
        seen.append(m.l2_penalty(params, lam))
        seen.append(m.l2_penalty_grad(params, lam))
    seen.append(m.l2_penalty({"b": np.ones(2)}, 1.0))
    seen.append(m.l2_penalty_grad({"b": np.ones(2)}, 1.0))
    seen.append({k: np.array_equal(params[k], copies[k]) for k in params})
    return seen


PROBES = [
    ("optimizers", optimizers, SEEDS),
    ("initializers", initializers, range(2)),
    ("Dropout", dropout, range(3)),
    ("penalties", penalties, SEEDS),
]


def run(reference, mutant):
    return differences(PROBES, reference, mutant)
