"""Hidden checks for ch02_forward: edge cases and properties, for grading only."""

import numpy as np

from autograder.engine.checks import Suite
from autograder.engine.compare import (
    fail, as_array, assert_close, assert_equal, assert_integer, assert_unchanged, require, shapes,
)
from autograder.suites.public.ch02_forward import NETWORK_SHAPES, off_zero, random_network

suite = Suite("ch02_forward", public=False)


def no_warnings(outcome, what, hint):
    if outcome.warnings:
        fail(f"{what} issued a warning: {outcome.warnings[0]}", hint)


def check_input_unchanged(t, name, x, hint, value_hint):
    """The value of `name(x)` first (a body that does nothing earns nothing), then x as it was."""
    outcome = t.student.run(name, x.copy())
    want = t.expect("out", lambda ref: getattr(ref, name)(x.copy()))
    assert_close(outcome.value, want, f"{name}(x)", context=shapes(x=x), hint=value_hint)
    assert_unchanged(x, outcome.args[0], f"{name}'s input x", hint=hint)


@suite.check("step_function", "returns_int", points=1)
def step_returns_int(t):
    assert_integer(t.student.call("step_function", off_zero(t.rng, (6,))), "step_function(x)",
                   hint="convert the boolean array with .astype(int)")


@suite.check("sigmoid", "extreme_inputs_without_warnings", points=2)
def sigmoid_extremes(t):
    x = np.array([-1000.0, -745.5, -60.0, -1e-3, 0.0, 1e-3, 60.0, 745.5, 1000.0])
    outcome = t.student.run("sigmoid", x)
    want = t.expect("out", lambda ref: ref.sigmoid(x))
    assert_close(outcome.value, want, "sigmoid(x) for x in [-1000, 1000]", atol=1e-12,
                 hint="for x < 0 use exp(x) / (1 + exp(x)), which never overflows")
    no_warnings(outcome, "sigmoid(-1000)", "exp(-x) overflows for x = -1000: use exp(x) / (1 + exp(x)) where x < 0")


@suite.check("sigmoid", "input_unchanged", points=1)
def sigmoid_input_unchanged(t):
    check_input_unchanged(t, "sigmoid", t.rng.normal(size=(3, 3)), "build a new array instead of writing into x",
                          "sigmoid(x) = 1 / (1 + exp(-x))")


TANH_STABLE_HINT = "tanh(x) = sign(x) * (1 - exp(-2|x|)) / (1 + exp(-2|x|)), or np.tanh: no exponent is ever positive"


@suite.check("tanh", "extreme_inputs_without_warnings", points=2)
def tanh_extremes(t):
    x = np.array([-1000.0, -710.0, -355.0, -20.0, -0.5, -1e-3, 0.0, 1e-3, 0.5, 20.0, 355.0, 710.0, 1000.0])
    outcome = t.student.run("tanh", x)
    want = t.expect("out", lambda ref: ref.tanh(x))
    assert_close(outcome.value, want, "tanh(x) for x in [-1000, 1000]", atol=1e-12, hint=TANH_STABLE_HINT)
    no_warnings(outcome, "tanh(x) for x in [-1000, 1000]",
                "exp(1000) overflows to inf (and inf / inf is nan): " + TANH_STABLE_HINT)


@suite.check("tanh", "input_unchanged", points=1)
def tanh_input_unchanged(t):
    check_input_unchanged(t, "tanh", t.rng.normal(scale=2, size=(3, 4)), "build a new array instead of writing into x",
                          "tanh(x) = (exp(x) - exp(-x)) / (exp(x) + exp(-x)), in (-1, 1)")


@suite.check("relu", "input_unchanged", points=1)
def relu_input_unchanged(t):
    check_input_unchanged(t, "relu", off_zero(t.rng, (4, 4)), "np.maximum(0, x) returns a new array; x[x < 0] = 0 does not",
                          "relu(x) = max(0, x) element-wise: np.maximum")


@suite.check("softmax", "large_inputs", points=2)
def softmax_large(t):
    x = np.array([[1000.0, 1000.0, 1000.0], [1000.0, 0.0, -1000.0], [-1000.0, -999.0, -1000.0]])
    outcome = t.student.run("softmax", x)
    want = t.expect("out", lambda ref: ref.softmax(x))
    assert_close(outcome.value, want, "softmax(x) for x around ±1000", atol=1e-12,
                 hint="subtract the maximum of each row before exp: the result is the same and exp cannot overflow")
    no_warnings(outcome, "softmax(x) for x around ±1000", "subtract the row maximum before exp")
    vector = np.array([1000.0, 1000.0])
    assert_close(t.student.call("softmax", vector), [0.5, 0.5], "softmax([1000, 1000])")


