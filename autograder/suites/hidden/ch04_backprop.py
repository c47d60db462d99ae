"""Hidden checks for ch04_backprop: more shapes, edge cases and properties, for grading only."""

import numpy as np

from autograder.engine.checks import Suite
from autograder.engine.compare import as_array, assert_close, assert_unchanged, require, shapes
from autograder.engine.gradcheck import numerical_gradient
from autograder.engine.inputs import away_from_zero, logits, one_hot
from autograder.suites.public.ch04_backprop import (
    AFFINE_HINTS, LOSS_BACKWARD_HINT, LOSS_HINT, NET_SIZES, PARAM_KEYS, RELU_BACKWARD_HINT, SIGMOID_BACKWARD_HINT,
    TANH_BACKWARD_HINT, affine_case, affine_expected, assert_grads, check_accuracy, check_activation_backward,
    check_affine_backward, check_loss_backward, check_loss_forward, net_case, pair, ref_net, ref_net_gradient, student_net,
)

suite = Suite("ch04_backprop", public=False)

# N-d inputs to Affine, batch sizes 1 and > 1: (x shape, output width)
ND_CASES = [((3, 2, 3, 2), 4), ((1, 3, 5), 2)]


# ---- MulLayer -------------------------------------------------------------------------------


@suite.check("MulLayer", "backward_scalars", points=1)
def mul_backward_scalars(t):
    x, y, dout = (float(v) for v in t.rng.normal(size=3))
    layer = t.student.new("MulLayer")
    layer.call("forward", x, y)
    dx, dy = pair(layer.call("backward", dout), "MulLayer.backward(dout) on numbers")
    want_dx = t.expect("dx", lambda ref: numerical_gradient(
        lambda a: ref.MulLayer().forward(float(a), y), np.array(x), dout))
    want_dy = t.expect("dy", lambda ref: numerical_gradient(
        lambda a: ref.MulLayer().forward(x, float(a)), np.array(y), dout))
    assert_close(as_array(dx, "MulLayer.backward: dx", ()), want_dx, "MulLayer.backward: dx for numbers x, y",
                 hint="dx = dout * y (the other input)")
    assert_close(as_array(dy, "MulLayer.backward: dy", ()), want_dy, "MulLayer.backward: dy for numbers x, y",
                 hint="dy = dout * x (the other input)")


# ---- Relu -----------------------------------------------------------------------------------


@suite.check("Relu", "backward_4d", points=1)
def relu_backward_4d(t):
    shape = (2, 3, 4, 4)
    check_activation_backward(t, "Relu", away_from_zero(t.rng, shape), t.rng.normal(size=shape), RELU_BACKWARD_HINT)


@suite.check("Relu", "input_not_modified", points=1)
def relu_input_not_modified(t):
    x = away_from_zero(t.rng, (4, 5))
    outcome = t.student.new("Relu").attr("forward").run(x)
    want = t.expect("out", lambda ref: ref.Relu().forward(x.copy()))
    assert_close(outcome.value, want, "Relu.forward(x)", context=shapes(x=x),
                 hint="out = max(0, x) element-wise (np.maximum, not np.max)")
    assert_unchanged(x, outcome.args[0], "Relu.forward: its input x",
                     hint="return a new array (np.maximum(x, 0) or x * (x > 0)); do not zero entries of x")


@suite.check("Relu", "dout_not_modified", points=1)
def relu_dout_not_modified(t):
    x, dout = away_from_zero(t.rng, (4, 5)), t.rng.normal(size=(4, 5))
    layer = t.student.new("Relu")
    layer.call("forward", x)
    outcome = layer.attr("backward").run(dout)
    want = t.expect("dx", lambda ref: numerical_gradient(lambda a: ref.Relu().forward(a), x.copy(), dout))
    assert_close(outcome.value, want, "Relu.backward: dx", context=shapes(x=x, dout=dout), hint=RELU_BACKWARD_HINT)
    assert_unchanged(dout, outcome.args[0], "Relu.backward: its argument dout",
                     hint="compute dx = dout * ~mask (or np.where) instead of dout[mask] = 0")


