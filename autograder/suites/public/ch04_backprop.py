"""Public checks for ch04_backprop: shipped to students, run by their self-check and by grading.

Each layer's forward is compared with the reference, and each backward with a float64 central
difference of the reference forward, L = sum(forward(x) * dout) with a random `dout`.
"""

import numpy as np

from autograder.engine.checks import Suite
from autograder.engine.compare import as_array, assert_close, require, shapes
from autograder.engine.gradcheck import numerical_gradient
from autograder.engine.inputs import away_from_zero, logits, one_hot, softmax_rows

suite = Suite("ch04_backprop", public=True)

NET_SIZES = (6, 5, 3)  # input, hidden, output
PARAM_KEYS = ("W1", "b1", "W2", "b2")


# ---- inputs ---------------------------------------------------------------------------------


def net_case(rng, n=4, sizes=NET_SIZES, gap=0.0, kink=0.02):
    """Parameters, inputs and labels for TwoLayerNet with hidden pre-activations at least `kink`
    from ReLU's kink, true-class probabilities >= 0.02 and (if gap) top-two scores `gap` apart.
    (An accuracy needs only the gap: with kink 0, a batch of 100 is found in a few draws, not thousands.)"""
    d, h, c = sizes
    while True:
        params = {"W1": rng.normal(scale=0.5, size=(d, h)), "b1": rng.normal(scale=0.3, size=h),
                  "W2": rng.normal(scale=0.5, size=(h, c)), "b2": rng.normal(scale=0.3, size=c)}
        x = rng.normal(size=(n, d))
        t = rng.integers(0, c, size=n)
        a1 = x @ params["W1"] + params["b1"]
        scores = np.maximum(a1, 0) @ params["W2"] + params["b2"]
        top2 = np.sort(scores, axis=1)[:, -2:]
        if (np.abs(a1).min() >= kink and softmax_rows(scores)[np.arange(n), t].min() >= 0.02
                and (top2[:, 1] - top2[:, 0]).min() >= gap):
            return params, x, t


# ---- the student side and the reference ----------------------------------------------------


def pair(got, what, hint=""):
    """A backward that must return (dx, dy)."""
    require(isinstance(got, (tuple, list)) and len(got) == 2,
            f"{what} must return a pair (dx, dy), got {type(got).__name__}.", hint)
    return got


def student_net(t, params, sizes=NET_SIZES):
    """A student TwoLayerNet whose parameters were overwritten in place with `params`."""
    net = t.student.new("TwoLayerNet", *sizes, seed=0)
    for key, value in params.items():
        net.attr("params")[key].assign(value)
    return net


def ref_net(ref, params, sizes=NET_SIZES):
    net = ref.TwoLayerNet(*sizes, seed=0)
    for key, value in params.items():
        net.params[key][...] = value
    return net


def ref_net_gradient(ref, params, x, t, sizes=NET_SIZES):
    """d loss / d params by float64 central differences of the reference network."""
    net = ref_net(ref, params, sizes)
    return {k: numerical_gradient(lambda _: net.loss(x, t), net.params[k]) for k in PARAM_KEYS}


def assert_grads(got, want, what, context, hint, **tolerance):
    """A dict of gradients with exactly the keys of params, each close to `want`."""
    require(isinstance(got, dict), f"{what} must return a dict {{key: gradient}}, got {type(got).__name__}.", hint)
    require(set(got) == set(PARAM_KEYS),
            f"{what} must return the keys of params {list(PARAM_KEYS)}, got {sorted(got)}.", hint)
    for key in PARAM_KEYS:
        assert_close(got[key], want[key], f"{what}['{key}']", context=context, hint=hint, **tolerance)


# ---- MulLayer, AddLayer ---------------------------------------------------------------------


@suite.check("MulLayer", "forward", points=1)
def mul_forward(t):
    x, y = t.rng.normal(size=(3, 4)), t.rng.normal(size=(3, 4))
    got = t.student.new("MulLayer").call("forward", x, y)
    want = t.expect("out", lambda ref: ref.MulLayer().forward(x, y))
    assert_close(got, want, "MulLayer.forward(x, y)", context=shapes(x=x, y=y), hint="out = x * y, element-wise")


