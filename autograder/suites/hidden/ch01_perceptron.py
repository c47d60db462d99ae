"""Hidden checks for ch01_perceptron: edge cases and properties, for grading only."""

import numpy as np

from autograder.engine.checks import Suite
from autograder.engine.compare import as_array, assert_equal, assert_integer, assert_unchanged, require, shapes
from autograder.suites.public.ch01_perceptron import (
    INPUTS, TABLE_ORDER, TRUTH, assert_fits, away_from_boundary, gate_table, require_gate_params, separable_data, weights_pair,
)

suite = Suite("ch01_perceptron", public=False)


@suite.check("perceptron", "zero_sum_gives_zero", points=1)
def perceptron_zero_sum(t):
    w, b = np.array([1.0, -1.0, 0.5]), -1.0
    x = np.array([[2.0, 2.0, 2.0], [1.0, 0.0, 0.0], [3.0, 1.0, 0.0], [0.0, 0.0, 4.0]])  # w·x + b == 0 for all
    assert_equal(t.student.call("perceptron", x, w, b), [0, 0, 1, 1], "perceptron(x, w, b) where w·x + b == 0",
                 hint="the rule is strict: w·x + b > 0 fires, exactly 0 does not")
    assert_equal(t.student.call("perceptron", x[0], w, b), 0, "perceptron(x, w, b) for one sample with w·x + b == 0",
                 hint="the rule is strict: w·x + b > 0 fires, exactly 0 does not")


@suite.check("perceptron", "returns_int", points=1)
def perceptron_returns_int(t):
    w, b = np.array([0.3, -0.2]), 0.1
    assert_integer(t.student.call("perceptron", np.array([1.0, 1.0]), w, b), "perceptron(x, w, b) for x of shape (2,)",
                   hint="convert the result with int(...)")
    assert_integer(t.student.call("perceptron", np.ones((3, 2)), w, b), "perceptron(x, w, b) for x of shape (3, 2)",
                   hint="convert the boolean array with .astype(int)")


@suite.check("GATE_PARAMS", "each_gate_is_one_perceptron", points=2)
def gate_params_are_perceptrons(t):
    params = require_gate_params(t)
    require(isinstance(params, dict), "GATE_PARAMS must be a dict of gate name -> (w, b).")
    for gate in ("AND", "NAND", "OR"):
        require(gate in params and isinstance(params[gate], (tuple, list)) and len(params[gate]) == 2,
                f"GATE_PARAMS['{gate}'] must be a pair (w, b).")
        w = as_array(params[gate][0], f"GATE_PARAMS['{gate}'][0] (w)", (2,))
        b = as_array(params[gate][1], f"GATE_PARAMS['{gate}'][1] (b)", ())
        outputs = [int(np.dot(w, x) + b > 0) for x in INPUTS]
        assert_equal(outputs, TRUTH[gate], f"the perceptron with GATE_PARAMS['{gate}']", context=TABLE_ORDER,
                     hint="each gate must be a single perceptron: 1 exactly where w·x + b > 0")


@suite.check("gates", "return_int", points=1)
def gates_return_int(t):
    require_gate_params(t)
    for gate in ("AND", "NAND", "OR", "XOR"):
        for (x1, x2), out in zip(INPUTS, gate_table(t, gate)):
            assert_integer(out, f"{gate}({x1}, {x2})", hint="return int(...), not a bool or a float")


@suite.check("train_perceptron", "reproducible_with_seed", points=1)
def train_reproducible(t):
    X, y = separable_data(t.rng, 30, 3)
    first = t.student.call("train_perceptron", X, y, seed=7)
    second = t.student.call("train_perceptron", X, y, seed=7)
    for i, part in enumerate(("w", "b")):
        want = as_array(first[i], f"train_perceptron(...)[{i}] ({part})") if isinstance(first, tuple) else None
        require(want is not None, "train_perceptron must return a pair (w, b).")
        assert_equal(as_array(second[i], f"train_perceptron(...)[{i}]"), want,
                     f"a second train_perceptron(..., seed=7) ({part})",
                     hint="draw every random number from np.random.default_rng(seed)")


@suite.check("train_perceptron", "inputs_unchanged", points=1)
def train_inputs_unchanged(t):
    X, y = separable_data(t.rng, 20, 2)
    outcome = t.student.run("train_perceptron", X, y, seed=1)
    what = "train_perceptron(X, y, seed=1)"
    w, b = weights_pair(outcome.value, what)
    assert_fits(t, X, y, w, b, what)  # the weights are chosen, not fixed: judge the fit
    assert_unchanged(X, outcome.args[0], "X", hint="work on a copy, or never write into X")
    assert_unchanged(y, outcome.args[1], "y", hint="work on a copy, or never write into y")


@suite.check("train_perceptron", "honors_lr_and_epochs", points=2)
def train_other_arguments(t):
    X, y = separable_data(t.rng, 60, 5, margin=0.4)
    what = "train_perceptron(X, y, lr=0.5, epochs=300, seed=3) on 5-D data"
    w, b = weights_pair(t.student.call("train_perceptron", X, y, lr=0.5, epochs=300, seed=3), what)
    assert_fits(t, X, y, w, b, what)


@suite.check("train_perceptron", "learns_gates", points=1)
def train_learns_gates(t):
    X = np.array(INPUTS, dtype=float)
    for gate in ("AND", "OR", "NAND"):
        y = np.array(TRUTH[gate])
        what = f"train_perceptron on the {gate} truth table"
        w, b = weights_pair(t.student.call("train_perceptron", X, y, seed=0), what)
        assert_fits(t, X, y, w, b, what)


@suite.check("train_perceptron", "fits_for_other_lr_and_dims", points=1)
def train_other_lr_and_dims(t):
    # Starting from zeros, the rule's (w, b) scale with lr, so any lr fits separable data exactly;
    # a rule that adds lr instead of multiplying by it (w + lr + error*x) drifts and misclassifies.
    for d, lr in ((3, 2.0), (4, 3.0), (6, 5.0)):
        X, y = separable_data(t.rng, 40, d)
        what = f"train_perceptron(X, y, lr={lr}, epochs=300, seed=5) on {d}-D data"
        w, b = weights_pair(t.student.call("train_perceptron", X, y, lr=lr, epochs=300, seed=5), what)
        assert_fits(t, X, y, w, b, what)


@suite.check("perceptron", "batch_of_one", points=1)
def perceptron_batch_of_one(t):
    x, w, b = away_from_boundary(t.rng, 1, 3)  # x of shape (1, 3)
    want = t.expect("out", lambda ref: ref.perceptron(x, w, b))
    assert_equal(t.student.call("perceptron", x, w, b), want, "perceptron(x, w, b) for a batch of one sample",
                 context=shapes(x=x, w=w),
                 hint="x of shape (N, d) gives an int array of shape (N,) even when N = 1; only x of shape (d,) gives an int")
