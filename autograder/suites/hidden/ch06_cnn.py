"""Hidden checks for ch06_cnn: more shapes, strides and paddings, edge cases and properties, for grading only."""

import numpy as np

from autograder.engine.checks import Suite
from autograder.engine.compare import (
    as_array, assert_close, assert_equal, assert_integer, describe_value, fail, require, shapes,
)
from autograder.engine.gradcheck import directional_derivative, numerical_gradient
from autograder.engine.inputs import call_text
from autograder.engine.student import StudentError
from autograder.suites.public.ch06_cnn import (
    CONV_HINT, DB_HINT, DW_HINT, DX_HINT, NET_KEYS, POOL_DX_HINT, POOL_HINT, TINY_NET, check_conv_backward,
    check_conv_forward, check_net_gradient, check_pool_backward, check_pool_forward, conv_case, conv_numerical,
    describe_config, distinct_values, net_case, net_config, out_hw, pool_numerical, ref_conv_forward,
    ref_net_numerical_gradient, student_conv_backward, student_net,
)

suite = Suite("ch06_cnn", public=False)

# (N, C, H, W, FN, FH, FW, stride, pad): strides 1-3, pads 0-2, non-square inputs and filters, 1x1 filters.
CONV_CONFIGS = [
    (1, 3, 5, 7, 2, 3, 3, 2, 1),
    (3, 2, 6, 5, 4, 2, 3, 2, 0),
    (2, 1, 4, 4, 3, 1, 1, 1, 0),
    (2, 2, 3, 5, 2, 3, 3, 1, 2),
    (2, 3, 7, 7, 2, 3, 3, 3, 1),
]
# (input shape, filter_h, filter_w, stride, pad) for im2col / col2im.
COL_CONFIGS = [
    ((1, 3, 5, 5), 3, 3, 1, 0),
    ((2, 2, 5, 7), 3, 3, 2, 1),
    ((2, 1, 4, 6), 2, 3, 1, 2),
    ((1, 2, 7, 7), 1, 1, 2, 0),
    ((2, 3, 3, 5), 3, 1, 2, 1),
    ((2, 1, 7, 6), 3, 2, 2, 1),
]
# (input shape, (pool_h, pool_w), stride): overlapping windows (stride < pool size), gaps (stride > pool size).
POOL_CONFIGS = [
    ((2, 3, 4, 5), (2, 2), 1),
    ((2, 2, 5, 7), (3, 3), 2),
    ((1, 2, 6, 7), (2, 3), 2),
    ((2, 2, 6, 5), (3, 2), 3),
]
POOL_PAD_CONFIGS = [((2, 2, 4, 4), (2, 2), 2, 1), ((1, 3, 5, 5), (3, 3), 2, 1)]
STRIDE_PAD_NET = net_config((2, 7, 7), 3, 3, 1, 2, 5, 4)


def conv_call(args):
    return call_text("conv_output_size", **dict(zip(("input_size", "filter_size", "stride", "pad"), args)))


def expect_value_error(t, args, why):
    """conv_output_size(*args) must raise ValueError; any other error is reported as it is."""
    try:
        got = t.student.call("conv_output_size", *args)
    except StudentError as error:
        if error.kind == "ValueError":
            return
        raise
    shown = repr(got) if type(got) in (int, float) else describe_value(got)
    fail(f"{conv_call(args)} returned {shown}; expected a ValueError, because {why}.",
         "raise ValueError(...) when the stride does not divide input_size + 2*pad - filter_size "
         "and when the filter does not fit in the padded input (result below 1)")


@suite.check("conv_output_size", "raises_on_uneven_stride", points=1)
def conv_output_size_uneven(t):
    for args in [(7, 3, 3, 0), (8, 3, 2, 0), (6, 2, 4, 1)]:
        expect_value_error(t, args, f"stride {args[2]} does not divide {args[0] + 2 * args[3] - args[1]}")


@suite.check("conv_output_size", "raises_when_filter_too_large", points=1)
def conv_output_size_too_small(t):
    for args in [(3, 5, 1, 0), (2, 5, 1, 1), (4, 7, 1, 1)]:
        expect_value_error(t, args, f"a filter of {args[1]} does not fit in {args[0] + 2 * args[3]} padded values")