@suite.check("MulLayer", "backward", points=2)
def mul_backward(t):
    x, y, dout = (t.rng.normal(size=(3, 4)) for _ in range(3))
    layer = t.student.new("MulLayer")
    layer.call("forward", x, y)
    dx, dy = pair(layer.call("backward", dout), "MulLayer.backward(dout)")
    want_dx = t.expect("dx", lambda ref: numerical_gradient(lambda a: ref.MulLayer().forward(a, y), x.copy(), dout))
    want_dy = t.expect("dy", lambda ref: numerical_gradient(lambda a: ref.MulLayer().forward(x, a), y.copy(), dout))
    context = shapes(x=x, y=y, dout=dout)
    assert_close(dx, want_dx, "MulLayer.backward: dx", context=context, hint="dx = dout * y (the other input)")
    assert_close(dy, want_dy, "MulLayer.backward: dy", context=context, hint="dy = dout * x (the other input)")


@suite.check("AddLayer", "forward", points=1)
def add_forward(t):
    x, y = t.rng.normal(size=(2, 5)), t.rng.normal(size=(2, 5))
    got = t.student.new("AddLayer").call("forward", x, y)
    want = t.expect("out", lambda ref: ref.AddLayer().forward(x, y))
    assert_close(got, want, "AddLayer.forward(x, y)", context=shapes(x=x, y=y), hint="out = x + y")


@suite.check("AddLayer", "backward", points=1)
def add_backward(t):
    x, y, dout = (t.rng.normal(size=(2, 5)) for _ in range(3))
    layer = t.student.new("AddLayer")
    layer.call("forward", x, y)
    dx, dy = pair(layer.call("backward", dout), "AddLayer.backward(dout)")
    want_dx = t.expect("dx", lambda ref: numerical_gradient(lambda a: ref.AddLayer().forward(a, y), x.copy(), dout))
    want_dy = t.expect("dy", lambda ref: numerical_gradient(lambda a: ref.AddLayer().forward(x, a), y.copy(), dout))
    context = shapes(x=x, y=y, dout=dout)
    assert_close(dx, want_dx, "AddLayer.backward: dx", context=context, hint="both local derivatives are 1: dx = dout")
    assert_close(dy, want_dy, "AddLayer.backward: dy", context=context, hint="both local derivatives are 1: dy = dout")


# ---- Relu, Sigmoid --------------------------------------------------------------------------


def check_activation_forward(t, name, x, hint):
    got = t.student.new(name).call("forward", x)
    want = t.expect("out", lambda ref: getattr(ref, name)().forward(x))
    assert_close(got, want, f"{name}.forward(x)", context=shapes(x=x), hint=hint)


def check_activation_backward(t, name, x, dout, hint):
    layer = t.student.new(name)
    layer.call("forward", x)
    got = layer.call("backward", dout)
    want = t.expect("dx", lambda ref: numerical_gradient(lambda a: getattr(ref, name)().forward(a), x.copy(), dout))
    assert_close(got, want, f"{name}.backward: dx", context=shapes(x=x, dout=dout), hint=hint)


RELU_BACKWARD_HINT = "dx = dout where x > 0 and 0 elsewhere: keep the mask x <= 0 from forward"
SIGMOID_BACKWARD_HINT = "dx = dout * out * (1 - out), with out the output saved by forward"
TANH_BACKWARD_HINT = "dx = dout * (1 - out**2), with out = tanh(x) the output saved by forward"


@suite.check("Relu", "forward", points=1)
def relu_forward(t):
    x = away_from_zero(t.rng, (4, 5))
    check_activation_forward(t, "Relu", x, "out = max(0, x) element-wise (np.maximum, not np.max)")


@suite.check("Relu", "backward", points=2)
def relu_backward(t):
    check_activation_backward(t, "Relu", away_from_zero(t.rng, (4, 5)), t.rng.normal(size=(4, 5)), RELU_BACKWARD_HINT)


@suite.check("Sigmoid", "forward", points=1)
def sigmoid_forward(t):
    check_activation_forward(t, "Sigmoid", 3 * t.rng.normal(size=(4, 5)), "out = 1 / (1 + exp(-x))")


@suite.check("Sigmoid", "backward", points=2)
def sigmoid_backward(t):
    x, dout = 3 * t.rng.normal(size=(4, 5)), t.rng.normal(size=(4, 5))
    check_activation_backward(t, "Sigmoid", x, dout, SIGMOID_BACKWARD_HINT)


