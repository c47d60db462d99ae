"""Public checks for ch05_optimizers: shipped to students, run by their self-check and by grading.

Optimizers are compared step by step with the reference on a few random parameters of different
shapes; initializers and dropout, whose draws differ between correct solutions, by statistics
with wide seeded margins.
"""

import numpy as np

from autograder.engine.checks import Suite
from autograder.engine.compare import as_array, assert_close, require, shapes
from autograder.engine.inputs import call_text

suite = Suite("ch05_optimizers", public=True)

SHAPES = {"W1": (3, 4), "b1": (4,), "W2": (4, 2)}  # state must be kept per key: the shapes differ

UPDATE_HINTS = {
    "SGD": "p -= lr * g, in place, for every key",
    "Momentum": "v = momentum*v - lr*g; p += v (v starts at 0, one per key)",
    "AdaGrad": "h += g*g; p -= lr * g / (sqrt(h) + eps) (h starts at 0, one per key)",
    "RMSprop": "h = decay_rate*h + (1 - decay_rate)*g*g; p -= lr * g / (sqrt(h) + eps)",
    "Adam": "m, v moving averages of g and g*g; m_hat = m/(1 - beta1**t), v_hat = v/(1 - beta2**t) with t "
    "counting updates from 1; p -= lr * m_hat / (sqrt(v_hat) + eps)",
}


# ---- inputs ---------------------------------------------------------------------------------


def draw_params(rng, shapes=SHAPES):
    return {k: rng.normal(size=s) for k, s in shapes.items()}


def draw_grads(rng, shapes=SHAPES, low=0.1, high=2.0):
    """Gradients with |g| in [low, high], random signs: |g| >= 0.1 keeps Adam's two orders within 3e-6."""
    return {k: rng.choice([-1.0, 1.0], size=s) * rng.uniform(low, high, size=s) for k, s in shapes.items()}


# ---- running an optimizer on both sides ------------------------------------------------------


def reference_steps(ref, name, kwargs, params0, grads_seq):
    """The change of every params[key] made by each update of the reference optimizer."""
    params = {k: v.copy() for k, v in params0.items()}
    optimizer = getattr(ref, name)(**kwargs)
    steps = []
    for grads in grads_seq:
        before = {k: v.copy() for k, v in params.items()}
        optimizer.update(params, {k: g.copy() for k, g in grads.items()})
        steps.append({k: params[k] - before[k] for k in params})
    return steps


def student_states(t, name, kwargs, params0, grads_seq):
    """The student's params dict after each update (params stored on the student side)."""
    params = t.student.put(params0)
    optimizer = t.student.new(name, **kwargs)
    states = []
    for grads in grads_seq:
        optimizer.call("update", params, grads)
        states.append(params.value())
    return states


def compare_steps(t, name, kwargs, params0, grads_seq, check_from=1, label="steps", rtol=1e-4, hint=None):
    """Each update's change of each params[key] must match the reference's (steps >= check_from).

    Changes, not values, are compared, so a small wrong step is not hidden by a large parameter.
    """
    states = student_states(t, name, kwargs, params0, grads_seq)
    want = t.expect(label, lambda ref: reference_steps(ref, name, kwargs, params0, grads_seq))
    call = call_text(name, **kwargs)
    before = params0
    for step, (state, want_step) in enumerate(zip(states, want), start=1):
        require(isinstance(state, dict) and set(state) == set(params0),
                f"after {call}.update, params must still be a dict with keys {sorted(params0)}.")
        now = {k: as_array(state[k], f"params['{k}'] after {call}.update", params0[k].shape) for k in params0}
        if step >= check_from:
            for key in params0:
                scale = float(np.max(np.abs(want_step[key]), initial=0.0))
                assert_close(now[key] - before[key], want_step[key],
                             f"{call}: the change of params['{key}'] made by update number {step}",
                             rtol=rtol, atol=1e-6 * scale + 1e-12,
                             context=shapes(**params0) + f" {len(grads_seq)} update(s) with random grads.",
                             hint=hint or UPDATE_HINTS[name])
        before = now


TRAJECTORY_KWARGS = {
    "SGD": {"lr": 0.05},
    "Momentum": {"lr": 0.05, "momentum": 0.8},
    "AdaGrad": {"lr": 0.05, "eps": 0.01},
    "RMSprop": {"lr": 0.05, "decay_rate": 0.9, "eps": 0.01},
    "Adam": {"lr": 0.02, "beta1": 0.8, "beta2": 0.95},  # the SPEC eps, so the "efficient" order passes
}


def check_trajectory(t, name, kwargs, steps=6):
    params0 = draw_params(t.rng)
    grads_seq = [draw_grads(t.rng) for _ in range(steps)]
    compare_steps(t, name, kwargs, params0, grads_seq)


for _name, _kwargs in TRAJECTORY_KWARGS.items():

    def _trajectory(t, name=_name, kwargs=_kwargs):
        check_trajectory(t, name, kwargs)

    suite.check(_name, "trajectory", points=3)(_trajectory)


# ---- initializers ---------------------------------------------------------------------------


def student_rng(t, seed):
    """A numpy Generator made on the student side (the `rng` argument of the initializers)."""
    return t.student.remote("np.random.default_rng").keep(seed)


INIT_STD = {"he_normal": ("sqrt(2 / fan_in)", 2.0), "xavier_normal": ("sqrt(1 / fan_in)", 1.0)}


