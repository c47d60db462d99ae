"""Probes for ch05_optimizers (SPEC: SGD, Momentum, AdaGrad, RMSprop, Adam, with a number or a schedule as
lr; he_normal, xavier_normal; Dropout; l2_penalty, l2_penalty_grad, l1_penalty, l1_penalty_grad; StepDecay,
ExponentialDecay, CosineDecay). Random parts are judged by statistics and reproducibility, never by the
draws (the contract leaves them open)."""

from __future__ import annotations

import numpy as np

from . import differences

SEEDS = range(5)
OPTIMIZERS = [
    ("SGD", {}), ("SGD", {"lr": 0.3}),
    ("Momentum", {}), ("Momentum", {"lr": 0.1, "momentum": 0.5}),
    ("AdaGrad", {}), ("AdaGrad", {"lr": 0.5, "eps": 1e-3}),
    ("RMSprop", {}), ("RMSprop", {"lr": 0.1, "decay_rate": 0.5, "eps": 1e-2}),
    ("RMSprop", {"lr": 0.05, "decay_rate": 0.3}),
    ("Adam", {}), ("Adam", {"lr": 0.05, "beta1": 0.5, "beta2": 0.9, "eps": 1e-3}),
    ("Adam", {"lr": 0.02, "beta1": 0.3, "beta2": 0.4}),  # rates <= 0.5: there 1 % beta != 1 - beta
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
                         # c is unseeded: 6 standard errors of a sample std (1/sqrt(2n) relative), never a flake
                         bool(abs(np.std(c) / std - 1) < max(0.05, 6 / np.sqrt(2 * c.size)))))
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
            seen.append(bool(np.allclose(layer.backward(2 * dout), np.where(out2 != 0, 2 * dout * scale, 0.0), rtol=1e-5)))
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


def optimizers_with_schedules(m, rng):
    """lr as a schedule: update number t (from 0, once per call of update, not per key) uses lr(t)."""
    seen = []
    table = rng.uniform(0.01, 0.2, size=20)
    schedules = {"table": lambda step: float(table[step]), "constant": lambda step: 0.05,
                 "step_decay": m.StepDecay(0.1, drop=0.5, steps_per_drop=3)}
    for name in ("SGD", "Momentum", "AdaGrad", "RMSprop", "Adam"):
        for label, schedule in schedules.items():
            params = {"W": rng.normal(size=(3, 2)), "b": rng.normal(size=2), "W2": rng.normal(size=(2, 2, 2))}
            opt = getattr(m, name)(lr=schedule)
            history = []
            for _ in range(12):
                grads = {k: rng.choice([-1.0, 1.0], size=v.shape) * rng.uniform(0.1, 2.0, size=v.shape)
                         for k, v in params.items()}
                opt.update(params, grads)
                history.append({k: v.copy() for k, v in params.items()})
            seen.append((label, history))
        # the same optimizer with a constant schedule and with that number: the same steps
        p1, p2 = {"W": np.ones(4)}, {"W": np.ones(4)}
        a, b = getattr(m, name)(lr=lambda step: 0.03), getattr(m, name)(lr=0.03)
        for g in (np.array([1.0, -2.0, 0.5, 0.1]), np.array([-0.3, 0.2, 1.5, -1.0])):
            a.update(p1, {"W": g.copy()})
            b.update(p2, {"W": g.copy()})
        seen.append(np.abs(p1["W"] - p2["W"]).max() <= 1e-12 * np.abs(p2["W"]).max() + 1e-15)
    return seen


def l1_penalties(m, rng):
    seen = []
    params = {"W1": rng.normal(size=(3, 4)), "b1": rng.normal(size=4), "W2": rng.normal(size=(2, 2, 3)),
              "gamma1": rng.normal(size=3), "beta1": rng.normal(size=3), "Wx": rng.normal(size=2)}
    params["W1"][0, :2] = 0.0  # sign(0) = 0
    params["W2"][1, 1, 1] = -0.0
    copies = {k: v.copy() for k, v in params.items()}
    for lam in (0.0, 0.1, 1.0, 3.5):
        seen.append(m.l1_penalty(params, lam))
        seen.append(m.l1_penalty_grad(params, lam))
    seen.append(m.l1_penalty({"b": np.ones(2)}, 1.0))
    seen.append(m.l1_penalty_grad({"b": np.ones(2)}, 1.0))
    seen.append(m.l1_penalty({"W": np.zeros((2, 2))}, 2.0))
    seen.append(m.l1_penalty_grad({"W": np.array([0.0, -0.0, 1e-300, -1e-300])}, 2.0))
    seen.append(m.l1_penalty_grad({"W": np.array([1, -2, 0])}, 0.5))  # integer weights
    seen.append({k: np.array_equal(params[k], copies[k]) for k in params})
    return seen


def _rates(schedule, steps):
    return [float(schedule(int(s))) for s in steps]


def schedules(m, rng):
    """Every schedule as a pure function of step: asked in order, shuffled and twice for the same step."""
    seen = []
    steps = list(range(0, 120))
    shuffled = [int(s) for s in rng.permutation(steps)] + [0, 7, 7, 30]
    initial = float(rng.uniform(0.05, 0.5))
    made = [
        m.StepDecay(initial), m.StepDecay(initial, drop=0.3), m.StepDecay(initial, steps_per_drop=7),
        m.StepDecay(initial, drop=0.8, steps_per_drop=1), m.StepDecay(initial, 0.5, 25),
        m.ExponentialDecay(initial, 10, 0.5), m.ExponentialDecay(initial, 7, 0.9, staircase=True),
        m.ExponentialDecay(initial, 7, 0.9, staircase=False), m.ExponentialDecay(initial, 1, 0.95),
        m.ExponentialDecay(initial, 13, 1.5, True),
        m.CosineDecay(initial, 50), m.CosineDecay(initial, 50, alpha=0.2), m.CosineDecay(initial, 1),
        m.CosineDecay(initial, 37, alpha=0.1, warmup_steps=10, warmup_target=2 * initial),
        m.CosineDecay(initial, 37, warmup_steps=10),  # no warmup_target: warmup_steps ignored
        m.CosineDecay(initial, 20, alpha=0.5, warmup_steps=5, warmup_target=initial / 2),  # a warmup down
        m.CosineDecay(initial, 60, warmup_steps=1, warmup_target=1.0),
    ]
    for schedule in made:
        seen.append(_rates(schedule, steps))
        seen.append(_rates(schedule, shuffled))
    seen.append(type(m.StepDecay(0.1)(3)).__name__ in ("float", "float64"))
    return seen


PROBES = [
    ("optimizers", optimizers, SEEDS),
    ("optimizers with a schedule", optimizers_with_schedules, range(3)),
    ("L1 penalties", l1_penalties, SEEDS),
    ("schedules", schedules, range(3)),
    ("initializers", initializers, range(2)),
    ("Dropout", dropout, range(3)),
    ("penalties", penalties, SEEDS),
]


def run(reference, mutant):
    return differences(PROBES, reference, mutant)