@suite.check("Tanh", "forward", points=1)
def tanh_forward(t):
    check_activation_forward(t, "Tanh", 2 * t.rng.normal(size=(4, 5)), "out = tanh(x) element-wise (np.tanh)")


@suite.check("Tanh", "backward", points=2)
def tanh_backward(t):
    x, dout = 2 * t.rng.normal(size=(4, 5)), t.rng.normal(size=(4, 5))
    check_activation_backward(t, "Tanh", x, dout, TANH_BACKWARD_HINT)


# ---- Affine ---------------------------------------------------------------------------------

AFFINE_HINTS = {
    "dx": "dx = dout @ W.T, reshaped to the original shape of x",
    "dW": "dW = x2.T @ dout with x2 = x.reshape(N, -1)",
    "db": "db = dout.sum(axis=0): b is added to every row of the batch",
}


def affine_case(rng, x_shape, m):
    x = rng.normal(size=x_shape)
    d = int(np.prod(x_shape[1:]))
    return x, rng.normal(size=(d, m)), rng.normal(size=m), rng.normal(size=(x_shape[0], m))


def affine_backward_values(t, x, W, b, dout):
    """The student's (dx, dW, db) after forward(x) and backward(dout)."""
    layer = t.student.new("Affine", W, b)
    layer.call("forward", x)
    dx = layer.call("backward", dout)
    return {"dx": dx, "dW": layer.get("dW"), "db": layer.get("db")}


def affine_expected(ref, which, x, W, b, dout):
    """Numerical gradient of the reference Affine's forward with respect to x, W or b."""
    if which == "dx":
        return numerical_gradient(lambda a: ref.Affine(W.copy(), b.copy()).forward(a), x.copy(), dout)
    if which == "dW":
        return numerical_gradient(lambda a: ref.Affine(a, b.copy()).forward(x.copy()), W.copy(), dout)
    return numerical_gradient(lambda a: ref.Affine(W.copy(), a).forward(x.copy()), b.copy(), dout)


def check_affine_backward(t, which, cases):
    for i, (x_shape, m) in enumerate(cases):
        x, W, b, dout = affine_case(t.rng, x_shape, m)
        got = affine_backward_values(t, x, W, b, dout)[which]
        want = t.expect(f"{which}{i}", lambda ref: affine_expected(ref, which, x, W, b, dout))
        what = f"Affine.backward: {'dx (its return value)' if which == 'dx' else 'self.' + which}"
        assert_close(got, want, what, context=shapes(x=x, W=W, dout=dout), hint=AFFINE_HINTS[which])


@suite.check("Affine", "forward", points=2)
def affine_forward(t):
    x, W, b, _ = affine_case(t.rng, (4, 6), 3)
    got = t.student.new("Affine", W, b).call("forward", x)
    want = t.expect("out", lambda ref: ref.Affine(W.copy(), b.copy()).forward(x))
    assert_close(got, want, "Affine.forward(x)", context=shapes(x=x, W=W, b=b), hint="out = x @ W + b")


@suite.check("Affine", "backward_dx", points=2)
def affine_backward_dx(t):
    check_affine_backward(t, "dx", [((4, 6), 3)])


@suite.check("Affine", "backward_dW", points=2)
def affine_backward_dW(t):
    check_affine_backward(t, "dW", [((4, 6), 3)])


@suite.check("Affine", "backward_db", points=1)
def affine_backward_db(t):
    check_affine_backward(t, "db", [((4, 6), 3)])


# ---- SoftmaxWithLoss ------------------------------------------------------------------------

LOSS_HINT = "loss = -mean over the batch of log softmax(x)[n, t_n]; shift each row by its max"
LOSS_BACKWARD_HINT = "dx = dout * (y - t_onehot) / N, with y = softmax(x) saved by forward"


def check_loss_forward(t, x, target, what, label="loss"):
    got = t.student.new("SoftmaxWithLoss").call("forward", x, target)
    want = t.expect(label, lambda ref: ref.SoftmaxWithLoss().forward(x, target))
    assert_close(as_array(got, what, ()), want, what, context=shapes(x=x, t=target), hint=LOSS_HINT)


