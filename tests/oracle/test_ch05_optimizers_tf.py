"""ch05's optimizers against Keras' over 10 steps of the same gradient sequence, in float64; its
learning-rate schedules against keras.optimizers.schedules at every step (section at the end).

Where the formulas agree, they are compared directly. Where Keras writes the update differently,
the parameters are adapted so that both compute the same thing:

| ours (SPEC) | keras.optimizers | adaptation |
|---|---|---|
| SGD: p -= lr*g | SGD(learning_rate) | none |
| Momentum: v = m*v - lr*g; p += v | SGD(learning_rate, momentum): the same velocity, same sign | none |
| AdaGrad: p -= lr*g / (sqrt(h) + eps), h from 0 | Adagrad: p -= lr*g / sqrt(h + epsilon), h from initial_accumulator_value=0.1 | initial_accumulator_value=0, eps = epsilon = 0 |
| RMSprop(decay_rate=0.99): p -= lr*g / (sqrt(h) + eps) | RMSprop(rho=0.9): p -= lr*g / sqrt(h + epsilon) | rho = decay_rate, eps = epsilon = 0 |
| Adam: lr*m_hat / (sqrt(v_hat) + eps), eps=1e-8 | Adam: lr_t*m / (sqrt(v) + epsilon), lr_t = lr*sqrt(1-b2^t)/(1-b1^t) (the paper's "efficient" order: epsilon/sqrt(1-b2^t) in our form), epsilon=1e-7 | eps = epsilon = 0 |

Keras turns the learning rate (a float32 variable), `momentum` and Adam's betas into float32
before casting them to the variables' float64, so the tests use values that float32 holds
exactly (0.125, 2**-6, 0.875, 1 - 2**-9); with 0.1 or 0.9 the two sides differ by ~1e-7 relative.
With eps = 0 the adapted formulas are equal and agree to float64 rounding (RTOL 1e-9).

With each side's own epsilon the difference is the epsilon placement, bounded per element
relative to how far the parameter moved: eps inside the root acts like sqrt(eps) outside, a
relative change of about eps / (2h). With gradients of size >= 0.1: AdaGrad's h >= 0.01 (< 1e-5);
RMSprop's h = (1 - rho)*g*g >= 1e-4 on the first step (< 1e-3); Adam's rescaled epsilon
1e-7/sqrt(1 - b2^t) <= 3.2e-6 against sqrt(v_hat) ~ |g| >= 0.1 (< 1e-4).
"""

import numpy as np
import pytest

from tests.oracle.tf_helpers import close, tf

from solutions import ch05_optimizers as ch05

keras = pytest.importorskip("keras")

STEPS = 10
SHAPES = {"W1": (3, 4), "b1": (4,), "W2": (4, 2)}


def gradient_sequence(seed):
    """STEPS dicts of gradients with entries of size 0.1 to 2 and random signs (no zeros: eps = 0 is safe)."""
    rng = np.random.default_rng(seed)
    return [{k: rng.choice([-1.0, 1.0], size=s) * rng.uniform(0.1, 2.0, size=s) for k, s in SHAPES.items()}
            for _ in range(STEPS)]


def run_ours(optimizer, params, grads):
    params = {k: v.copy() for k, v in params.items()}
    for g in grads:
        optimizer.update(params, {k: v.copy() for k, v in g.items()})
    return params


def run_keras(optimizer, params, grads):
    variables = {k: keras.Variable(v.copy(), dtype="float64") for k, v in params.items()}
    for g in grads:
        optimizer.apply_gradients([(tf.constant(g[k]), variables[k]) for k in SHAPES])
    return {k: np.asarray(v.numpy()) for k, v in variables.items()}