# ---- Sigmoid --------------------------------------------------------------------------------


def extreme_inputs(rng):
    x = 3 * rng.normal(size=(3, 6))
    x[0, :4] = [1000.0, -1000.0, 50.0, -50.0]
    x[1, :2] = [710.0, -710.0]  # exp(710) overflows float64
    return x


SIGMOID_LARGE_HINT = "for x >= 0 use 1/(1 + exp(-x)), for x < 0 use exp(x)/(1 + exp(x)): the exponent stays <= 0"


@suite.check("Sigmoid", "forward_large_inputs", points=1)
def sigmoid_forward_large(t):
    x = extreme_inputs(t.rng)
    got = t.student.new("Sigmoid").call("forward", x)
    want = t.expect("out", lambda ref: ref.Sigmoid().forward(x))
    assert_close(got, want, "Sigmoid.forward(x) with entries of ±1000 and ±710", context=shapes(x=x),
                 hint=SIGMOID_LARGE_HINT)


@suite.check("Sigmoid", "no_overflow_warning", points=1)
def sigmoid_no_overflow_warning(t):
    x = extreme_inputs(t.rng)
    outcome = t.student.new("Sigmoid").attr("forward").run(x)
    want = t.expect("out", lambda ref: ref.Sigmoid().forward(x.copy()))
    assert_close(outcome.value, want, "Sigmoid.forward(x) with entries of ±1000 and ±710", context=shapes(x=x),
                 hint=SIGMOID_LARGE_HINT)
    warned = [w for w in outcome.warnings if "RuntimeWarning" in w]
    require(not warned, f"Sigmoid.forward(x) with entries of ±1000 warned: {warned[0] if warned else ''}.",
            "exp(1000) overflows; split on the sign of x so that np.exp only sees values <= 0")


def check_dout_not_modified(t, name, backward_hint, formula):
    """`name`.backward(dout) after forward(x): dx right, and dout left as it was (dx = `formula`)."""
    x, dout = t.rng.normal(size=(4, 5)), t.rng.normal(size=(4, 5))
    layer = t.student.new(name)
    layer.call("forward", x)
    outcome = layer.attr("backward").run(dout)
    want = t.expect("dx", lambda ref: numerical_gradient(lambda a: getattr(ref, name)().forward(a), x.copy(), dout))
    assert_close(outcome.value, want, f"{name}.backward: dx", context=shapes(x=x, dout=dout), hint=backward_hint)
    assert_unchanged(dout, outcome.args[0], f"{name}.backward: its argument dout",
                     hint=f"dx = {formula} makes a new array; dout *= ... writes into the caller's")


@suite.check("Sigmoid", "dout_not_modified", points=1)
def sigmoid_dout_not_modified(t):
    check_dout_not_modified(t, "Sigmoid", SIGMOID_BACKWARD_HINT, "dout * out * (1 - out)")


# ---- Tanh -----------------------------------------------------------------------------------

TANH_LARGE_HINT = "np.tanh(x) is stable; (exp(x) - exp(-x)) / (exp(x) + exp(-x)) is inf / inf = nan at x = 1000"


def runtime_warnings(outcome):
    return [w for w in outcome.warnings if "RuntimeWarning" in w]


@suite.check("Tanh", "forward_large_inputs", points=1)
def tanh_forward_large(t):
    x = extreme_inputs(t.rng)
    got = t.student.new("Tanh").call("forward", x)
    want = t.expect("out", lambda ref: ref.Tanh().forward(x))
    assert_close(got, want, "Tanh.forward(x) with entries of ±1000 and ±710", context=shapes(x=x), hint=TANH_LARGE_HINT)


