"""Public checks for ch07_batchnorm: shipped to students, run by their self-check and by grading."""

from autograder.engine.checks import Suite
from autograder.engine.compare import assert_close, shapes
from autograder.engine.gradcheck import numerical_gradient

suite = Suite("ch07_batchnorm", public=True)

SHAPE_2D = (6, 5)
SHAPE_4D = (4, 3, 2, 5)  # W != C, so per-position statistics cannot broadcast against (C,) by accident
FORWARD_HINT = ("per feature (columns of (N, D)) or per channel (over N, H, W of (N, C, H, W)): "
                "xhat = (x - mean) / sqrt(var + eps) with the biased variance (divide by N); out = gamma*xhat + beta")
FORWARD_4D_HINT = ("one mean and variance per channel, over N, H and W together: e.g. "
                   "x.transpose(0, 2, 3, 1).reshape(-1, C), normalize the columns, then reshape and transpose back")
DX_HINT = ("dx = (dxhat - mean(dxhat) - xhat * mean(dxhat * xhat)) / sqrt(var + eps) with dxhat = gamma * dout "
           "(means over the batch; over N, H, W for 4-D input)")
DGAMMA_HINT = "dgamma = sum(dout * xhat) over the batch (over N, H, W for 4-D input), xhat the normalized input"
DBETA_HINT = "dbeta = sum(dout) over the batch (over N, H, W for 4-D input)"


def feature_axis_shape(shape):
    """How per-feature (2-D) or per-channel (4-D) vectors broadcast against x."""
    return (1, shape[1]) if len(shape) == 2 else (1, shape[1], 1, 1)


def bn_case(rng, shape, loc=3.0, scale=(0.5, 3.0)):
    """x with a different mean and scale per feature/channel; gamma (|gamma| in [0.5, 2], both signs) and beta."""
    features = shape[1]
    mean = rng.uniform(-loc, loc, size=features).reshape(feature_axis_shape(shape))
    std = rng.uniform(*scale, size=features).reshape(feature_axis_shape(shape))
    x = mean + std * rng.normal(size=shape)
    gamma = rng.uniform(0.5, 2.0, size=features) * rng.choice([-1.0, 1.0], size=features)
    beta = rng.normal(size=features)
    return x, gamma, beta


def ref_train_forward(ref, gamma, beta, **kwargs):
    """x -> the reference training-mode forward of a fresh layer (fresh running statistics each call)."""
    return lambda x_: ref.BatchNormalization(gamma.copy(), beta.copy(), **kwargs).forward(x_, train_flg=True)


def bn_numerical(ref, x, gamma, beta, dout, wrt):
    """Numerical gradient of sum(bn(x; gamma, beta) * dout) in training mode, for wrt in 'x', 'gamma', 'beta'."""
    if wrt == "x":
        return numerical_gradient(ref_train_forward(ref, gamma, beta), x.copy(), dout)
    if wrt == "gamma":
        f = lambda g_: ref.BatchNormalization(g_, beta.copy()).forward(x.copy(), train_flg=True)  # noqa: E731
        return numerical_gradient(f, gamma.copy(), dout)
    f = lambda b_: ref.BatchNormalization(gamma.copy(), b_).forward(x.copy(), train_flg=True)  # noqa: E731
    return numerical_gradient(f, beta.copy(), dout)


def check_forward_train(t, shape, hint, **kwargs):
    x, gamma, beta = bn_case(t.rng, shape, **kwargs.pop("case", {}))
    want = t.expect("out", lambda ref: ref_train_forward(ref, gamma, beta, **kwargs)(x.copy()))
    got = t.student.new("BatchNormalization", gamma, beta, **kwargs).call("forward", x, train_flg=True)
    args = "".join(f", {k}={v}" for k, v in kwargs.items())
    assert_close(got, want, f"BatchNormalization(gamma, beta{args}).forward(x, train_flg=True)",
                 context=shapes(x=x, gamma=gamma), hint=hint)


def check_backward(t, shape, wrt):
    """One of dx, dgamma, dbeta after forward(x, train_flg=True) and backward(dout), random dout."""
    x, gamma, beta = bn_case(t.rng, shape)
    dout = t.rng.normal(size=shape)
    want = t.expect(f"d{wrt}", lambda ref: bn_numerical(ref, x, gamma, beta, dout, wrt))
    layer = t.student.new("BatchNormalization", gamma, beta)
    layer.call("forward", x, train_flg=True)
    dx = layer.call("backward", dout)
    got, what, hint = {"x": (dx, "dx (returned)", DX_HINT), "gamma": (layer.get("dgamma"), "self.dgamma", DGAMMA_HINT),
                       "beta": (layer.get("dbeta"), "self.dbeta", DBETA_HINT)}[wrt]
    assert_close(got, want, f"BatchNormalization.backward(dout): {what}",
                 context=shapes(x=x, gamma=gamma, dout=dout) + " After forward(x, train_flg=True).", hint=hint)


@suite.check("BatchNormalization", "forward_train", points=2)
def forward_train(t):
    check_forward_train(t, SHAPE_2D, FORWARD_HINT)


@suite.check("BatchNormalization", "forward_train_4d", points=2)
def forward_train_4d(t):
    check_forward_train(t, SHAPE_4D, FORWARD_4D_HINT)


@suite.check("BatchNormalization", "backward_dx", points=2)
def backward_dx(t):
    check_backward(t, SHAPE_2D, "x")


@suite.check("BatchNormalization", "backward_dgamma", points=1)
def backward_dgamma(t):
    check_backward(t, SHAPE_2D, "gamma")


@suite.check("BatchNormalization", "backward_dbeta", points=1)
def backward_dbeta(t):
    check_backward(t, SHAPE_2D, "beta")