@suite.check("conv_output_size", "returns_int", points=1)
def conv_output_size_int(t):
    for args in [(28, 5, 1, 0), (7, 3, 2, 1)]:
        assert_integer(t.student.call("conv_output_size", *args), conv_call(args),
                       hint="use integer division //: sizes feed reshape and np.zeros, which reject floats")


@suite.check("im2col", "stride_pad_combinations", points=2)
def im2col_configs(t):
    for shape, fh, fw, stride, pad in COL_CONFIGS:
        x = t.rng.normal(size=shape)
        want = t.expect(f"col{shape}", lambda ref: ref.im2col(x.copy(), fh, fw, stride, pad))
        got = t.student.call("im2col", x, fh, fw, stride, pad)
        assert_close(got, want, f"im2col(x, filter_h={fh}, filter_w={fw}, stride={stride}, pad={pad})",
                     context=shapes(x=x),
                     hint="pad H and W by pad on both sides; the window of output (i, j) starts at "
                          "(i*stride, j*stride); rows in (n, i, j) order, columns in (c, y, x) order")


@suite.check("col2im", "adjoint_of_im2col", points=2)
def col2im_adjoint(t):
    """<im2col(x), c> == <x, col2im(c)> for random x and c: col2im is the transpose of im2col."""
    for shape, fh, fw, stride, pad in COL_CONFIGS:
        oh, ow = out_hw(shape[2], shape[3], fh, fw, stride, pad)
        c = t.rng.normal(size=(shape[0] * oh * ow, shape[1] * fh * fw))
        xs = t.rng.normal(size=(3,) + shape)
        want = t.expect(f"dots{shape}", lambda ref: np.array([np.sum(ref.im2col(x.copy(), fh, fw, stride, pad) * c)
                                                              for x in xs]))
        img = as_array(t.student.call("col2im", c, shape, fh, fw, stride, pad),
                       f"col2im(c, {shape}, filter_h={fh}, filter_w={fw}, stride={stride}, pad={pad})", shape)
        got = np.array([np.sum(x * img) for x in xs])
        assert_close(got, want, f"<x, col2im(c, {shape}, {fh}, {fw}, stride={stride}, pad={pad})> for 3 random x",
                     context=f"Expected <im2col(x), c> for each x. {shapes(c=c)}",
                     hint="col2im must be the adjoint of im2col: every entry of c goes back to the input position "
                          "im2col copied it from, adding (+=) where windows overlap; drop what lands on the padding")


@suite.check("Convolution", "forward_configs", points=2)
def convolution_forward_configs(t):
    for n, c, h, w, fn, fh, fw, stride, pad in CONV_CONFIGS:
        x, W, b = conv_case(t.rng, n, c, h, w, fn, fh, fw)
        check_conv_forward(t, f"out{(n, c, h, w, fn, fh, fw, stride, pad)}", x, W, b, stride, pad)


def _conv_backward_configs(t, wrt):
    for n, c, h, w, fn, fh, fw, stride, pad in CONV_CONFIGS:
        x, W, b = conv_case(t.rng, n, c, h, w, fn, fh, fw)
        check_conv_backward(t, f"d{wrt}{(n, c, h, w, fn, fh, fw, stride, pad)}", x, W, b, stride, pad, wrt)


@suite.check("Convolution", "backward_dx_configs", points=2)
def convolution_backward_dx_configs(t):
    _conv_backward_configs(t, "x")


@suite.check("Convolution", "backward_dW_configs", points=2)
def convolution_backward_dW_configs(t):
    _conv_backward_configs(t, "W")


@suite.check("Convolution", "backward_db_configs", points=1)
def convolution_backward_db_configs(t):
    _conv_backward_configs(t, "b")


def sampled_gradient(f, x, dout, indices, directions):
    """Partial derivatives at `indices` and directional derivatives along `directions` of sum(f(x) * dout)."""
    partials = []
    for index in indices:
        unit = np.zeros_like(x)
        unit[index] = 1.0
        partials.append(directional_derivative(f, x, unit, dout))
    return np.array(partials), np.array([directional_derivative(f, x, d, dout) for d in directions])