@suite.check("Tanh", "no_overflow_warning", points=1)
def tanh_no_overflow_warning(t):
    x = extreme_inputs(t.rng)
    outcome = t.student.new("Tanh").attr("forward").run(x)
    want = t.expect("out", lambda ref: ref.Tanh().forward(x.copy()))
    assert_close(outcome.value, want, "Tanh.forward(x) with entries of ±1000 and ±710", context=shapes(x=x),
                 hint=TANH_LARGE_HINT)
    warned = runtime_warnings(outcome)
    require(not warned, f"Tanh.forward(x) with entries of ±1000 warned: {warned[0] if warned else ''}.",
            "exp(1000) overflows: use np.tanh, or sign(x) * (1 - exp(-2|x|)) / (1 + exp(-2|x|)), whose exponent is <= 0")


@suite.check("Tanh", "backward_large_inputs", points=1)
def tanh_backward_large(t):
    """Backward from the output: 1 - out**2 is 0 where tanh saturates; 1 / cosh(x)**2 overflows there."""
    x, dout = extreme_inputs(t.rng), t.rng.normal(size=(3, 6))
    layer = t.student.new("Tanh")
    layer.call("forward", x)
    outcome = layer.attr("backward").run(dout)
    want = t.expect("dx", lambda ref: numerical_gradient(lambda a: ref.Tanh().forward(a), x.copy(), dout))
    what = "Tanh.backward: dx after forward(x) with entries of ±1000 and ±710"
    assert_close(outcome.value, want, what, context=shapes(x=x, dout=dout), hint=TANH_BACKWARD_HINT)
    warned = runtime_warnings(outcome)
    require(not warned, f"{what} warned: {warned[0] if warned else ''}.",
            "compute dx from the output saved by forward, dout * (1 - out**2); cosh(1000) overflows")


@suite.check("Tanh", "dout_not_modified", points=1)
def tanh_dout_not_modified(t):
    check_dout_not_modified(t, "Tanh", TANH_BACKWARD_HINT, "dout * (1 - out**2)")


# ---- Affine ---------------------------------------------------------------------------------


@suite.check("Affine", "forward_nd_input", points=2)
def affine_forward_nd(t):
    for i, (x_shape, m) in enumerate(ND_CASES):
        x, W, b, _ = affine_case(t.rng, x_shape, m)
        got = t.student.new("Affine", W, b).call("forward", x)
        want = t.expect(f"out{i}", lambda ref: ref.Affine(W.copy(), b.copy()).forward(x))
        assert_close(got, want, "Affine.forward(x) for x with more than 2 axes", context=shapes(x=x, W=W, b=b),
                     hint="flatten each sample first: x.reshape(x.shape[0], -1) @ W + b")


@suite.check("Affine", "backward_dx_nd_input", points=2)
def affine_backward_dx_nd(t):
    check_affine_backward(t, "dx", ND_CASES)


@suite.check("Affine", "backward_dW_nd_input", points=1)
def affine_backward_dW_nd(t):
    check_affine_backward(t, "dW", ND_CASES)


@suite.check("Affine", "backward_db_nd_input", points=1)
def affine_backward_db_nd(t):
    check_affine_backward(t, "db", ND_CASES)


@suite.check("Affine", "keeps_param_arrays", points=1)
def affine_keeps_params(t):
    x, W, b, _ = affine_case(t.rng, (3, 4), 2)
    W_remote, b_remote = t.student.put(W), t.student.put(b)
    layer = t.student.new("Affine", W_remote, b_remote)
    want = t.expect("out", lambda ref: ref.Affine(W.copy(), b.copy()).forward(x.copy()))
    assert_close(layer.call("forward", x), want, "Affine.forward(x)", context=shapes(x=x, W=W, b=b), hint="out = x @ W + b")
    hint = "store the arrays you are given (self.W = W), not copies, so in-place updates of params reach the layer"
    W2, b2 = t.rng.normal(size=W.shape), t.rng.normal(size=b.shape)
    for name, remote, value, now in (("W", W_remote, W2, (W2, b)), ("b", b_remote, b2, (W2, b2))):
        remote.assign(value)  # what an optimizer does: params[key][...] = new values, in place
        want = t.expect(f"out_{name}", lambda ref: ref.Affine(now[0].copy(), now[1].copy()).forward(x.copy()))
        assert_close(layer.call("forward", x), want, f"Affine.forward(x) after the caller's {name} was updated in place",
                     context=shapes(x=x, W=W, b=b), hint=hint)


