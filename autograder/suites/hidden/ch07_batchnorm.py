"""Hidden checks for ch07_batchnorm: running statistics, test mode, 4-D backward, eps, inputs, for grading only."""

import numpy as np

from autograder.engine.checks import Suite
from autograder.engine.compare import as_array, assert_close, assert_unchanged, shapes
from autograder.suites.public.ch07_batchnorm import (
    DX_HINT, FORWARD_4D_HINT, FORWARD_HINT, SHAPE_2D, SHAPE_4D, bn_case, bn_numerical, check_backward,
    check_forward_train, ref_train_forward,
)

suite = Suite("ch07_batchnorm", public=False)

RUNNING_HINT = ("after each training forward: running_mean = momentum*running_mean + (1-momentum)*batch_mean, "
                "running_var likewise with the biased batch variance; per channel (shape (C,)) for 4-D input")


def training_batches(rng, shape, count, gamma_features):
    """`count` batches of `shape` drawn around one fixed per-feature mean and scale."""
    axis = (1, shape[1]) if len(shape) == 2 else (1, shape[1], 1, 1)
    mean = rng.uniform(-3, 3, size=gamma_features).reshape(axis)
    std = rng.uniform(0.5, 3, size=gamma_features).reshape(axis)
    return [mean + std * rng.normal(size=shape) for _ in range(count)]


TEST_MODE_HINT = ("test mode uses running_mean and running_var, not the statistics of x: "
                  "out = gamma * (x - running_mean) / sqrt(running_var + eps) + beta")


def ref_after_training(ref, gamma, beta, batches, **kwargs):
    layer = ref.BatchNormalization(gamma.copy(), beta.copy(), **{k: np.copy(v) for k, v in kwargs.items()})
    for xb in batches:
        layer.forward(xb.copy(), train_flg=True)
    return layer


def ref_test_outputs(ref, gamma, beta, batches, tests):
    """The reference's test-mode outputs for `tests`, one after another, after training on `batches`."""
    layer = ref_after_training(ref, gamma, beta, batches)
    return [layer.forward(x.copy(), train_flg=False) for x in tests]


def student_after_training(t, gamma, beta, batches, **kwargs):
    layer = t.student.new("BatchNormalization", gamma, beta, **kwargs)
    for xb in batches:
        layer.call("forward", xb, train_flg=True)
    return layer


def check_running_stats(t, shape, **kwargs):
    _, gamma, beta = bn_case(t.rng, shape)
    batches = training_batches(t.rng, shape, 3, shape[1])
    want_mean, want_var = t.expect("running", lambda ref: (lambda l: (l.running_mean, l.running_var))(
        ref_after_training(ref, gamma, beta, batches, **kwargs)))
    layer = student_after_training(t, gamma, beta, batches, **kwargs)
    args = "".join(f", {k}=..." if isinstance(v, np.ndarray) else f", {k}={v}" for k, v in kwargs.items())
    context = shapes(x=batches[0], gamma=gamma) + " After 3 calls of forward(x, train_flg=True)."
    for name, want in (("running_mean", want_mean), ("running_var", want_var)):
        assert_close(layer.get(name), want, f"BatchNormalization(gamma, beta{args}).{name}", context=context,
                     hint=RUNNING_HINT)


@suite.check("BatchNormalization", "running_stats", points=2)
def running_stats(t):
    features = SHAPE_2D[1]
    check_running_stats(t, SHAPE_2D, momentum=0.8, running_mean=t.rng.normal(size=features),
                        running_var=t.rng.uniform(0.5, 2.0, size=features))


@suite.check("BatchNormalization", "running_stats_4d", points=1)
def running_stats_4d(t):
    check_running_stats(t, SHAPE_4D)