@suite.check("Convolution", "backward_larger_sampled", points=2)
def convolution_backward_larger(t):
    """A larger layer: a seeded sample of entries of dx and dW, plus random directional derivatives."""
    n, c, h, w, fn, fh, fw, stride, pad = 2, 3, 11, 12, 4, 3, 2, 2, 1
    x, W, b = conv_case(t.rng, n, c, h, w, fn, fh, fw)
    oh, ow = out_hw(h, w, fh, fw, stride, pad)
    dout = t.rng.normal(size=(n, fn, oh, ow))
    dx, dW, db = student_conv_backward(t, x, W, b, stride, pad, dout)
    context = shapes(x=x, W=W, dout=dout) + f" stride={stride}, pad={pad}."
    layer = f"Convolution(W, b, stride={stride}, pad={pad}).backward(dout)"
    for name, arr, got, hint, make_f in (
        ("dx", x, dx, DX_HINT, lambda ref: ref_conv_forward(ref, W, b, stride, pad)),
        ("dW", W, dW, DW_HINT, lambda ref: lambda W_: ref.Convolution(W_, b.copy(), stride, pad).forward(x.copy())),
    ):
        flat = t.rng.choice(arr.size, size=min(24, arr.size), replace=False)
        indices = [np.unravel_index(i, arr.shape) for i in flat]
        directions = t.rng.normal(size=(3,) + arr.shape)
        partials, along = t.expect(
            name, lambda ref: sampled_gradient(make_f(ref), arr.copy(), dout, indices, directions)
        )
        got = as_array(got, f"{layer}: {name}", arr.shape, hint)
        assert_close(np.array([got[i] for i in indices]), partials,
                     f"{layer}: {name} at 24 sampled entries", context=context, hint=hint)
        assert_close(np.array([np.sum(got * d) for d in directions]), along,
                     f"{layer}: <{name}, v> for 3 random directions v", context=context, hint=hint)
    want_db = t.expect("db", lambda ref: numerical_gradient(
        lambda b_: ref.Convolution(W.copy(), b_, stride, pad).forward(x.copy()), b.copy(), dout))
    assert_close(db, want_db, f"{layer}: self.db", context=context, hint=DB_HINT)


@suite.check("Pooling", "forward_overlapping", points=2)
def pooling_forward_overlapping(t):
    for shape, pool, stride in POOL_CONFIGS:
        check_pool_forward(t, f"out{shape}", distinct_values(t.rng, shape), pool, stride)


@suite.check("Pooling", "backward_overlapping", points=2)
def pooling_backward_overlapping(t):
    for shape, pool, stride in POOL_CONFIGS:
        check_pool_backward(t, f"dx{shape}", distinct_values(t.rng, shape), pool, stride)


def positive_distinct(rng, shape):
    """Distinct values all above 0.5: zero padding and -inf padding give the same max pooling."""
    x = distinct_values(rng, shape)
    return x - x.min() + 0.5


@suite.check("Pooling", "forward_with_pad", points=1)
def pooling_forward_pad(t):
    for shape, pool, stride, pad in POOL_PAD_CONFIGS:
        check_pool_forward(t, f"out{shape}", positive_distinct(t.rng, shape), pool, stride, pad)


@suite.check("Pooling", "backward_with_pad", points=1)
def pooling_backward_pad(t):
    for shape, pool, stride, pad in POOL_PAD_CONFIGS:
        check_pool_backward(t, f"dx{shape}", positive_distinct(t.rng, shape), pool, stride, pad)


@suite.check("SimpleConvNet", "gradient_stride_pad", points=2)
def net_gradient_stride_pad(t):
    check_net_gradient(t, STRIDE_PAD_NET, 4)


# ---------------------------------------------------------------- corners: large pads, channels, defaults, ties,
# repeated calls, the caller's arrays


# (input shape, filter_h, filter_w, stride, pad) with pad >= 3: whole windows fall on the padding.
COL_LARGE_PAD_CONFIGS = [((2, 2, 3, 4), 3, 3, 1, 3), ((1, 3, 4, 3), 2, 3, 1, 4), ((1, 2, 5, 5), 3, 3, 2, 3)]