@suite.check("Affine", "input_not_modified", points=1)
def affine_input_not_modified(t):
    x, W, b, _ = affine_case(t.rng, (3, 2, 2, 3), 4)
    outcome = t.student.new("Affine", W, b).attr("forward").run(x)
    want = t.expect("out", lambda ref: ref.Affine(W.copy(), b.copy()).forward(x.copy()))
    assert_close(outcome.value, want, "Affine.forward(x) for x with more than 2 axes", context=shapes(x=x, W=W, b=b),
                 hint="flatten each sample first: x.reshape(x.shape[0], -1) @ W + b")
    hint = "x.reshape(N, -1) returns a new view; assigning x.shape = ... changes the caller's array"
    after = np.shape(outcome.args[0])
    require(after == x.shape, f"Affine.forward changed the shape of its input x from {x.shape} to {after}.", hint)
    assert_unchanged(x, outcome.args[0], f"Affine.forward: its input x (of shape {x.shape})", hint=hint)


# ---- SoftmaxWithLoss ------------------------------------------------------------------------


@suite.check("SoftmaxWithLoss", "forward_onehot", points=1)
def loss_forward_onehot(t):
    for i, (n, c) in enumerate([(5, 4), (1, 3)]):
        x, labels = logits(t.rng, n, c)
        check_loss_forward(t, x, one_hot(labels, c), "SoftmaxWithLoss.forward(x, t) with one-hot t", f"loss{i}")


@suite.check("SoftmaxWithLoss", "backward_onehot", points=1)
def loss_backward_onehot(t):
    for i, (n, c) in enumerate([(5, 4), (1, 3)]):
        x, labels = logits(t.rng, n, c)
        check_loss_backward(t, x, one_hot(labels, c), None, "SoftmaxWithLoss.backward() with one-hot t: dx", f"dx{i}")


@suite.check("SoftmaxWithLoss", "backward_uses_dout", points=2)
def loss_backward_dout(t):
    for i, (n, c, onehot) in enumerate([(4, 3, False), (6, 5, True), (1, 4, False)]):
        x, labels = logits(t.rng, n, c)
        dout = float(t.rng.choice([-1, 1]) * t.rng.uniform(0.2, 3.0))
        target = one_hot(labels, c) if onehot else labels
        check_loss_backward(t, x, target, dout, f"SoftmaxWithLoss.backward(dout={dout:.3g}): dx", f"dx{i}")


def large_logits(rng):
    """Rows shifted by +1000 and -1000: a global shift or no shift overflows or divides 0 by 0."""
    x, labels = logits(rng, 6, 4)
    return x + np.array([1000.0, -1000.0] * 3)[:, None], labels


@suite.check("SoftmaxWithLoss", "forward_large_logits", points=2)
def loss_forward_large(t):
    x, labels = large_logits(t.rng)
    check_loss_forward(t, x, labels, "SoftmaxWithLoss.forward(x, t) with rows of scores near +1000 and -1000")


@suite.check("SoftmaxWithLoss", "backward_large_logits", points=1)
def loss_backward_large(t):
    x, labels = large_logits(t.rng)
    check_loss_backward(t, x, labels, None, "SoftmaxWithLoss.backward() after scores near +1000 and -1000: dx")