@suite.check("BatchNormalization", "forward_test_mode", points=2)
def forward_test_mode(t):
    """After training steps, forward(x, train_flg=False) normalizes with the running statistics (also for N = 1)."""
    for shape, test_shape in ((SHAPE_2D, (3, SHAPE_2D[1])), (SHAPE_4D, (1,) + SHAPE_4D[1:])):
        _, gamma, beta = bn_case(t.rng, shape)
        batches = training_batches(t.rng, shape, 3, shape[1])
        x_test = batches[0][: test_shape[0]] + 0.3 * t.rng.normal(size=test_shape)
        want = t.expect(f"out{len(shape)}d", lambda ref: ref_after_training(ref, gamma, beta, batches, momentum=0.7)
                        .forward(x_test.copy(), train_flg=False))
        got = student_after_training(t, gamma, beta, batches, momentum=0.7).call("forward", x_test, train_flg=False)
        assert_close(got, want, "BatchNormalization(gamma, beta, momentum=0.7).forward(x, train_flg=False)",
                     context=shapes(x=x_test, gamma=gamma) + " After 3 training forwards on other batches.",
                     hint=TEST_MODE_HINT)


@suite.check("BatchNormalization", "test_mode_keeps_running_stats", points=1)
def test_mode_keeps_stats(t):
    """Each test-mode forward returns the right output (judged first), and leaves the running statistics."""
    for shape in (SHAPE_2D, SHAPE_4D):
        _, gamma, beta = bn_case(t.rng, shape)
        batches = training_batches(t.rng, shape, 2, shape[1])
        tests = [t.rng.normal(loc=5.0, size=shape) for _ in range(2)]
        want = t.expect(f"out{len(shape)}d", lambda ref: ref_test_outputs(ref, gamma, beta, batches, tests))
        layer = student_after_training(t, gamma, beta, batches)
        names = ("running_mean", "running_var")
        before = {name: as_array(layer.get(name), f"BatchNormalization.{name}") for name in names}
        for i, x in enumerate(tests):
            assert_close(layer.call("forward", x, train_flg=False), want[i],
                         f"BatchNormalization.forward(x, train_flg=False), call number {i + 1}",
                         context=shapes(x=x, gamma=gamma) + " After 2 training forwards on other batches.",
                         hint=TEST_MODE_HINT)
            for name, value in before.items():
                assert_unchanged(value, layer.get(name), f"BatchNormalization.{name} after forward(x, train_flg=False) "
                                 f"on x of shape {shape}", hint="update the running statistics only when train_flg is True")


@suite.check("BatchNormalization", "backward_dx_4d", points=2)
def backward_dx_4d(t):
    check_backward(t, SHAPE_4D, "x")


@suite.check("BatchNormalization", "backward_dgamma_4d", points=1)
def backward_dgamma_4d(t):
    check_backward(t, SHAPE_4D, "gamma")


@suite.check("BatchNormalization", "backward_dbeta_4d", points=1)
def backward_dbeta_4d(t):
    check_backward(t, SHAPE_4D, "beta")


@suite.check("BatchNormalization", "backward_dx_other_shapes", points=1)
def backward_dx_other_shapes(t):
    """The smallest batch that checks something (N = 4), one feature, and a 4-D input with one row per image."""
    for shape in ((4, 1), (4, 7), (5, 2, 1, 3)):
        check_backward(t, shape, "x")


@suite.check("BatchNormalization", "honors_eps", points=1)
def honors_eps(t):
    """eps = 0.5 on features of variance about 0.1: a hard-coded eps changes the output visibly."""
    check_forward_train(t, SHAPE_2D, FORWARD_HINT + "; use self.eps, not a constant", eps=0.5,
                        case={"scale": (0.2, 0.4)})