CASES = {
    "sgd": (lambda: ch05.SGD(lr=0.125), lambda: keras.optimizers.SGD(learning_rate=0.125)),
    "momentum-same-sign-convention": (lambda: ch05.Momentum(lr=0.125, momentum=0.875),
                                      lambda: keras.optimizers.SGD(learning_rate=0.125, momentum=0.875)),
    "adagrad-accumulator-from-0-eps-0": (lambda: ch05.AdaGrad(lr=0.125, eps=0.0),
                                         lambda: keras.optimizers.Adagrad(learning_rate=0.125, initial_accumulator_value=0.0,
                                                                          epsilon=0.0)),
    "rmsprop-rho-as-decay-rate-eps-0": (lambda: ch05.RMSprop(lr=0.015625, decay_rate=0.99, eps=0.0),
                                        lambda: keras.optimizers.RMSprop(learning_rate=0.015625, rho=0.99, epsilon=0.0)),
    "adam-eps-0": (lambda: ch05.Adam(lr=0.015625, beta1=0.875, beta2=1 - 2**-9, eps=0.0),
                   lambda: keras.optimizers.Adam(learning_rate=0.015625, beta_1=0.875, beta_2=1 - 2**-9, epsilon=0.0)),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_same_formula_same_parameters(case):
    """After adapting the parameters as the table says, do 10 steps give the same parameters as Keras?"""
    ours, theirs = CASES[case]
    rng = np.random.default_rng(10)
    params = {k: rng.normal(size=s) for k, s in SHAPES.items()}
    grads = gradient_sequence(11)
    got, want = run_ours(ours(), params, grads), run_keras(theirs(), params, grads)
    for key in SHAPES:
        close(got[key], want[key], what=f"{case}: {key} after {STEPS} steps")
        assert not np.allclose(got[key], params[key]), "the parameters must have moved"


EPSILON_CASES = {
    "adagrad-eps-1e-7-outside-vs-inside-root": (lambda: ch05.AdaGrad(lr=0.125, eps=1e-7),
                                                lambda: keras.optimizers.Adagrad(learning_rate=0.125, initial_accumulator_value=0.0,
                                                                                 epsilon=1e-7), 1e-5),
    "rmsprop-eps-1e-7-outside-vs-inside-root": (lambda: ch05.RMSprop(lr=0.015625, decay_rate=0.99, eps=1e-7),
                                                lambda: keras.optimizers.RMSprop(learning_rate=0.015625, rho=0.99, epsilon=1e-7),
                                                1e-3),
    "adam-eps-1e-8-vs-keras-rescaled-1e-7": (lambda: ch05.Adam(lr=0.015625, beta1=0.875, beta2=1 - 2**-9),
                                             lambda: keras.optimizers.Adam(learning_rate=0.015625, beta_1=0.875,
                                                                           beta_2=1 - 2**-9), 1e-4),
}


@pytest.mark.parametrize("case", EPSILON_CASES, ids=list(EPSILON_CASES))
def test_epsilon_placement_is_a_bounded_difference(case):
    """With each side's own epsilon (the defaults), is every parameter's difference within the bound the
    module docstring derives, relative to how far the parameter moved?"""
    ours, theirs, bound = EPSILON_CASES[case]
    rng = np.random.default_rng(12)
    params = {k: rng.normal(size=s) for k, s in SHAPES.items()}
    grads = gradient_sequence(13)
    got, want = run_ours(ours(), params, grads), run_keras(theirs(), params, grads)
    for key in SHAPES:
        moved = np.abs(want[key] - params[key])
        assert np.all(np.abs(got[key] - want[key]) <= bound * moved), f"{case}: {key}"
        assert not np.array_equal(got[key], want[key]), "the epsilons differ, so should the results"


def test_keras_adagrad_default_accumulator_is_a_real_difference():
    """Keras' Adagrad starts its accumulator at 0.1, ours at 0: with the defaults the steps differ (why the
    table adapts initial_accumulator_value)."""
    rng = np.random.default_rng(14)
    params = {k: rng.normal(size=s) for k, s in SHAPES.items()}
    grads = gradient_sequence(15)
    got = run_ours(ch05.AdaGrad(lr=0.125), params, grads)
    want = run_keras(keras.optimizers.Adagrad(learning_rate=0.125), params, grads)
    assert not np.allclose(got["W1"], want["W1"], rtol=1e-3)


# ---- learning-rate schedules ------------------------------------------------------------------
#
# Keras computes a schedule in the dtype of initial_learning_rate and casts decay_rate and
# warmup_target to it: a Python float becomes float32 (a difference of ~1e-7 relative), so the
# Keras side gets np.float64 values and both sides agree to float64 rounding.

SCHEDULE_STEPS = list(range(0, 301)) + [450, 999, 5000]

EXPONENTIAL_CASES = {
    "smooth": dict(initial_lr=0.1, decay_steps=7, decay_rate=0.6),
    "smooth-slow": dict(initial_lr=0.5, decay_steps=100, decay_rate=0.96),
    "staircase": dict(initial_lr=0.1, decay_steps=7, decay_rate=0.6, staircase=True),
    "staircase-every-step": dict(initial_lr=0.3, decay_steps=1, decay_rate=0.9, staircase=True),
    "staircase-long": dict(initial_lr=0.05, decay_steps=50, decay_rate=0.5, staircase=True),
}


def schedule_values(schedule, steps=SCHEDULE_STEPS):
    return np.array([float(schedule(s)) for s in steps])


@pytest.mark.parametrize("case", EXPONENTIAL_CASES, ids=list(EXPONENTIAL_CASES))
def test_exponential_decay_matches_keras(case):
    """Does ExponentialDecay give keras.optimizers.schedules.ExponentialDecay's value at every step
    0..300 and a few far ones, smooth and with staircase (where every step around a drop counts)?"""
    kw = EXPONENTIAL_CASES[case]
    ours = ch05.ExponentialDecay(kw["initial_lr"], kw["decay_steps"], kw["decay_rate"], kw.get("staircase", False))
    theirs = keras.optimizers.schedules.ExponentialDecay(np.float64(kw["initial_lr"]), kw["decay_steps"],
                                                          np.float64(kw["decay_rate"]), staircase=kw.get("staircase", False))
    close(schedule_values(ours), schedule_values(theirs), what=case)


COSINE_CASES = {
    "no-warmup": dict(initial_lr=0.1, decay_steps=50),
    "alpha": dict(initial_lr=0.1, decay_steps=50, alpha=0.2),
    "warmup": dict(initial_lr=0.01, decay_steps=120, alpha=0.1, warmup_steps=30, warmup_target=0.4),
    "warmup-from-0": dict(initial_lr=0.0, decay_steps=200, warmup_steps=100, warmup_target=0.1),
    "warmup-down": dict(initial_lr=0.5, decay_steps=60, alpha=0.3, warmup_steps=13, warmup_target=0.2),
    "warmup-steps-ignored-without-target": dict(initial_lr=0.1, decay_steps=80, alpha=0.25, warmup_steps=20),
    "target-without-warmup-steps": dict(initial_lr=0.01, decay_steps=40, alpha=0.5, warmup_target=0.3),
}


@pytest.mark.parametrize("case", COSINE_CASES, ids=list(COSINE_CASES))
def test_cosine_decay_matches_keras(case):
    """Does CosineDecay give keras.optimizers.schedules.CosineDecay's (Keras 3) value at every step
    0..300 and far beyond decay_steps: alpha, warmup start and end, warmup_steps without a target?"""
    kw = dict(COSINE_CASES[case])
    ours = ch05.CosineDecay(**kw)
    if kw.get("warmup_target") is not None:
        kw["warmup_target"] = np.float64(kw["warmup_target"])
    theirs = keras.optimizers.schedules.CosineDecay(np.float64(kw.pop("initial_lr")), **kw)
    close(schedule_values(ours), schedule_values(theirs), what=case)


@pytest.mark.parametrize("drop, steps_per_drop", [(0.5, 10), (0.3, 7), (0.9, 1)])
def test_step_decay_matches_keras_piecewise_constant(drop, steps_per_drop):
    """Is StepDecay Keras' PiecewiseConstantDecay with a drop at every multiple of steps_per_drop? Keras
    keeps values[i] up to and including boundaries[i], so the boundaries are the steps just before."""
    ours = ch05.StepDecay(0.2, drop=drop, steps_per_drop=steps_per_drop)
    drops = 300 // steps_per_drop + 1
    boundaries = [k * steps_per_drop - 1 for k in range(1, drops + 1)]
    values = [np.float64(0.2 * drop**k) for k in range(drops + 1)]
    theirs = keras.optimizers.schedules.PiecewiseConstantDecay(boundaries, values)
    steps = list(range(0, 301))
    close(schedule_values(ours, steps), schedule_values(theirs, steps), what=f"drop {drop} every {steps_per_drop}")


SCHEDULED_OPTIMIZERS = {
    "sgd-exponential-staircase": (
        lambda: ch05.SGD(lr=ch05.ExponentialDecay(0.125, 3, 0.5, staircase=True)),
        lambda: keras.optimizers.SGD(learning_rate=keras.optimizers.schedules.ExponentialDecay(
            np.float64(0.125), 3, np.float64(0.5), staircase=True))),
    "momentum-cosine-warmup": (
        lambda: ch05.Momentum(lr=ch05.CosineDecay(0.0, 6, warmup_steps=4, warmup_target=0.125), momentum=0.875),
        lambda: keras.optimizers.SGD(learning_rate=keras.optimizers.schedules.CosineDecay(
            np.float64(0.0), 6, warmup_steps=4, warmup_target=np.float64(0.125)), momentum=0.875)),
    "adam-exponential-eps-0": (
        lambda: ch05.Adam(lr=ch05.ExponentialDecay(0.015625, 4, 0.5), beta1=0.875, beta2=1 - 2**-9, eps=0.0),
        lambda: keras.optimizers.Adam(learning_rate=keras.optimizers.schedules.ExponentialDecay(
            np.float64(0.015625), 4, np.float64(0.5)), beta_1=0.875, beta_2=1 - 2**-9, epsilon=0.0)),
}


@pytest.mark.parametrize("case", SCHEDULED_OPTIMIZERS, ids=list(SCHEDULED_OPTIMIZERS))
def test_optimizer_driven_by_a_schedule_matches_keras(case):
    """Over 10 updates, does an optimizer given a schedule as lr move the parameters as Keras' optimizer
    given Keras' schedule, which it calls with its `iterations` counted from 0 (update t uses lr(t))?
    Keras keeps the learning rate in float32, so the values of a decaying schedule are rounded to
    float32 there (about 6e-8 relative): the tolerance is 1e-6 relative."""
    ours, theirs = SCHEDULED_OPTIMIZERS[case]
    rng = np.random.default_rng(16)
    params = {k: rng.normal(size=s) for k, s in SHAPES.items()}
    grads = gradient_sequence(17)
    got, want = run_ours(ours(), params, grads), run_keras(theirs(), params, grads)
    for key in SHAPES:
        close(got[key], want[key], rtol=1e-6, what=f"{case}: {key} after {STEPS} steps")
    ahead = ours()
    schedule = ahead.lr
    ahead.lr = lambda step: schedule(step + 1)  # update t uses lr(t + 1): one step off
    shifted = run_ours(ahead, params, grads)
    assert not np.allclose(shifted["W1"], want["W1"], rtol=1e-4), "a schedule one step off must be told apart"