@suite.check("SoftmaxWithLoss", "inputs_not_modified", points=1)
def loss_inputs_not_modified(t):
    x, labels = logits(t.rng, 5, 4)
    target = one_hot(labels, 4)
    outcome = t.student.new("SoftmaxWithLoss").attr("forward").run(x, target)
    what = "SoftmaxWithLoss.forward(x, t) with one-hot t"
    want = t.expect("loss", lambda ref: ref.SoftmaxWithLoss().forward(x.copy(), target.copy()))
    assert_close(as_array(outcome.value, what, ()), want, what, context=shapes(x=x, t=target), hint=LOSS_HINT)
    hint = "x - x.max(axis=1, keepdims=True) makes a new array; x -= ... writes into the caller's"
    assert_unchanged(x, outcome.args[0], "SoftmaxWithLoss.forward: its input x", hint=hint)
    assert_unchanged(target, outcome.args[1], "SoftmaxWithLoss.forward: its input t (one-hot)", hint=hint)


# ---- TwoLayerNet ----------------------------------------------------------------------------


@suite.check("TwoLayerNet", "numerical_gradient", points=2)
def net_numerical_gradient(t):
    params, x, labels = net_case(t.rng)
    got = student_net(t, params).call("numerical_gradient", x, labels)
    want = t.expect("grads", lambda ref: ref_net(ref, params).gradient(x, labels))
    # Central differences with h = 1e-4 of a loss computed in float32 carry ~1e-3 of rounding noise,
    # so the margin is absolute and wide; the bugs this check is for (a loss that does not depend
    # on params, a sum instead of a mean, wrong shapes) are off by far more.
    assert_grads(got, want, "TwoLayerNet.numerical_gradient(x, t)", shapes(x=x, t=labels),
                 "for each key: numerical_gradient(lambda _: self.loss(x, t), self.params[key])",
                 rtol=1e-2, atol=3e-3)


@suite.check("TwoLayerNet", "gradient_onehot", points=2)
def net_gradient_onehot(t):
    sizes = (7, 4, 3)
    params, x, labels = net_case(t.rng, n=6, sizes=sizes)
    target = one_hot(labels, sizes[2])
    got = student_net(t, params, sizes).call("gradient", x, target)
    want = t.expect("grads", lambda ref: ref_net_gradient(ref, params, x, target, sizes))
    assert_grads(got, want, "TwoLayerNet.gradient(x, t)", shapes(x=x, t=target) + " t is one-hot.",
                 "SoftmaxWithLoss must accept one-hot targets (t.shape == x.shape) as well as labels; "
                 "then backward from last_layer.backward(1) through the layers in reverse")


@suite.check("TwoLayerNet", "accuracy_onehot", points=1)
def net_accuracy_onehot(t):
    check_accuracy(t, onehot=True)


@suite.check("TwoLayerNet", "predict_follows_params_update", points=2)
def net_follows_update(t):
    d, h, c = NET_SIZES
    net = t.student.new("TwoLayerNet", d, h, c, weight_init_std=1.0, seed=int(t.rng.integers(2**31)))
    params = net.get("params")
    require(isinstance(params, dict) and set(params) == set(PARAM_KEYS),
            f"TwoLayerNet.params must be a dict with keys {list(PARAM_KEYS)}.")
    params = {k: as_array(v, f"TwoLayerNet.params['{k}']") for k, v in params.items()}
    x = t.rng.normal(size=(4, d))
    hint = "the Affine layers must hold the very arrays of self.params (no copies)"
    want = t.expect_from_answer(lambda ref: ref_net(ref, params).predict(x))
    assert_close(net.call("predict", x), want, "TwoLayerNet.predict(x) with the net's own initial params",
                 context=shapes(x=x), hint=hint)
    for key in PARAM_KEYS:  # an optimizer step: params[key] -= step, in place
        params[key] = params[key] - 0.5 * t.rng.normal(size=params[key].shape)
        net.attr("params")[key].assign(params[key])
    want = t.expect_from_answer(lambda ref: ref_net(ref, params).predict(x))
    assert_close(net.call("predict", x), want, "TwoLayerNet.predict(x) after updating every params[key] in place",
                 context=shapes(x=x), hint=hint)


