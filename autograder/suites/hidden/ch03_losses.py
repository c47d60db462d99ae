"""Hidden checks for ch03_losses: edge cases and properties, for grading only."""

import numpy as np

from autograder.engine.checks import Suite
from autograder.engine.compare import assert_close, assert_unchanged, require, shapes
from autograder.engine.inputs import one_hot
from autograder.engine.protocol import Probe
from autograder.engine.probes import make_probe
from autograder.suites.public.ch03_losses import DIFF_RTOL, poly_coefficients, probabilities

suite = Suite("ch03_losses", public=False)


@suite.check("mean_squared_error", "single_sample", points=1)
def mse_vector(t):
    y, target = t.rng.normal(size=5), t.rng.normal(size=5)
    want = t.expect("loss", lambda ref: ref.mean_squared_error(y, target))
    assert_close(t.student.call("mean_squared_error", y, target), want, "mean_squared_error(y, t) for 1-D y",
                 hint="a 1-D y is one sample: N = 1, so the loss is 0.5 * sum((y - t)**2)")


@suite.check("cross_entropy_error", "single_sample", points=2)
def ce_single(t):
    y, label = probabilities(t.rng, 1, 5)[0], int(t.rng.integers(0, 5))
    want = t.expect("loss", lambda ref: ref.cross_entropy_error(y, label))
    hint = "for 1-D y, reshape y to (1, D) (and t to (1, D) or (1,)) and then N = 1"
    assert_close(t.student.call("cross_entropy_error", y, one_hot(label, 5)), want,
                 "cross_entropy_error(y, t) for 1-D y and one-hot t", hint=hint)
    assert_close(t.student.call("cross_entropy_error", y, label), want,
                 "cross_entropy_error(y, t) for 1-D y and an integer label t", hint=hint)


@suite.check("cross_entropy_error", "zero_probability", points=1)
def ce_zero_probability(t):
    y = probabilities(t.rng, 3, 4)
    labels = np.array([0, 2, 1])
    y[1] = [0.5, 0.5, 0.0, 0.0]  # the true class of sample 1 has probability exactly 0
    want = t.expect("loss", lambda ref: ref.cross_entropy_error(y, labels))
    assert_close(t.student.call("cross_entropy_error", y, labels), want,
                 "cross_entropy_error(y, t) where a true class has probability 0",
                 hint="add delta = 1e-7 inside the log: log(0) is -inf")


@suite.check("binary_cross_entropy", "clips_probabilities", points=1)
def bce_clips(t):
    y, target = np.array([[0.0, 1.0, 0.3], [1.0, 0.0, 0.6]]), np.array([[1, 0, 1], [1, 0, 0]])
    want = t.expect("loss", lambda ref: ref.binary_cross_entropy(y, target))
    assert_close(t.student.call("binary_cross_entropy", y, target), want, "binary_cross_entropy(y, t) with y of 0 and 1",
                 hint="clip y to [eps, 1 - eps] with np.clip before taking logs")
    want = t.expect("loss_eps", lambda ref: ref.binary_cross_entropy(y, target, eps=1e-3))
    assert_close(t.student.call("binary_cross_entropy", y, target, eps=1e-3), want,
                 "binary_cross_entropy(y, t, eps=1e-3)", hint="clip with the eps argument, not a constant")


@suite.check("numerical_diff", "uses_h", points=1)
def numerical_diff_h(t):
    a, b, c = poly_coefficients(t.rng, ())
    a = 3.0 if abs(a) < 0.5 else 3 * a  # a large cubic term makes the result depend on h
    x = float(t.rng.uniform(-1, 1))
    want = t.expect("d", lambda ref: ref.numerical_diff(make_probe("poly", a, b, c), x, h=0.05))
    assert_close(t.student.call("numerical_diff", Probe("poly", (a, b, c)), x, h=0.05), want, "numerical_diff(f, x, h=0.05)",
                 rtol=DIFF_RTOL, hint="use the h argument, not a fixed 1e-4")