@suite.check("BatchNormalization", "inputs_unchanged", points=1)
def inputs_unchanged(t):
    for shape in (SHAPE_2D, SHAPE_4D):
        x, gamma, beta = bn_case(t.rng, shape)
        dout = t.rng.normal(size=shape)
        want_out = t.expect(f"out{len(shape)}d", lambda ref: ref_train_forward(ref, gamma, beta)(x.copy()))
        want_dx = t.expect(f"dx{len(shape)}d", lambda ref: bn_numerical(ref, x, gamma, beta, dout, "x"))
        context = shapes(x=x, gamma=gamma, dout=dout)
        layer = t.student.new("BatchNormalization", gamma, beta)
        forward = layer.attr("forward").run(x, train_flg=True)
        assert_close(forward.value, want_out, "BatchNormalization(gamma, beta).forward(x, train_flg=True)",
                     context=context, hint=FORWARD_HINT if len(shape) == 2 else FORWARD_4D_HINT)
        assert_unchanged(x, forward.args[0], f"x (shape {shape}) passed to forward",
                         hint="compute x - mean into a new array; never x -= mean")
        backward = layer.attr("backward").run(dout)
        assert_close(backward.value, want_dx, "BatchNormalization.backward(dout): dx (returned)",
                     context=context + " After forward(x, train_flg=True).", hint=DX_HINT)
        assert_unchanged(dout, backward.args[0], f"dout (shape {shape}) passed to backward",
                         hint="compute new arrays from dout; never write into it (dout *= ...)")


# ---------------------------------------------------------------- corners: momentum, eps, defaults, repeated calls,
# the caller's arrays


@suite.check("BatchNormalization", "running_stats_low_momentum", points=1)
def running_stats_low_momentum(t):
    """momentum 0.3 and 0 (the running statistics become the last batch's): weights below one half."""
    for shape, momentum in ((SHAPE_2D, 0.3), (SHAPE_4D, 0.0)):
        _, gamma, beta = bn_case(t.rng, shape)
        batches = training_batches(t.rng, shape, 3, shape[1])
        want = t.expect(f"running{momentum}", lambda ref: (lambda l: (l.running_mean, l.running_var))(
            ref_after_training(ref, gamma, beta, batches, momentum=momentum)))
        layer = student_after_training(t, gamma, beta, batches, momentum=momentum)
        context = shapes(x=batches[0], gamma=gamma) + " After 3 calls of forward(x, train_flg=True)."
        for name, value in zip(("running_mean", "running_var"), want):
            assert_close(layer.get(name), value, f"BatchNormalization(gamma, beta, momentum={momentum}).{name}",
                         context=context, hint=RUNNING_HINT + "; (1 - momentum) weighs the batch")


@suite.check("BatchNormalization", "test_mode_eps", points=1)
def test_mode_eps(t):
    """Test mode with the running statistics given to the constructor, where eps is not negligible: eps = 0.05
    with running variances 0.1-0.4, and the default eps (1e-5) with running variances of about 1e-4."""
    cases = ((SHAPE_2D, {"eps": 0.05}, (0.1, 0.4), 1.0), ((2,) + SHAPE_4D[1:], {}, (1e-4, 3e-4), 0.015))
    for shape, kwargs, var_range, scale in cases:
        _, gamma, beta = bn_case(t.rng, shape)
        features = shape[1]
        running_mean = t.rng.normal(scale=scale, size=features)
        running_var = t.rng.uniform(*var_range, size=features)
        x = scale * t.rng.normal(size=shape)
        args = dict(kwargs, running_mean=running_mean, running_var=running_var)
        want = t.expect(f"out{len(shape)}d", lambda ref: ref.BatchNormalization(
            gamma.copy(), beta.copy(), **{k: np.copy(v) for k, v in args.items()}).forward(x.copy(), train_flg=False))
        got = t.student.new("BatchNormalization", gamma, beta, **args).call("forward", x, train_flg=False)
        shown = "".join(f", {k}={v}" for k, v in kwargs.items())
        assert_close(got, want, f"BatchNormalization(gamma, beta{shown}, running_mean=..., running_var=...)"
                     ".forward(x, train_flg=False)",
                     context=shapes(x=x, gamma=gamma) + f" Running variances in [{var_range[0]:g}, {var_range[1]:g}].",
                     hint=TEST_MODE_HINT + " (add eps, never subtract it; use self.eps)")