@suite.check("TwoLayerNet", "init_reproducible", points=1)
def net_init_reproducible(t):
    seed = int(t.rng.integers(2**31))
    first = t.student.new("TwoLayerNet", 5, 4, 3, seed=seed).get("params")
    second = t.student.new("TwoLayerNet", 5, 4, 3, seed=seed).get("params")
    require(isinstance(first, dict) and isinstance(second, dict) and set(first) == set(second) == set(PARAM_KEYS),
            f"TwoLayerNet.params must be a dict with keys {list(PARAM_KEYS)}.")
    for key in PARAM_KEYS:
        same = np.array_equal(as_array(second.get(key), f"params['{key}']"), as_array(first[key], f"params['{key}']"))
        require(same, f"two TwoLayerNet(5, 4, 3, seed={seed}) got different params['{key}'].",
                "draw the weights from rng = np.random.default_rng(seed), not from np.random")


@suite.check("TwoLayerNet", "weight_init_std", points=1)
def net_weight_init_std(t):
    std = float(t.rng.uniform(0.2, 2.0))
    seed = int(t.rng.integers(2**31))
    params = t.student.new("TwoLayerNet", 200, 100, 50, weight_init_std=std, seed=seed).get("params")
    for key, shape in (("W1", (200, 100)), ("W2", (100, 50))):
        w = as_array(params[key] if isinstance(params, dict) and key in params else None, f"params['{key}']", shape)
        got = float(np.std(w))
        # 5000 or more draws: one standard error of the sample std is at most 1%; allow 7%
        require(abs(got / std - 1) < 0.07,
                f"TwoLayerNet(200, 100, 50, weight_init_std={std:.3g}).params['{key}'] has std {got:.4g}, "
                f"expected about {std:.4g}.", "W = weight_init_std * rng.standard_normal(shape)")


# ---- repeated use of one layer: forward twice, then backward twice with different dout ------


REPEAT_CONTEXT = " The layer ran forward on another input first, then on x, then backward twice."


def check_activation_repeated_use(t, name, scale, hint):
    """forward(x_other), forward(x), then backward(dout1) and backward(dout2): each is the gradient at x."""
    x_other, x = scale * t.rng.normal(size=(2, 3)), scale * t.rng.normal(size=(4, 5))
    layer = t.student.new(name)
    layer.call("forward", x_other)
    layer.call("forward", x)
    for i in range(2):
        dout = t.rng.normal(size=x.shape)
        got = layer.call("backward", dout)
        want = t.expect(f"dx{i}", lambda ref: numerical_gradient(lambda a: getattr(ref, name)().forward(a), x.copy(), dout))
        assert_close(got, want, f"{name}.backward(dout) (call {i + 1} of 2 after one forward(x)): dx",
                     context=shapes(x=x, dout=dout) + REPEAT_CONTEXT, hint=hint)


@suite.check("Sigmoid", "repeated_use", points=1)
def sigmoid_repeated_use(t):
    check_activation_repeated_use(t, "Sigmoid", 2.0, SIGMOID_BACKWARD_HINT + "; backward must not change self.out "
                                  "(a second backward with another dout uses it again)")


@suite.check("Tanh", "repeated_use", points=1)
def tanh_repeated_use(t):
    check_activation_repeated_use(t, "Tanh", 1.5, TANH_BACKWARD_HINT + "; backward must not change self.out "
                                  "(a second backward with another dout uses it again)")


