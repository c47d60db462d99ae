"""Hidden checks for ch06_cnn: more shapes, strides and paddings, edge cases and properties, for grading only."""

import numpy as np

from autograder.engine.checks import Suite
from autograder.engine.compare import fail, as_array, assert_close, assert_integer, describe_value, shapes
from autograder.engine.gradcheck import directional_derivative, numerical_gradient
from autograder.engine.inputs import call_text
from autograder.engine.student import StudentError
from autograder.suites.public.ch06_cnn import (
    DB_HINT, DW_HINT, DX_HINT, check_conv_backward, check_conv_forward, check_net_gradient, check_pool_backward,
    check_pool_forward, conv_case, distinct_values, net_config, out_hw, ref_conv_forward, student_conv_backward,
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