@suite.check("col2im", "large_pad", points=1)
def col2im_large_pad(t):
    """Pads of 3 and 4, larger than the filter's reach: the padded image is H + 2*pad by W + 2*pad."""
    for shape, fh, fw, stride, pad in COL_LARGE_PAD_CONFIGS:
        oh, ow = out_hw(shape[2], shape[3], fh, fw, stride, pad)
        col = t.rng.normal(size=(shape[0] * oh * ow, shape[1] * fh * fw))
        want = t.expect(f"img{shape}{pad}", lambda ref: ref.col2im(col.copy(), shape, fh, fw, stride, pad))
        got = t.student.call("col2im", col, shape, fh, fw, stride, pad)
        assert_close(got, want, f"col2im(col, {shape}, filter_h={fh}, filter_w={fw}, stride={stride}, pad={pad})",
                     context=shapes(col=col),
                     hint="add into a zero image of shape (N, C, H + 2*pad, W + 2*pad), then cut pad rows and "
                          "columns off each side; entries that land on the padding are dropped")


@suite.check("col2im", "defaults", points=1)
def col2im_defaults(t):
    """col2im(col, input_shape, filter_h, filter_w) without stride and pad: stride 1, pad 0."""
    shape, fh, fw = (2, 2, 4, 5), 2, 3
    oh, ow = out_hw(shape[2], shape[3], fh, fw, 1, 0)
    col = t.rng.normal(size=(shape[0] * oh * ow, shape[1] * fh * fw))
    want = t.expect("img", lambda ref: ref.col2im(col.copy(), shape, fh, fw))
    got = t.student.call("col2im", col, shape, fh, fw)
    assert_close(got, want, f"col2im(col, {shape}, filter_h={fh}, filter_w={fw}) with the default stride and pad",
                 context=shapes(col=col), hint="the defaults are stride=1, pad=0 (SPEC)")


@suite.check("im2col", "defaults", points=1)
def im2col_defaults(t):
    """im2col(x, filter_h, filter_w) without stride and pad: stride 1, pad 0."""
    x = t.rng.normal(size=(2, 2, 4, 5))
    want = t.expect("col", lambda ref: ref.im2col(x.copy(), 3, 2))
    got = t.student.call("im2col", x, 3, 2)
    assert_close(got, want, "im2col(x, filter_h=3, filter_w=2) with the default stride and pad", context=shapes(x=x),
                 hint="the defaults are stride=1, pad=0 (SPEC)")


@suite.check("conv_output_size", "defaults", points=1)
def conv_output_size_defaults(t):
    for args in [(28, 5), (7, 3), (4, 4)]:
        want = t.expect(str(args), lambda ref: ref.conv_output_size(*args))
        got = t.student.call("conv_output_size", *args)
        assert_equal(got, want, call_text("conv_output_size", *args) + " with the default stride and pad",
                     hint="the defaults are stride=1, pad=0 (SPEC)")


@suite.check("Convolution", "defaults", points=1)
def convolution_defaults(t):
    """Convolution(W, b) without stride and pad: stride 1, pad 0, forward and dx."""
    x, W, b = conv_case(t.rng, 2, 2, 5, 4, 3, 3, 2)
    oh, ow = out_hw(5, 4, 3, 2, 1, 0)
    dout = t.rng.normal(size=(2, 3, oh, ow))
    want_out = t.expect("out", lambda ref: ref.Convolution(W.copy(), b.copy()).forward(x.copy()))
    want_dx = t.expect("dx", lambda ref: numerical_gradient(ref_conv_forward(ref, W, b, 1, 0), x.copy(), dout))
    layer = t.student.new("Convolution", W, b)
    context = shapes(x=x, W=W, dout=dout)
    assert_close(layer.call("forward", x), want_out, "Convolution(W, b).forward(x) with the default stride and pad",
                 context=context, hint="the defaults are stride=1, pad=0 (SPEC)")
    assert_close(layer.call("backward", dout), want_dx, "Convolution(W, b).backward(dout): dx", context=context,
                 hint="the defaults are stride=1, pad=0 (SPEC)")


