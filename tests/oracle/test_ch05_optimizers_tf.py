"""ch05's optimizers against Keras' over 10 steps of the same gradient sequence, in float64.

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
