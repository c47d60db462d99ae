"""Public checks for ch05_optimizers: shipped to students, run by their self-check and by grading.

Optimizers are compared step by step with the reference on a few random parameters of different
shapes; initializers and dropout, whose draws differ between correct solutions, by statistics
with wide seeded margins. Learning-rate schedules are compared with the reference step by step;
an optimizer driven by a schedule gets a probe schedule (protocol.Probe "schedule_table") with
a different rate at every step, so the step it asks for shows in every update.
"""

import numpy as np

from autograder.engine.checks import Suite
from autograder.engine.compare import as_array, assert_close, require, shapes
from autograder.engine.inputs import call_text
from autograder.engine.probes import make_probe
from autograder.engine.protocol import Probe

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


def compare_steps(t, name, kwargs, params0, grads_seq, check_from=1, label="steps", rtol=1e-4, hint=None,
                  ref_kwargs=None, call=None, context=""):
    """Each update's change of each params[key] must match the reference's (steps >= check_from).

    Changes, not values, are compared, so a small wrong step is not hidden by a large parameter.
    `ref_kwargs` are the reference's arguments when they differ from what is sent (a probe is sent
    by name and built as a function on the grader's side); `call` is how the call reads in a message.
    """
    states = student_states(t, name, kwargs, params0, grads_seq)
    ref_kwargs = kwargs if ref_kwargs is None else ref_kwargs
    want = t.expect(label, lambda ref: reference_steps(ref, name, ref_kwargs, params0, grads_seq))
    call = call or call_text(name, **kwargs)
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
                             context=shapes(**params0) + f" {len(grads_seq)} update(s) with random grads." + context,
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


class _Shown(str):
    """A name shown as it is in call_text (`lr=schedule`, not `lr='schedule'`)."""

    def __repr__(self):
        return str(self)


# every hyperparameter but lr spelled out with its SPEC default, so that only the schedule matters
SCHEDULE_KWARGS = {
    "SGD": {},
    "Momentum": {"momentum": 0.9},
    "AdaGrad": {"eps": 1e-7},
    "RMSprop": {"decay_rate": 0.99, "eps": 1e-7},
    "Adam": {"beta1": 0.9, "beta2": 0.999, "eps": 1e-8},
}
SCHEDULE_UPDATES = 12
SCHEDULE_HINT = ("lr may be a schedule: update number t, counted from 0 once per call of update (not once per key), "
                 "uses lr(t); lr = self.lr(t) if callable(self.lr) else self.lr")
ADAM_SCHEDULE_HINT = ("Adam's own t counts from 1 for the bias correction, but the learning rate of its first update "
                      "is lr(0): use lr(t - 1), and m_hat, v_hat with t")


def check_schedule_driven(t, name):
    """`name(lr=schedule)` over many updates, with a different rate at every step."""
    params0 = draw_params(t.rng)
    grads_seq = [draw_grads(t.rng) for _ in range(SCHEDULE_UPDATES)]
    table = t.rng.permutation(np.linspace(0.02, 0.1, SCHEDULE_UPDATES + 3))  # every step its own rate, 5% apart
    kwargs = SCHEDULE_KWARGS[name]
    compare_steps(t, name, {"lr": Probe("schedule_table", (table,)), **kwargs}, params0, grads_seq,
                  ref_kwargs={"lr": make_probe("schedule_table", table), **kwargs},
                  call=call_text(name, lr=_Shown("schedule"), **kwargs),
                  context=f" lr is a schedule whose rate is different at every step t = 0, 1, ..., {len(table) - 1}.",
                  hint=SCHEDULE_HINT if name != "Adam" else ADAM_SCHEDULE_HINT)


@suite.check("SGD", "lr_schedule", points=2)
def sgd_lr_schedule(t):
    check_schedule_driven(t, "SGD")


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


PENALTY_HINTS = {
    "l2_penalty": "0.5 * lambda * sum(W**2) over the keys that start with 'W' only (not biases, gamma, beta)",
    "l2_penalty_grad": "return {key: lambda * W} for the keys that start with 'W' only",
    "l1_penalty": "lambda * sum(|W|) over the keys that start with 'W' only (not biases, gamma, beta); no factor 0.5",
    "l1_penalty_grad": "return {key: lambda * np.sign(W)} for the keys that start with 'W' only (np.sign(0) is 0)",
}