@suite.check("Convolution", "keeps_param_arrays", points=1)
def convolution_keeps_params(t):
    """An optimizer updates W and b in place (params[key] -= ...): the layer must see the new values."""
    x, W, b = conv_case(t.rng, 2, 2, 4, 5, 3, 2, 3)
    W_remote, b_remote = t.student.put(W), t.student.put(b)
    layer = t.student.new("Convolution", W_remote, b_remote, stride=1, pad=1)
    context = shapes(x=x, W=W, b=b) + " stride=1, pad=1."
    want = t.expect("out", lambda ref: ref.Convolution(W.copy(), b.copy(), 1, 1).forward(x.copy()))
    assert_close(layer.call("forward", x), want, "Convolution(W, b, stride=1, pad=1).forward(x)", context=context,
                 hint=CONV_HINT)
    hint = "store the arrays you are given (self.W = W), not copies, so in-place updates of params reach the layer"
    W2, b2 = t.rng.normal(size=W.shape), t.rng.normal(size=b.shape)
    for name, remote, value, now in (("W", W_remote, W2, (W2, b)), ("b", b_remote, b2, (W2, b2))):
        remote.assign(value)  # what an optimizer does: params[key][...] = new values, in place
        want = t.expect(f"out_{name}", lambda ref: ref.Convolution(now[0].copy(), now[1].copy(), 1, 1).forward(x.copy()))
        assert_close(layer.call("forward", x), want,
                     f"Convolution.forward(x) after the caller's {name} was updated in place", context=context, hint=hint)


@suite.check("Convolution", "backward_repeated", points=1)
def convolution_backward_repeated(t):
    """forward twice, then backward twice with different dout: each backward is that of the last forward alone."""
    n, c, h, w, fn, fh, fw, stride, pad = 2, 2, 5, 4, 3, 3, 2, 1, 1
    x1, W, b = conv_case(t.rng, n, c, h, w, fn, fh, fw)
    x2 = t.rng.normal(size=x1.shape)
    oh, ow = out_hw(h, w, fh, fw, stride, pad)
    douts = [t.rng.normal(size=(n, fn, oh, ow)) for _ in range(2)]
    layer = t.student.new("Convolution", W, b, stride=stride, pad=pad)
    layer.call("forward", x1)
    want_out = t.expect("out", lambda ref: ref.Convolution(W.copy(), b.copy(), stride, pad).forward(x2.copy()))
    context = shapes(x=x2, W=W, dout=douts[0]) + f" stride={stride}, pad={pad}."
    assert_close(layer.call("forward", x2), want_out, "Convolution.forward(x2), the second forward of one layer",
                 context=context, hint=CONV_HINT)
    hint = ("backward uses what the last forward saved and sets self.dW and self.db anew each call "
            "(=, not +=); it must not change the saved state")
    for k, dout in enumerate(douts, 1):
        want = t.expect(f"grads{k}", lambda ref: [conv_numerical(ref, x2, W, b, stride, pad, dout, wrt) for wrt in "xWb"])
        dx = layer.call("backward", dout)
        for got, what, value in ((dx, "dx (returned)", want[0]), (layer.get("dW"), "self.dW", want[1]),
                                 (layer.get("db"), "self.db", want[2])):
            assert_close(got, value, f"Convolution.backward(dout) call number {k} after forward(x1), forward(x2): {what}",
                         context=context, hint=hint)


@suite.check("Pooling", "backward_many_channels", points=1)
def pooling_backward_many_channels(t):
    """As many or more channels than window positions (C >= pool_h*pool_w), and 1x1 windows."""
    for shape, pool, stride in (((2, 4, 4, 4), (2, 2), 2), ((1, 5, 4, 6), (2, 2), 2), ((2, 3, 3, 2), (1, 1), 1)):
        check_pool_backward(t, f"dx{shape}{pool}", distinct_values(t.rng, shape), pool, stride)


