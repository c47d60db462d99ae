"""Public checks for ch02_forward: shipped to students, run by their self-check and by grading."""

import numpy as np

from autograder.engine.checks import Suite
from autograder.engine.compare import as_array, assert_close, assert_equal, require, shapes
from autograder.engine.inputs import away_from_zero

suite = Suite("ch02_forward", public=True)

NETWORK_SHAPES = {"W1": (2, 3), "b1": (3,), "W2": (3, 2), "b2": (2,), "W3": (2, 2), "b3": (2,)}


def off_zero(rng, shape):
    """Values of either sign, at least 1e-3 away from 0 (the kink of step and ReLU)."""
    return away_from_zero(rng, shape, margin=1e-3, scale=3.0)


def random_network(rng, widths):
    """A weight dict for layer widths (D, H1, H2, M)."""
    net = {}
    for i, (n_in, n_out) in enumerate(zip(widths[:-1], widths[1:]), start=1):
        net[f"W{i}"], net[f"b{i}"] = rng.normal(size=(n_in, n_out)), rng.normal(size=n_out)
    return net


def check_activation(t, name, x, hint):
    want = t.expect("out", lambda ref: getattr(ref, name)(x))
    assert_close(t.student.call(name, x), want, f"{name}(x)", context=shapes(x=x), hint=hint)


@suite.check("step_function", "values", points=2)
def step_values(t):
    x = off_zero(t.rng, (3, 5))
    x[0, :2] = 0.0
    want = t.expect("out", lambda ref: ref.step_function(x))
    assert_equal(t.student.call("step_function", x), want, "step_function(x)", context=shapes(x=x),
                 hint="1 where x > 0 (strictly), else 0")


@suite.check("sigmoid", "values", points=2)
def sigmoid_values(t):
    check_activation(t, "sigmoid", t.rng.normal(scale=4, size=(3, 4)), "sigmoid(x) = 1 / (1 + exp(-x))")


@suite.check("tanh", "values", points=2)
def tanh_values(t):
    check_activation(t, "tanh", t.rng.normal(scale=2, size=(3, 5)),
                     "tanh(x) = (exp(x) - exp(-x)) / (exp(x) + exp(-x)), in (-1, 1); np.tanh computes it")


@suite.check("relu", "values", points=1)
def relu_values(t):
    check_activation(t, "relu", off_zero(t.rng, (4, 3)), "relu(x) = max(0, x) element-wise: np.maximum")


@suite.check("identity_function", "values", points=1)
def identity_values(t):
    check_activation(t, "identity_function", t.rng.normal(size=(2, 3)), "return x unchanged")


@suite.check("softmax", "vector", points=2)
def softmax_vector(t):
    check_activation(t, "softmax", t.rng.normal(scale=2, size=6), "exp(x) / sum(exp(x))")


@suite.check("softmax", "batch_rows", points=2)
def softmax_batch(t):
    check_activation(t, "softmax", t.rng.normal(scale=2, size=(4, 5)),
                     "normalize each row separately: sum with axis=-1, keepdims=True")


@suite.check("init_network", "shapes", points=2)
def init_network_shapes(t):
    net = t.student.call("init_network", seed=0)
    require(isinstance(net, dict), f"init_network() returned {type(net).__name__}, expected a dict of arrays.")
    require(set(net) == set(NETWORK_SHAPES), f"init_network() has keys {sorted(net)}, expected {sorted(NETWORK_SHAPES)}.")
    for key, shape in NETWORK_SHAPES.items():
        values = as_array(net[key], f"init_network()['{key}']", shape)
        require(np.isfinite(values).all(), f"init_network()['{key}'] has values that are not finite.")


@suite.check("forward", "batch", points=3)
def forward_batch(t):
    net, x = random_network(t.rng, (2, 3, 2, 2)), t.rng.normal(size=(5, 2))
    want = t.expect("out", lambda ref: ref.forward(net, x))
    assert_close(t.student.call("forward", net, x), want, "forward(network, x)", context=shapes(x=x),
                 hint="sigmoid after layers 1 and 2, identity after layer 3")