@suite.check("Affine", "repeated_use", points=1)
def affine_repeated_use(t):
    x, W, b, _ = affine_case(t.rng, (4, 2, 3), 5)
    x_other = t.rng.normal(size=(2, 6))
    layer = t.student.new("Affine", W, b)
    layer.call("forward", x_other)
    layer.call("forward", x)
    for i in range(2):
        dout = t.rng.normal(size=(4, 5))
        got = {"dx": layer.call("backward", dout), "dW": layer.get("dW"), "db": layer.get("db")}
        for which in ("dx", "dW", "db"):
            want = t.expect(f"{which}{i}", lambda ref: affine_expected(ref, which, x, W, b, dout))
            what = "dx (its return value)" if which == "dx" else "self." + which
            assert_close(got[which], want, f"Affine.backward(dout) (call {i + 1} of 2 after one forward(x)): {what}",
                         context=shapes(x=x, W=W, dout=dout) + REPEAT_CONTEXT,
                         hint=AFFINE_HINTS[which] + "; set self.dW and self.db anew on every backward (=, not +=)")


@suite.check("SoftmaxWithLoss", "repeated_use", points=1)
def loss_repeated_use(t):
    x_other, labels_other = logits(t.rng, 3, 4)
    x, labels = logits(t.rng, 5, 4)
    layer = t.student.new("SoftmaxWithLoss")
    layer.call("forward", x_other, labels_other)
    layer.call("forward", x, labels)
    for i in range(2):
        dout = float(t.rng.choice([-1, 1]) * t.rng.uniform(0.2, 3.0))
        got = layer.call("backward", dout)
        want = t.expect(f"dx{i}", lambda ref: numerical_gradient(
            lambda a: ref.SoftmaxWithLoss().forward(a, labels), x.copy(), dout))
        assert_close(got, want, f"SoftmaxWithLoss.backward(dout={dout:.3g}) (call {i + 1} of 2 after one forward): dx",
                     context=shapes(x=x, t=labels) + REPEAT_CONTEXT,
                     hint=LOSS_BACKWARD_HINT + "; subtract from a copy of self.y (dx = self.y.copy()), so that "
                     "backward leaves the saved softmax as it was")


@suite.check("SoftmaxWithLoss", "onehot_int_targets", points=1)
def loss_onehot_int(t):
    x, labels = logits(t.rng, 5, 3)
    target = one_hot(labels, 3).astype(int)  # as np.array([[0, 1, 0], ...]) makes it
    what = "SoftmaxWithLoss.forward(x, t) with one-hot t of integers (dtype int)"
    layer = t.student.new("SoftmaxWithLoss")
    got = layer.call("forward", x, target)
    hint = "tell one-hot targets from labels by the shape (t.shape == x.shape), not by the dtype"
    want = t.expect("loss", lambda ref: ref.SoftmaxWithLoss().forward(x, target))
    assert_close(as_array(got, what, ()), want, what, context=shapes(x=x, t=target), hint=hint)
    dout = float(t.rng.uniform(0.5, 2.0))
    want = t.expect("dx", lambda ref: numerical_gradient(lambda a: ref.SoftmaxWithLoss().forward(a, target), x.copy(), dout))
    assert_close(layer.call("backward", dout), want, f"SoftmaxWithLoss.backward(dout={dout:.3g}) after one-hot t of ints: dx",
                 context=shapes(x=x, t=target), hint=hint)


@suite.check("TwoLayerNet", "default_arguments", points=1)
def net_default_arguments(t):
    params = t.student.new("TwoLayerNet", 200, 100, 50).get("params")
    require(isinstance(params, dict) and set(params) == set(PARAM_KEYS),
            f"TwoLayerNet(200, 100, 50).params must be a dict with keys {list(PARAM_KEYS)}.")
    for key, shape in (("W1", (200, 100)), ("W2", (100, 50))):
        got = float(np.std(as_array(params[key], f"TwoLayerNet(200, 100, 50).params['{key}']", shape)))
        # 5000 or more draws: one standard error of the sample std is at most 1%; allow 7%. The net is
        # unseeded: the message names no measured value, so that a report is the same on every run.
        require(abs(got / 0.01 - 1) < 0.07,
                f"TwoLayerNet(200, 100, 50).params['{key}'] has a std more than 7% away from 0.01 "
                "(the default weight_init_std).", "the defaults are weight_init_std=0.01 and seed=None")