@suite.check("Pooling", "defaults", points=1)
def pooling_defaults(t):
    """Pooling(pool_h, pool_w) without stride and pad: stride 1 (overlapping windows), pad 0."""
    x = distinct_values(t.rng, (2, 2, 4, 5))
    oh, ow = out_hw(4, 5, 2, 3, 1, 0)
    dout = t.rng.normal(size=(2, 2, oh, ow))
    want_out = t.expect("out", lambda ref: ref.Pooling(2, 3).forward(x.copy()))
    want_dx = t.expect("dx", lambda ref: pool_numerical(ref, x, (2, 3), 1, 0, dout))
    layer = t.student.new("Pooling", 2, 3)
    context = shapes(x=x, dout=dout)
    hint = "the defaults are stride=1, pad=0 (SPEC), not stride=2"
    assert_close(layer.call("forward", x), want_out, "Pooling(2, 3).forward(x) with the default stride and pad",
                 context=context, hint=hint)
    assert_close(layer.call("backward", dout), want_dx, "Pooling(2, 3).backward(dout): dx", context=context, hint=hint)


@suite.check("Pooling", "backward_repeated", points=1)
def pooling_backward_repeated(t):
    """forward twice, then backward twice with different dout: each backward is that of the last forward alone."""
    shape, pool, stride = (2, 2, 4, 5), (2, 2), 1
    x1, x2 = distinct_values(t.rng, shape), distinct_values(t.rng, shape)
    oh, ow = out_hw(4, 5, 2, 2, stride, 0)
    layer = t.student.new("Pooling", *pool, stride=stride, pad=0)
    layer.call("forward", x1)
    want_out = t.expect("out", lambda ref: ref.Pooling(*pool, stride, 0).forward(x2.copy()))
    context = shapes(x=x2) + f" Pooling(2, 2, stride={stride})."
    assert_close(layer.call("forward", x2), want_out, "Pooling.forward(x2), the second forward of one layer",
                 context=context, hint=POOL_HINT)
    for k in (1, 2):
        dout = t.rng.normal(size=(2, 2, oh, ow))
        want = t.expect(f"dx{k}", lambda ref: pool_numerical(ref, x2, pool, stride, 0, dout))
        assert_close(layer.call("backward", dout), want,
                     f"Pooling.backward(dout) call number {k} after forward(x1), forward(x2): dx", context=context,
                     hint="backward uses what the last forward saved (the argmax) without changing it, and builds a "
                          "new dx each call: nothing may carry over from an earlier backward")


def tied_windows(rng, n, c, oh, ow, ph, pw):
    """x (n, c, oh*ph, ow*pw) whose non-overlapping ph x pw windows have 1 to ph*pw tied maxima each."""
    size = ph * pw
    windows = distinct_values(rng, (n, c, oh, ow, size))
    order = np.argsort(-windows, axis=-1)
    for index in np.ndindex(n, c, oh, ow):
        ties = rng.integers(1, size + 1) if rng.random() < 0.8 else size
        windows[index][order[index][:ties]] = windows[index].max()
    return windows.reshape(n, c, oh, ow, ph, pw).transpose(0, 1, 2, 4, 3, 5).reshape(n, c, oh * ph, ow * pw)


@suite.check("Pooling", "backward_ties", points=1)
def pooling_backward_ties(t):
    """Windows with repeated maxima. SPEC fixes the forward value and that each window's dout goes to its
    maximum; which of the tied positions receives it is open, so only that is checked: dx is 0 off the
    maxima, and each window's dx adds up to its dout (never copied to every tied maximum)."""
    n, c, oh, ow, ph, pw = 2, 3, 2, 3, 2, 2
    x = tied_windows(t.rng, n, c, oh, ow, ph, pw)
    dout = t.rng.normal(size=(n, c, oh, ow))
    layer = t.student.new("Pooling", ph, pw, stride=2, pad=0)
    context = shapes(x=x, dout=dout) + " Non-overlapping windows, some with 2 to 4 equal maxima."
    want = t.expect("out", lambda ref: ref.Pooling(ph, pw, 2, 0).forward(x.copy()))
    assert_close(layer.call("forward", x), want, f"Pooling({ph}, {pw}, stride=2).forward(x) with tied maxima",
                 context=context, hint=POOL_HINT)
    dx = as_array(layer.call("backward", dout), f"Pooling({ph}, {pw}, stride=2).backward(dout)", x.shape)
    windows = lambda a: a.reshape(n, c, oh, ph, ow, pw).transpose(0, 1, 2, 4, 3, 5).reshape(n, c, oh, ow, -1)  # noqa: E731
    xw, dw = windows(x), windows(dx)
    off_max = xw < xw.max(axis=-1, keepdims=True)
    if np.abs(dw[off_max]).max(initial=0.0) > 1e-9:
        where = tuple(int(i) for i in np.argwhere(off_max & (np.abs(dw) > 1e-9))[0][:4])
        fail(f"Pooling({ph}, {pw}, stride=2).backward(dout): dx is not 0 at a position that is not a maximum of "
             f"window (n, c, i, j) = {where}.", POOL_DX_HINT, context)
    assert_close(dw.sum(axis=-1), dout, f"Pooling({ph}, {pw}, stride=2).backward(dout): the sum of dx over each window",
                 context=context + " Expected each window's dout.",
                 hint="with tied maxima, give the window's dout to one of them (argmax takes the first), "
                      "not to each: the gradient of a max is not multiplied by the number of ties")