@suite.check("numerical_gradient", "restores_x", points=1)
def numerical_gradient_restores(t):
    x, coefficients = t.rng.uniform(-2, 2, size=(2, 3)), poly_coefficients(t.rng, (2, 3))
    outcome = t.student.run("numerical_gradient", Probe("poly", coefficients), x.copy())
    want = t.expect("grad", lambda ref: ref.numerical_gradient(make_probe("poly", *coefficients), x.copy()))
    assert_close(outcome.value, want, "numerical_gradient(f, x)", rtol=DIFF_RTOL, context=shapes(x=x),
                 hint="for each index: (f(x with x[i] + h) - f(x with x[i] - h)) / (2h), then put x[i] back")
    after = outcome.args[1]
    assert_close(after, x, "x after numerical_gradient(f, x)", rtol=1e-12, atol=1e-12,
                 hint="put each entry back (x[i] = old) before moving on to the next")


@suite.check("numerical_gradient", "f_reads_x_through_closure", points=2)
def numerical_gradient_closure(t):
    x, coefficients = t.rng.uniform(-2, 2, size=(3, 2)), poly_coefficients(t.rng, (3, 2))
    want = t.expect("grad", lambda ref: ref.numerical_gradient(make_probe("poly", *coefficients), x.copy()))
    x_remote = t.student.put(x.copy())
    probe = Probe("poly_of", (x_remote.as_handle(), *coefficients))
    got = t.student.call("numerical_gradient", probe, x_remote)
    assert_close(got, want, "numerical_gradient(f, x) where f ignores its argument and reads x", rtol=DIFF_RTOL,
                 context=shapes(x=x), hint="change x itself in place (x[i] = old + h), not a copy of it")


@suite.check("numerical_gradient", "any_dimensions", points=2)
def numerical_gradient_dims(t):
    for shape in [(5,), (2, 2, 3)]:
        x, coefficients = t.rng.uniform(-2, 2, size=shape), poly_coefficients(t.rng, shape)
        want = t.expect(f"grad{len(shape)}", lambda ref: ref.numerical_gradient(make_probe("poly", *coefficients), x.copy()))
        got = t.student.call("numerical_gradient", Probe("poly", coefficients), x)
        assert_close(got, want, f"numerical_gradient(f, x) for x of shape {shape}", rtol=DIFF_RTOL,
                     hint="visit every index of any shape with np.ndindex(x.shape) or np.nditer")


@suite.check("gradient_descent", "init_x_unchanged", points=1)
def gradient_descent_copy(t):
    x0 = t.rng.uniform(-2, 2, size=3)
    coefficients = (np.zeros(3), np.ones(3), np.zeros(3))
    outcome = t.student.run("gradient_descent", Probe("poly", coefficients), x0.copy(), lr=0.1, step_num=5)
    want = t.expect("x", lambda ref: ref.gradient_descent(make_probe("poly", *coefficients), x0.copy(), lr=0.1, step_num=5))
    assert_close(outcome.value, want, "gradient_descent(f, init_x, lr=0.1, step_num=5)", rtol=DIFF_RTOL,
                 context=shapes(init_x=x0), hint="repeat step_num times: x -= lr * numerical_gradient(f, x)")
    assert_unchanged(x0, outcome.args[1], "init_x", hint="start from x = init_x.copy()")


@suite.check("gradient_descent", "honors_lr_and_step_num", points=1)
def gradient_descent_arguments(t):
    x0 = t.rng.uniform(-2, 2, size=(2, 2))
    coefficients = (np.zeros((2, 2)), t.rng.uniform(0.5, 1.5, size=(2, 2)), t.rng.uniform(-1, 1, size=(2, 2)))
    want = t.expect("x", lambda ref: ref.gradient_descent(make_probe("poly", *coefficients), x0.copy(), lr=0.05, step_num=7))
    got = t.student.call("gradient_descent", Probe("poly", coefficients), x0, lr=0.05, step_num=7)
    assert_close(got, want, "gradient_descent(f, init_x, lr=0.05, step_num=7)", rtol=DIFF_RTOL, context=shapes(init_x=x0),
                 hint="use the lr and step_num arguments")


def runtime_warnings(outcome):
    return [w for w in outcome.warnings if "RuntimeWarning" in w]