@suite.check("BatchNormalization", "default_eps", points=1)
def default_eps(t):
    """BatchNormalization(gamma, beta) on features whose variance is about eps = 1e-5: the default eps shows."""
    check_forward_train(t, SHAPE_2D, FORWARD_HINT + "; the default eps is 1e-5 (SPEC)",
                        case={"loc": 1.0, "scale": (0.002, 0.005)})


@suite.check("BatchNormalization", "keeps_param_arrays", points=1)
def keeps_param_arrays(t):
    """An optimizer updates gamma and beta in place (params[key] -= ...): the layer must see the new values."""
    x, gamma, beta = bn_case(t.rng, SHAPE_4D)
    gamma_remote, beta_remote = t.student.put(gamma), t.student.put(beta)
    layer = t.student.new("BatchNormalization", gamma_remote, beta_remote)
    context = shapes(x=x, gamma=gamma)
    want = t.expect("out", lambda ref: ref_train_forward(ref, gamma, beta)(x.copy()))
    assert_close(layer.call("forward", x, train_flg=True), want, "BatchNormalization(gamma, beta).forward(x, train_flg=True)",
                 context=context, hint=FORWARD_4D_HINT)
    hint = ("store the arrays you are given (self.gamma = gamma), not copies, so in-place updates of params reach "
            "the layer")
    gamma2, beta2 = t.rng.uniform(0.5, 2.0, size=gamma.shape), t.rng.normal(size=beta.shape)
    for name, remote, value, now in (("gamma", gamma_remote, gamma2, (gamma2, beta)),
                                     ("beta", beta_remote, beta2, (gamma2, beta2))):
        remote.assign(value)  # what an optimizer does: params[key][...] = new values, in place
        want = t.expect(f"out_{name}", lambda ref: ref_train_forward(ref, *now)(x.copy()))
        assert_close(layer.call("forward", x, train_flg=True), want,
                     f"BatchNormalization.forward(x, train_flg=True) after the caller's {name} was updated in place",
                     context=context, hint=hint)


@suite.check("BatchNormalization", "backward_repeated", points=1)
def backward_repeated(t):
    """Two training forwards, then backward twice with different dout: each is the backward of the last forward."""
    x1, gamma, beta = bn_case(t.rng, SHAPE_2D)
    x2, _, _ = bn_case(t.rng, SHAPE_2D)
    layer = t.student.new("BatchNormalization", gamma, beta)
    layer.call("forward", x1, train_flg=True)
    want_out = t.expect("out", lambda ref: ref_train_forward(ref, gamma, beta)(x2.copy()))
    context = shapes(x=x2, gamma=gamma) + " After forward(x1, train_flg=True), forward(x2, train_flg=True)."
    assert_close(layer.call("forward", x2, train_flg=True), want_out,
                 "BatchNormalization.forward(x2, train_flg=True), the second forward of one layer", context=context,
                 hint=FORWARD_HINT)
    hint = ("backward uses what the last training forward saved, without changing it, and sets self.dgamma and "
            "self.dbeta anew each call (=, not +=)")
    for k in (1, 2):
        dout = t.rng.normal(size=SHAPE_2D)
        want = t.expect(f"grads{k}", lambda ref: [bn_numerical(ref, x2, gamma, beta, dout, wrt)
                                                  for wrt in ("x", "gamma", "beta")])
        dx = layer.call("backward", dout)
        for got, what, value in ((dx, "dx (returned)", want[0]), (layer.get("dgamma"), "self.dgamma", want[1]),
                                 (layer.get("dbeta"), "self.dbeta", want[2])):
            assert_close(got, value, f"BatchNormalization.backward(dout) call number {k}: {what}", context=context,
                         hint=hint)