def ref_default_net(ref, params):
    net = ref.SimpleConvNet(seed=0)
    for key, value in params.items():
        net.params[key][...] = value
    return net


@suite.check("SimpleConvNet", "defaults", points=1)
def net_defaults(t):
    """SimpleConvNet(seed=0) with every other argument left out: the SPEC defaults, shapes and scale."""
    net = t.student.new("SimpleConvNet", seed=0)
    want_shapes = {"W1": (30, 1, 5, 5), "b1": (30,), "W2": (30 * 12 * 12, 100), "b2": (100,), "W3": (100, 10),
                   "b3": (10,)}
    hint = ("defaults: input_dim=(1, 28, 28), filter_num 30, filter_size 5, pad 0, stride 1, hidden_size=100, "
            "output_size=10, weight_init_std=0.01")
    got = {}
    for key, shape in want_shapes.items():
        got[key] = as_array(net.attr("params")[key].value(), f"SimpleConvNet(seed=0).params['{key}']", shape, hint)
    for key in ("W1", "W2", "W3"):
        std = float(np.std(got[key]))
        require(0.85 * 0.01 <= std <= 1.15 * 0.01,
                f"SimpleConvNet(seed=0).params['{key}'] has standard deviation {std:.3g}; expected about 0.01 "
                f"(weight_init_std=0.01 times standard normal draws).", hint)
    params = {key: t.rng.normal(scale=0.1, size=shape) for key, shape in want_shapes.items()}
    x = t.rng.uniform(size=(2, 1, 28, 28))
    for key in want_shapes:
        net.attr("params")[key].assign(params[key])
    want = t.expect("scores", lambda ref: ref_default_net(ref, params).predict(x.copy()))
    assert_close(net.call("predict", x), want, "SimpleConvNet(seed=0).predict(x) with its params overwritten in place",
                 context=shapes(x=x), hint=hint + "; the layers hold the very arrays of self.params")


@suite.check("SimpleConvNet", "gradient_one_hot", points=1)
def net_gradient_one_hot(t):
    """gradient(x, t) with one-hot t, as floats and as ints (SPEC: labels or one-hot): the labels' gradients."""
    params, x, labels = net_case(t.rng, TINY_NET, 3)
    want = t.expect("gradient", lambda ref: ref_net_numerical_gradient(ref, TINY_NET, params, x, labels))
    for dtype in (np.float64, np.int64):
        one_hot = np.eye(TINY_NET["output_size"], dtype=dtype)[labels]
        grads = student_net(t, TINY_NET, params).attr("gradient").keep(x, one_hot)
        for key in NET_KEYS:
            assert_close(grads[key].value(), want[key],
                         f"SimpleConvNet.gradient(x, t)['{key}'] for one-hot t of dtype {np.dtype(dtype).name}",
                         context=f"{describe_config(TINY_NET)}; {shapes(x=x, t=one_hot)}",
                         hint="t may be labels (N,) or one-hot rows (N, output_size): pass it on to the loss "
                              "layer as it is, which handles both")