def check_penalty(t, name, shapes_):
    params = draw_params(t.rng, shapes_)
    lam = float(t.rng.uniform(0.05, 0.5))
    got = t.student.call(name, params, lam)
    want = t.expect("penalty", lambda ref: getattr(ref, name)(params, lam))
    assert_close(as_array(got, f"{name}(params, lambda)", ()), want,
                 f"{name}(params, {lam:.3g}) with keys {list(params)}", hint=PENALTY_HINTS[name])


def check_penalty_grad(t, name, shapes_, zeros=0.0):
    """`name(params, lambda)` against the reference; with `zeros`, about that fraction of each W is exactly 0."""
    params = draw_params(t.rng, shapes_)
    if zeros:
        params = {k: np.where(t.rng.random(v.shape) < zeros, 0.0, v) if k.startswith("W") else v
                  for k, v in params.items()}
    lam = float(t.rng.uniform(0.05, 0.5))
    got = t.student.call(name, params, lam)
    want = t.expect("grads", lambda ref: getattr(ref, name)(params, lam))
    hint = PENALTY_HINTS[name]
    what = f"{name}(params, {lam:.3g}) with keys {list(params)}"
    context = f"About {zeros:.0%} of the entries of each W are exactly 0." if zeros else ""
    require(isinstance(got, dict), f"{what} must return a dict, got {type(got).__name__}.", hint)
    require(set(got) == set(want), f"{what} returned the keys {sorted(got)}, expected {sorted(want)}.", hint)
    for key in want:
        assert_close(got[key], want[key], f"{what}['{key}']", hint=hint, context=context)


@suite.check("l2_penalty", "value", points=1)
def l2_value(t):
    check_penalty(t, "l2_penalty", L2_SHAPES)


@suite.check("l2_penalty_grad", "value", points=1)
def l2_grad_value(t):
    check_penalty_grad(t, "l2_penalty_grad", L2_SHAPES)


@suite.check("l1_penalty", "value", points=1)
def l1_value(t):
    check_penalty(t, "l1_penalty", L2_SHAPES)


@suite.check("l1_penalty_grad", "value", points=1)
def l1_grad_value(t):
    check_penalty_grad(t, "l1_penalty_grad", L2_SHAPES)


# ---- learning-rate schedules ----------------------------------------------------------------

SCHEDULE_HINTS = {
    "StepDecay": "initial_lr * drop ** (step // steps_per_drop): the rate changes exactly at multiples of steps_per_drop",
    "ExponentialDecay": "initial_lr * decay_rate ** (step / decay_steps), with the ratio floored when staircase",
    "CosineDecay": "initial_lr * ((1 - alpha) * 0.5 * (1 + cos(pi * s / decay_steps)) + alpha) with "
    "s = min(step, decay_steps)",
}


def check_schedule(t, name, args, kwargs, steps, hint=None):
    """`name(*args, **kwargs)(step)` for every step (python ints), against the reference."""
    call = call_text(name, *args, **kwargs)
    schedule = t.student.new(name, *args, **kwargs)
    want = t.expect("lr", lambda ref: [float(getattr(ref, name)(*args, **kwargs)(s)) for s in steps])
    for step, value in zip(steps, want):
        got = as_array(schedule(step), f"{call}({step})", ())
        assert_close(got, value, f"{call}({step})", rtol=1e-6, atol=1e-12, hint=hint or SCHEDULE_HINTS[name])


def rounded(rng, low, high, digits=3):
    """A uniform draw rounded for the messages."""
    return round(float(rng.uniform(low, high)), digits)


@suite.check("StepDecay", "values", points=2)
def step_decay_values(t):
    every = int(t.rng.integers(3, 8))
    args, kwargs = (rounded(t.rng, 0.05, 0.5),), {"drop": rounded(t.rng, 0.2, 0.8, 2), "steps_per_drop": every}
    check_schedule(t, "StepDecay", args, kwargs, list(range(0, 4 * every + 2)))


@suite.check("ExponentialDecay", "values", points=2)
def exponential_decay_values(t):
    decay_steps = int(t.rng.integers(4, 12))
    args = (rounded(t.rng, 0.05, 0.5), decay_steps, rounded(t.rng, 0.3, 0.9, 2))
    check_schedule(t, "ExponentialDecay", args, {}, list(range(0, 3 * decay_steps + 2)))


@suite.check("CosineDecay", "values", points=2)
def cosine_decay_values(t):
    decay_steps = int(t.rng.integers(10, 30))
    check_schedule(t, "CosineDecay", (rounded(t.rng, 0.05, 0.5), decay_steps), {}, list(range(0, decay_steps + 1)))