def fan_in(shape):
    return shape[0] if len(shape) == 2 else int(np.prod(shape[1:]))


def check_init_std(t, name, shape):
    """std within 4% of the SPEC value (over 50k+ draws one standard error is under 0.35%)."""
    formula, gain = INIT_STD[name]
    w = t.student.call(name, shape, rng=student_rng(t, int(t.rng.integers(2**31))))
    w = as_array(w, f"{name}({shape}, rng)", shape)
    want = np.sqrt(gain / fan_in(shape))
    got_std, got_mean = float(np.std(w)), float(np.mean(w))
    rule = "fan_in = shape[0] for a 2-D shape" if len(shape) == 2 else "fan_in = prod(shape[1:]) for a 4-D shape"
    require(abs(got_std / want - 1) < 0.04,
            f"{name}({shape}, rng) has std {got_std:.4g}, expected {formula} = {want:.4g} "
            f"(fan_in = {fan_in(shape)}).", f"std = {formula} with {rule}")
    require(abs(got_mean) < 6 * want / np.sqrt(w.size),
            f"{name}({shape}, rng) has mean {got_mean:.3g}, expected about 0.", "draw from a normal with mean 0")


@suite.check("he_normal", "std", points=2)
def he_std(t):
    check_init_std(t, "he_normal", (300, 200))


@suite.check("xavier_normal", "std", points=2)
def xavier_std(t):
    check_init_std(t, "xavier_normal", (300, 200))


# ---- Dropout --------------------------------------------------------------------------------

DROPOUT_N = 100_000


def dropout_forward(t, ratio, x):
    layer = t.student.new("Dropout", ratio, seed=int(t.rng.integers(2**31)))
    return as_array(layer.call("forward", x, True), f"Dropout({ratio}).forward(x, train_flg=True)", x.shape)


@suite.check("Dropout", "kept_fraction", points=2)
def dropout_kept_fraction(t):
    for ratio in (0.3, 0.7):
        x = t.rng.uniform(0.5, 1.5, size=DROPOUT_N)  # never 0, so out != 0 exactly where kept
        kept = float(np.mean(dropout_forward(t, ratio, x) != 0))
        # one standard error of the kept fraction is sqrt(0.21 / 1e5) = 0.0015; allow 0.01
        require(abs(kept - (1 - ratio)) < 0.01,
                f"Dropout({ratio}).forward(x) kept {kept:.2%} of {DROPOUT_N} entries, expected about {1 - ratio:.0%}.",
                "dropout_ratio is the probability to DROP an entry: keep where rng.random(x.shape) >= dropout_ratio")


@suite.check("Dropout", "scaling", points=2)
def dropout_scaling(t):
    for ratio in (0.3, 0.7):
        x = t.rng.uniform(0.5, 1.5, size=DROPOUT_N)
        out = dropout_forward(t, ratio, x)
        kept = out != 0
        hint = "inverted dropout: scale the kept entries by 1 / (1 - dropout_ratio) in training"
        require(kept.any(), f"Dropout({ratio}).forward(x) dropped every entry.", hint)
        assert_close(out[kept], x[kept] / (1 - ratio), f"Dropout({ratio}).forward(x, train_flg=True) at kept entries",
                     context=f"Shapes: x ({DROPOUT_N},).", hint=hint)
        # mean(out) / mean(x) has a standard error of about 0.5%; allow 5%
        ratio_of_means = float(out.mean() / x.mean())
        require(abs(ratio_of_means - 1) < 0.05,
                f"Dropout({ratio}).forward(x): mean(out) / mean(x) = {ratio_of_means:.3f}, expected about 1.", hint)


# ---- weight decay ---------------------------------------------------------------------------

L2_SHAPES = {"W1": (3, 4), "b1": (4,), "W2": (4, 2), "b2": (2,)}


def check_l2_penalty(t, shapes_):
    params = draw_params(t.rng, shapes_)
    lam = float(t.rng.uniform(0.05, 0.5))
    got = t.student.call("l2_penalty", params, lam)
    want = t.expect("penalty", lambda ref: ref.l2_penalty(params, lam))
    assert_close(as_array(got, "l2_penalty(params, lambda)", ()), want,
                 f"l2_penalty(params, {lam:.3g}) with keys {list(params)}",
                 hint="0.5 * lambda * sum(W**2) over the keys that start with 'W' only (not biases, gamma, beta)")


def check_l2_grad(t, shapes_):
    params = draw_params(t.rng, shapes_)
    lam = float(t.rng.uniform(0.05, 0.5))
    got = t.student.call("l2_penalty_grad", params, lam)
    want = t.expect("grads", lambda ref: ref.l2_penalty_grad(params, lam))
    hint = "return {key: lambda * W} for the keys that start with 'W' only"
    what = f"l2_penalty_grad(params, {lam:.3g}) with keys {list(params)}"
    require(isinstance(got, dict), f"{what} must return a dict, got {type(got).__name__}.", hint)
    require(set(got) == set(want), f"{what} returned the keys {sorted(got)}, expected {sorted(want)}.", hint)
    for key in want:
        assert_close(got[key], want[key], f"{what}['{key}']", hint=hint)


@suite.check("l2_penalty", "value", points=1)
def l2_value(t):
    check_l2_penalty(t, L2_SHAPES)


@suite.check("l2_penalty_grad", "value", points=1)
def l2_grad_value(t):
    check_l2_grad(t, L2_SHAPES)