@suite.check("cross_entropy_error", "single_sample_many_classes", points=1)
def ce_many_classes(t):
    # more than 256 classes: CPython shares the int objects up to 256 only, so `t.size is y.size` is
    # True below that and False here
    classes = 300
    y, label = probabilities(t.rng, 1, classes)[0], int(t.rng.integers(0, classes))
    target = one_hot(label, classes)
    want = t.expect("loss", lambda ref: ref.cross_entropy_error(y, target))
    assert_close(t.student.call("cross_entropy_error", y, target), want,
                 f"cross_entropy_error(y, t) for 1-D y of {classes} classes and one-hot t", context=shapes(y=y, t=target),
                 hint="compare sizes with ==, never with `is` (is compares objects; equal ints above 256 are different "
                 "objects): t is one-hot when t.size == y.size")


@suite.check("cross_entropy_error", "one_hot_zero_probability", points=1)
def ce_one_hot_zero_probability(t):
    y = probabilities(t.rng, 4, 5)
    labels = np.array([1, 0, 4, 2])
    y[0] = [0.0, 0.0, 0.7, 0.3, 0.0]  # the true class of sample 0 has probability exactly 0: -log(1e-7) / N of the loss
    y[2, 3] = 0.0  # a zero where t is 0 adds nothing
    y[2] /= y[2].sum()
    target = one_hot(labels, 5)
    outcome = t.student.run("cross_entropy_error", y.copy(), target)
    want = t.expect("loss", lambda ref: ref.cross_entropy_error(y.copy(), target))
    what = "cross_entropy_error(y, t) with one-hot t where a true class has probability exactly 0"
    hint = "-sum(t * log(y + 1e-7)) / N: the delta 1e-7 keeps log away from log(0) = -inf (and 0 * -inf = nan)"
    assert_close(outcome.value, want, what, context=shapes(y=y, t=target), hint=hint)
    warned = runtime_warnings(outcome)
    require(not warned, f"{what} warned: {warned[0] if warned else ''}.",
            "take the log of y + 1e-7 only (np.where evaluates both of its branches, log(0) included)")


@suite.check("cross_entropy_error", "one_hot_int_array", points=1)
def ce_one_hot_int(t):
    y, labels = probabilities(t.rng, 5, 3), t.rng.integers(0, 3, size=5)
    target = one_hot(labels, 3).astype(int)  # as np.array([[0, 1, 0], ...]) makes it
    want = t.expect("loss", lambda ref: ref.cross_entropy_error(y, target))
    assert_close(t.student.call("cross_entropy_error", y, target), want,
                 "cross_entropy_error(y, t) with one-hot t of integers (dtype int)", context=shapes(y=y, t=target),
                 hint="tell one-hot from labels by the shape (t.size == y.size), not by the dtype: one-hot rows "
                 "written as np.array([0, 1, 0]) are integers too")


@suite.check("numerical_gradient", "uses_h", points=1)
def numerical_gradient_h(t):
    # the cubic terms make a central difference depend on h (by a * h**2), so a fixed h shows
    x = t.rng.uniform(-1, 1, size=(2, 3))
    a = t.rng.choice([-1.0, 1.0], size=(2, 3)) * t.rng.uniform(1, 3, size=(2, 3))
    coefficients = (a, t.rng.uniform(-1, 1, size=(2, 3)), t.rng.uniform(-1, 1, size=(2, 3)))
    want = t.expect("grad", lambda ref: ref.numerical_gradient(make_probe("poly", *coefficients), x.copy(), h=0.05))
    got = t.student.call("numerical_gradient", Probe("poly", coefficients), x, h=0.05)
    assert_close(got, want, "numerical_gradient(f, x, h=0.05)", rtol=DIFF_RTOL, context=shapes(x=x),
                 hint="use the h argument, not a fixed 1e-4")


@suite.check("gradient_descent", "default_arguments", points=1)
def gradient_descent_defaults(t):
    x0 = t.rng.uniform(-2, 2, size=3)
    coefficients = (np.zeros(3), t.rng.uniform(0.5, 1.5, size=3), t.rng.uniform(-1, 1, size=3))  # convex
    want = t.expect("x", lambda ref: ref.gradient_descent(make_probe("poly", *coefficients), x0.copy()))
    got = t.student.call("gradient_descent", Probe("poly", coefficients), x0)
    assert_close(got, want, "gradient_descent(f, init_x) with the default lr and step_num", rtol=DIFF_RTOL,
                 context=shapes(init_x=x0), hint="the defaults are lr=0.01 and step_num=100")