@suite.check("softmax", "input_unchanged", points=1)
def softmax_input_unchanged(t):
    check_input_unchanged(t, "softmax", t.rng.normal(size=(3, 4)), "x - x.max(...) makes a new array; x -= ... writes into x",
                          "softmax over the last axis: each row of exp(x - max) divided by its own sum")


@suite.check("init_network", "reproducible_with_seed", points=1)
def init_network_reproducible(t):
    first, second = t.student.call("init_network", seed=3), t.student.call("init_network", seed=3)
    require(isinstance(first, dict) and isinstance(second, dict), "init_network(seed=3) must return a dict.")
    for key, shape in NETWORK_SHAPES.items():
        require(key in first and key in second, f"init_network(seed=3) has no '{key}'.")
        assert_equal(as_array(second[key], f"init_network(seed=3)['{key}']", shape),
                     as_array(first[key], f"init_network(seed=3)['{key}']", shape),
                     f"a second init_network(seed=3)['{key}']",
                     hint="draw from np.random.default_rng(seed), not from the global np.random")


@suite.check("forward", "single_sample", points=2)
def forward_single(t):
    net, x = random_network(t.rng, (2, 3, 2, 2)), t.rng.normal(size=2)
    want = t.expect("out", lambda ref: ref.forward(net, x))
    assert_close(t.student.call("forward", net, x), want, "forward(network, x) for x of shape (2,)",
                 hint="x @ W1 works for x of shape (D,) as well as (N, D); do not reshape x")


@suite.check("forward", "other_widths", points=2)
def forward_other_widths(t):
    net, x = random_network(t.rng, (4, 5, 3, 6)), t.rng.normal(size=(3, 4))
    want = t.expect("out", lambda ref: ref.forward(net, x))
    assert_close(t.student.call("forward", net, x), want, "forward(network, x) for a 4-5-3-6 network",
                 hint="take every size from the weights; nothing may assume 2-3-2-2")


@suite.check("forward", "network_unchanged", points=1)
def forward_network_unchanged(t):
    net, x = random_network(t.rng, (2, 3, 2, 2)), t.rng.normal(size=(4, 2))
    outcome = t.student.run("forward", {k: v.copy() for k, v in net.items()}, x.copy())
    want = t.expect("out", lambda ref: ref.forward({k: v.copy() for k, v in net.items()}, x.copy()))
    assert_close(outcome.value, want, "forward(network, x)", context=shapes(x=x),
                 hint="sigmoid after layers 1 and 2, identity after layer 3")
    after = outcome.args[0]
    for key in net:
        assert_unchanged(net[key], after.get(key) if isinstance(after, dict) else None, f"network['{key}']",
                         hint="forward must only read the weights")
    assert_unchanged(x, outcome.args[1], "x", hint="forward must only read x")


@suite.check("step_function", "input_unchanged", points=1)
def step_input_unchanged(t):
    x = off_zero(t.rng, (3, 4))
    outcome = t.student.run("step_function", x.copy())
    want = t.expect("out", lambda ref: ref.step_function(x.copy()))
    assert_equal(outcome.value, want, "step_function(x)", context=shapes(x=x), hint="1 where x > 0 (strictly), else 0")
    assert_unchanged(x, outcome.args[0], "step_function's input x",
                     hint="(x > 0).astype(int) makes a new array; x[x > 0] = 1 writes into the caller's x")


@suite.check("init_network", "default_seed", points=1)
def init_network_default_seed(t):
    net = t.student.call("init_network")
    require(isinstance(net, dict), f"init_network() returned {type(net).__name__}, expected a dict of arrays.",
            "seed has the default None: def init_network(seed=None)")
    require(set(net) == set(NETWORK_SHAPES), f"init_network() has keys {sorted(net)}, expected {sorted(NETWORK_SHAPES)}.")
    for key, shape in NETWORK_SHAPES.items():
        values = as_array(net[key], f"init_network()['{key}']", shape)
        require(np.isfinite(values).all(), f"init_network()['{key}'] has values that are not finite.")
