"""Public checks for ch01_perceptron: shipped to students, run by their self-check and by grading."""

import numpy as np

from autograder.engine.checks import Suite
from autograder.engine.compare import fail, as_array, assert_equal, describe_value, shapes
from autograder.engine.student import StudentError

suite = Suite("ch01_perceptron", public=True)

INPUTS = [(0, 0), (1, 0), (0, 1), (1, 1)]
TRUTH = {"AND": [0, 0, 0, 1], "NAND": [1, 1, 1, 0], "OR": [0, 1, 1, 1], "XOR": [0, 1, 1, 0]}
TABLE_ORDER = "Inputs in order (0,0), (1,0), (0,1), (1,1)."


def away_from_boundary(rng, n, d, margin=0.1):
    """w, b and n points x with |w·x + b| > margin, so rounding cannot flip a prediction."""
    w, b = rng.normal(size=d), float(rng.normal())
    x = rng.normal(size=(4 * n, d))
    x = x[np.abs(x @ w + b) > margin][:n]
    return x, w, b


def separable_data(rng, n, d, margin=0.3):
    """n labelled points that a hyperplane well away from the origin separates with `margin`."""
    w, b = rng.normal(size=d), float(rng.choice([-1, 1]) * rng.uniform(0.6, 1.2))
    w /= np.linalg.norm(w)
    x = rng.uniform(-2, 2, size=(8 * n, d))
    x = x[np.abs(x @ w + b) > margin][:n]
    return x, (x @ w + b > 0).astype(int)


def require_gate_params(t):
    """The student's GATE_PARAMS, or the 'not started' verdict while it is still None."""
    params = t.student.get("GATE_PARAMS")
    if params is None:
        raise StudentError("NotImplementedError", call="GATE_PARAMS")
    return params


def gate_table(t, gate):
    return [t.student.call(gate, x1, x2) for x1, x2 in INPUTS]


def weights_pair(value, what):
    """train_perceptron's (w, b), or Fail saying what came back instead."""
    if not (isinstance(value, (tuple, list)) and len(value) == 2):
        got = "None (did you forget `return`?)" if value is None else describe_value(value)
        fail(f"{what} returned {got}, expected a pair (w, b).", "end with `return w, b`")
    return value


def assert_fits(t, X, y, w, b, what):
    """(w, b) from the student must put every sample of X on the side its label says."""
    w = as_array(w, f"{what}: w", (X.shape[1],))
    b = as_array(b, f"{what}: b", ())
    wrong = np.flatnonzero((X @ w + b > 0).astype(int) != y)
    if wrong.size:
        fail(f"{what}: the learned (w, b) misclassify {wrong.size} of {len(y)} linearly separable samples "
             f"(first: sample {wrong[0]}). {shapes(X=X, y=y)}",
             "update only on mistakes, w += lr*(y - y_hat)*x and b += lr*(y - y_hat), and loop over epochs.")


@suite.check("perceptron", "single_sample", points=2)
def perceptron_single_sample(t):
    x, w, b = away_from_boundary(t.rng, 6, 3)
    for i in range(len(x)):
        got = t.student.call("perceptron", x[i], w, b)
        want = t.expect(f"out{i}", lambda ref: ref.perceptron(x[i], w, b))
        assert_equal(got, want, "perceptron(x, w, b)", context=shapes(x=x[i], w=w),
                     hint="return 1 when w·x + b > 0, else 0")


@suite.check("perceptron", "batch", points=2)
def perceptron_batch(t):
    x, w, b = away_from_boundary(t.rng, 7, 4)
    want = t.expect("out", lambda ref: ref.perceptron(x, w, b))
    assert_equal(t.student.call("perceptron", x, w, b), want, "perceptron(x, w, b) on a batch",
                 context=shapes(x=x, w=w), hint="for x of shape (N, d), x @ w has shape (N,)")


for _gate in ("AND", "NAND", "OR", "XOR"):

    def _truth_table(t, gate=_gate):
        require_gate_params(t)
        assert_equal(gate_table(t, gate), TRUTH[gate], f"{gate}'s truth table", context=TABLE_ORDER,
                     hint="XOR = AND(NAND(x1, x2), OR(x1, x2))" if gate == "XOR" else
                     f"pick (w, b) in GATE_PARAMS['{gate}'] so that w·x + b > 0 exactly where {gate} is 1")

    suite.check(_gate, "truth_table", points=2)(_truth_table)


@suite.check("train_perceptron", "fits_separable_data", points=3)
def train_fits_separable_data(t):
    X, y = separable_data(t.rng, 40, 2)
    what = "train_perceptron(X, y, seed=0)"
    w, b = weights_pair(t.student.call("train_perceptron", X, y, seed=0), what)
    assert_fits(t, X, y, w, b, what)
