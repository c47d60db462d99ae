"""Public checks for ch03_losses: shipped to students, run by their self-check and by grading."""

import numpy as np

from autograder.engine.checks import Suite
from autograder.engine.compare import assert_close, shapes
from autograder.engine.inputs import one_hot
from autograder.engine.protocol import Probe
from autograder.engine.probes import make_probe

suite = Suite("ch03_losses", public=True)

# Expected numerical derivatives come from the reference with the same h, so they differ from a
# correct central difference only by rounding (~1e-11); a one-sided difference is off by ~1e-4.
DIFF_RTOL = 1e-6


def probabilities(rng, n, d):
    """Rows of a softmax: every class keeps a probability well above 0."""
    e = np.exp(rng.normal(size=(n, d)))
    return e / e.sum(axis=1, keepdims=True)


def poly_coefficients(rng, shape):
    """Coefficients (a, b, c) of the test function poly (see autograder.engine.probes.make_probe)."""
    return rng.uniform(-1, 1, shape), rng.uniform(-1, 1, shape), rng.uniform(-1, 1, shape)


@suite.check("mean_squared_error", "batch", points=2)
def mse_batch(t):
    y, target = t.rng.normal(size=(4, 3)), t.rng.normal(size=(4, 3))
    want = t.expect("loss", lambda ref: ref.mean_squared_error(y, target))
    assert_close(t.student.call("mean_squared_error", y, target), want, "mean_squared_error(y, t)",
                 context=shapes(y=y, t=target), hint="0.5 * sum((y - t)**2) / N, N = y.shape[0] = the batch size")


@suite.check("cross_entropy_error", "one_hot_batch", points=2)
def ce_one_hot(t):
    y, labels = probabilities(t.rng, 5, 4), t.rng.integers(0, 4, size=5)
    target = one_hot(labels, 4)
    want = t.expect("loss", lambda ref: ref.cross_entropy_error(y, target))
    assert_close(t.student.call("cross_entropy_error", y, target), want, "cross_entropy_error(y, t) with one-hot t",
                 context=shapes(y=y, t=target), hint="-sum(t * log(y + 1e-7)) / N with N the batch size")


@suite.check("cross_entropy_error", "label_batch", points=2)
def ce_labels(t):
    y, labels = probabilities(t.rng, 6, 3), t.rng.integers(0, 3, size=6)
    want = t.expect("loss", lambda ref: ref.cross_entropy_error(y, labels))
    assert_close(t.student.call("cross_entropy_error", y, labels), want, "cross_entropy_error(y, t) with labels t",
                 context=shapes(y=y, t=labels),
                 hint="with labels, take y[np.arange(N), t]: the probability of each sample's true class")


@suite.check("binary_cross_entropy", "values", points=1)
def bce_values(t):
    y, target = t.rng.uniform(0.05, 0.95, size=(3, 4)), t.rng.integers(0, 2, size=(3, 4))
    want = t.expect("loss", lambda ref: ref.binary_cross_entropy(y, target))
    assert_close(t.student.call("binary_cross_entropy", y, target), want, "binary_cross_entropy(y, t)",
                 context=shapes(y=y, t=target), hint="the mean over all elements of -(t log y + (1 - t) log(1 - y))")


@suite.check("numerical_diff", "values", points=2)
def numerical_diff_values(t):
    a, b, c = poly_coefficients(t.rng, ())
    for i, x in enumerate(t.rng.uniform(-2, 2, size=3)):
        want = t.expect(f"d{i}", lambda ref: ref.numerical_diff(make_probe("poly", a, b, c), float(x)))
        got = t.student.call("numerical_diff", Probe("poly", (a, b, c)), float(x))
        assert_close(got, want, f"numerical_diff(f, {x:.4g})", rtol=DIFF_RTOL,
                     hint="use the central difference (f(x + h) - f(x - h)) / (2 * h)")


@suite.check("numerical_gradient", "matrix", points=3)
def numerical_gradient_matrix(t):
    x, coefficients = t.rng.uniform(-2, 2, size=(3, 4)), poly_coefficients(t.rng, (3, 4))
    want = t.expect("grad", lambda ref: ref.numerical_gradient(make_probe("poly", *coefficients), x.copy()))
    got = t.student.call("numerical_gradient", Probe("poly", coefficients), x)
    assert_close(got, want, "numerical_gradient(f, x)", rtol=DIFF_RTOL, context=shapes(x=x),
                 hint="for each index: (f(x with x[i] + h) - f(x with x[i] - h)) / (2h)")


@suite.check("gradient_descent", "final_x", points=2)
def gradient_descent_final(t):
    x0 = t.rng.uniform(-2, 2, size=3)
    coefficients = (np.zeros(3), t.rng.uniform(0.5, 1.5, size=3), t.rng.uniform(-1, 1, size=3))  # convex
    want = t.expect("x", lambda ref: ref.gradient_descent(make_probe("poly", *coefficients), x0.copy(), lr=0.1, step_num=20))
    got = t.student.call("gradient_descent", Probe("poly", coefficients), x0, lr=0.1, step_num=20)
    assert_close(got, want, "gradient_descent(f, init_x, lr=0.1, step_num=20)", rtol=DIFF_RTOL, context=shapes(init_x=x0),
                 hint="repeat step_num times: x -= lr * numerical_gradient(f, x)")