def check_loss_backward(t, x, target, dout, what, label="dx"):
    """backward(dout) (or backward() when dout is None) against the numerical gradient."""
    layer = t.student.new("SoftmaxWithLoss")
    layer.call("forward", x, target)
    got = layer.call("backward") if dout is None else layer.call("backward", dout)
    want = t.expect(label, lambda ref: numerical_gradient(
        lambda a: ref.SoftmaxWithLoss().forward(a, target), x.copy(), dout))
    assert_close(got, want, what, context=shapes(x=x, t=target), hint=LOSS_BACKWARD_HINT)


@suite.check("SoftmaxWithLoss", "forward", points=2)
def loss_forward(t):
    x, labels = logits(t.rng, 5, 4)
    check_loss_forward(t, x, labels, "SoftmaxWithLoss.forward(x, t) with labels t")


@suite.check("SoftmaxWithLoss", "backward", points=2)
def loss_backward(t):
    x, labels = logits(t.rng, 5, 4)
    check_loss_backward(t, x, labels, None, "SoftmaxWithLoss.backward() (dout=1) with labels t: dx")


# ---- TwoLayerNet ----------------------------------------------------------------------------


@suite.check("TwoLayerNet", "params_shapes", points=1)
def net_params_shapes(t):
    d, h, c = NET_SIZES
    params = t.student.new("TwoLayerNet", d, h, c, seed=0).get("params")
    hint = "params = {'W1': (input, hidden), 'b1': (hidden,), 'W2': (hidden, output), 'b2': (output,)}"
    require(isinstance(params, dict) and set(params) == set(PARAM_KEYS),
            f"TwoLayerNet.params must be a dict with keys {list(PARAM_KEYS)}.", hint)
    want = {"W1": (d, h), "b1": (h,), "W2": (h, c), "b2": (c,)}
    for key in PARAM_KEYS:
        as_array(params[key], f"TwoLayerNet({d}, {h}, {c}).params['{key}']", want[key], hint)


@suite.check("TwoLayerNet", "predict", points=2)
def net_predict(t):
    params, x, _ = net_case(t.rng)
    got = student_net(t, params).call("predict", x)
    want = t.expect("scores", lambda ref: ref_net(ref, params).predict(x))
    assert_close(got, want, "TwoLayerNet.predict(x)", context=shapes(x=x, **params),
                 hint="run Affine1 -> Relu1 -> Affine2 on x (no softmax); the layers must use the arrays of params")


@suite.check("TwoLayerNet", "loss", points=1)
def net_loss(t):
    params, x, labels = net_case(t.rng)
    got = student_net(t, params).call("loss", x, labels)
    want = t.expect("loss", lambda ref: ref_net(ref, params).loss(x, labels))
    assert_close(as_array(got, "TwoLayerNet.loss(x, t)", ()), want, "TwoLayerNet.loss(x, t)",
                 context=shapes(x=x, t=labels), hint="loss = last_layer.forward(predict(x), t)")


ACCURACY_BATCHES = (slice(0, 20), slice(20, 50), slice(50, 100))  # three batch sizes


def check_accuracy(t, onehot):
    params, x, labels = net_case(t.rng, n=100, gap=1e-3, kink=0.0)
    target = one_hot(labels, NET_SIZES[2]) if onehot else labels
    net = student_net(t, params)
    kind = "one-hot" if onehot else "labels"
    hint = ("for one-hot t, compare with np.argmax(t, axis=1)" if onehot else
            "the fraction (not the count) of rows whose argmax score is t")
    for i, rows in enumerate(ACCURACY_BATCHES):
        got = net.call("accuracy", x[rows], target[rows])
        want = t.expect(f"accuracy{i}", lambda ref: ref_net(ref, params).accuracy(x[rows], target[rows]))
        assert_close(as_array(got, "TwoLayerNet.accuracy(x, t)", ()), want, f"TwoLayerNet.accuracy(x, t) with {kind} t",
                     context=shapes(x=x[rows], t=target[rows]), hint=hint)


@suite.check("TwoLayerNet", "accuracy", points=1)
def net_accuracy(t):
    check_accuracy(t, onehot=False)


@suite.check("TwoLayerNet", "gradient", points=3)
def net_gradient(t):
    params, x, labels = net_case(t.rng)
    got = student_net(t, params).call("gradient", x, labels)
    want = t.expect("grads", lambda ref: ref_net_gradient(ref, params, x, labels))
    assert_grads(got, want, "TwoLayerNet.gradient(x, t)", shapes(x=x, t=labels),
                 "forward with loss(x, t), then backward from last_layer.backward(1) through the layers in reverse")
