"""Public checks for ch06_cnn: shipped to students, run by their self-check and by grading."""

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from autograder.engine.checks import Suite
from autograder.engine.compare import as_array, assert_close, assert_equal, require, shapes
from autograder.engine.gradcheck import numerical_gradient

suite = Suite("ch06_cnn", public=True)

NET_KEYS = ("W1", "b1", "W2", "b2", "W3", "b3")
CONV_HINT = ("im2col(x) @ W.reshape(FN, -1).T + b has rows in (n, i, j) order: reshape to (N, OH, OW, FN), "
             "then transpose(0, 3, 1, 2)")
DX_HINT = ("dout_col = dout.transpose(0, 2, 3, 1).reshape(-1, FN); dx = col2im(dout_col @ W_col.T, x.shape, ...) "
           "with the layer's stride and pad; col2im must add (+=) where windows overlap")
DW_HINT = "dW = (col.T @ dout_col).T.reshape(FN, C, FH, FW); transpose before the reshape"
DB_HINT = "db = dout.sum(axis=(0, 2, 3)), one value per filter"
POOL_HINT = ("im2col(x, ...).reshape(-1, pool_h*pool_w) has one window per row in (n, i, j, c) order: "
             "max over axis 1, reshape to (N, OH, OW, C), transpose(0, 3, 1, 2); channels never mix")
POOL_DX_HINT = ("each window's dout goes only to the position of that window's maximum (argmax saved in "
                "forward); col2im adds where windows overlap")


# ---------------------------------------------------------------- inputs


def conv_case(rng, n, c, h, w, fn, fh, fw):
    """x (n, c, h, w), W (fn, c, fh, fw), b (fn,) and nothing else: standard normal draws."""
    return rng.normal(size=(n, c, h, w)), rng.normal(size=(fn, c, fh, fw)), rng.normal(size=fn)


def distinct_values(rng, shape, spacing=0.1):
    """An array whose entries are all different by at least spacing/2, of both signs.

    A shuffled grid k*spacing plus a jitter below spacing/4: every window has one maximum that beats
    the others by a margin, so pooling's argmax is the same for any correct implementation and a
    finite difference never moves it.
    """
    n = int(np.prod(shape))
    grid = (rng.permutation(n) - n / 2) * spacing
    return (grid + rng.uniform(-spacing / 4, spacing / 4, size=n)).reshape(shape)


def out_hw(h, w, fh, fw, stride, pad):
    return (h + 2 * pad - fh) // stride + 1, (w + 2 * pad - fw) // stride + 1


# ---------------------------------------------------------------- reference closures


def ref_conv_forward(ref, W, b, stride, pad):
    """x -> the reference Convolution(W, b, stride, pad) forward, a fresh layer per call."""
    return lambda x_: ref.Convolution(W.copy(), b.copy(), stride, pad).forward(x_)


def conv_numerical(ref, x, W, b, stride, pad, dout, wrt):
    """Numerical gradient of sum(conv(x; W, b) * dout) with respect to `wrt` in 'x', 'W', 'b'."""
    if wrt == "x":
        return numerical_gradient(ref_conv_forward(ref, W, b, stride, pad), x.copy(), dout)
    if wrt == "W":
        f = lambda W_: ref.Convolution(W_, b.copy(), stride, pad).forward(x.copy())  # noqa: E731
        return numerical_gradient(f, W.copy(), dout)
    f = lambda b_: ref.Convolution(W.copy(), b_, stride, pad).forward(x.copy())  # noqa: E731
    return numerical_gradient(f, b.copy(), dout)


def pool_numerical(ref, x, pool, stride, pad, dout):
    return numerical_gradient(lambda x_: ref.Pooling(*pool, stride, pad).forward(x_), x.copy(), dout)


# ---------------------------------------------------------------- student calls


def student_conv_backward(t, x, W, b, stride, pad, dout):
    """(dx, dW, db) from the student's Convolution after forward(x) and backward(dout)."""
    layer = t.student.new("Convolution", W, b, stride=stride, pad=pad)
    layer.call("forward", x)
    dx = layer.call("backward", dout)
    return dx, layer.get("dW"), layer.get("db")


def check_conv_forward(t, label, x, W, b, stride, pad):
    want = t.expect(label, lambda ref: ref.Convolution(W.copy(), b.copy(), stride, pad).forward(x.copy()))
    got = t.student.new("Convolution", W, b, stride=stride, pad=pad).call("forward", x)
    assert_close(got, want, f"Convolution(W, b, stride={stride}, pad={pad}).forward(x)",
                 context=shapes(x=x, W=W), hint=CONV_HINT)


def check_conv_backward(t, label, x, W, b, stride, pad, wrt):
    """Compare one of dx, dW, db with the numerical gradient for a random upstream gradient."""
    oh, ow = out_hw(x.shape[2], x.shape[3], W.shape[2], W.shape[3], stride, pad)
    dout = t.rng.normal(size=(x.shape[0], W.shape[0], oh, ow))
    want = t.expect(label, lambda ref: conv_numerical(ref, x, W, b, stride, pad, dout, wrt))
    dx, dW, db = student_conv_backward(t, x, W, b, stride, pad, dout)
    got, what, hint = {"x": (dx, "dx (returned)", DX_HINT), "W": (dW, "self.dW", DW_HINT),
                       "b": (db, "self.db", DB_HINT)}[wrt]
    assert_close(got, want, f"Convolution(W, b, stride={stride}, pad={pad}).backward(dout): {what}",
                 context=shapes(x=x, W=W, dout=dout), hint=hint)


def check_pool_forward(t, label, x, pool, stride, pad=0):
    want = t.expect(label, lambda ref: ref.Pooling(*pool, stride, pad).forward(x.copy()))
    got = t.student.new("Pooling", *pool, stride=stride, pad=pad).call("forward", x)
    assert_close(got, want, f"Pooling({pool[0]}, {pool[1]}, stride={stride}, pad={pad}).forward(x)",
                 context=shapes(x=x), hint=POOL_HINT)


def check_pool_backward(t, label, x, pool, stride, pad=0):
    oh, ow = out_hw(x.shape[2], x.shape[3], pool[0], pool[1], stride, pad)
    dout = t.rng.normal(size=(x.shape[0], x.shape[1], oh, ow))
    want = t.expect(label, lambda ref: pool_numerical(ref, x, pool, stride, pad, dout))
    layer = t.student.new("Pooling", *pool, stride=stride, pad=pad)
    layer.call("forward", x)
    got = layer.call("backward", dout)
    assert_close(got, want, f"Pooling({pool[0]}, {pool[1]}, stride={stride}, pad={pad}).backward(dout): dx",
                 context=shapes(x=x, dout=dout), hint=POOL_DX_HINT)


# ---------------------------------------------------------------- SimpleConvNet


def net_config(input_dim, filter_num, filter_size, pad, stride, hidden, output):
    return {
        "input_dim": input_dim,
        "conv_param": {"filter_num": filter_num, "filter_size": filter_size, "pad": pad, "stride": stride},
        "hidden_size": hidden,
        "output_size": output,
    }


TINY_NET = net_config((2, 6, 6), 3, 3, 0, 1, 5, 4)


def _conv_np(x, W, b, stride, pad):
    """Our own convolution (sliding windows + einsum), only to find inputs away from the kinks."""
    xp = np.pad(x, [(0, 0), (0, 0), (pad, pad), (pad, pad)])
    win = sliding_window_view(xp, W.shape[2:], axis=(2, 3))[:, :, ::stride, ::stride]
    return np.einsum("nchwyx,fcyx->nfhw", win, W) + b[:, None, None]


def kink_margin(config, params, x):
    """The smallest distance of any ReLU input from 0 and of any pooling maximum from the runner-up."""
    conv = config["conv_param"]
    z1 = _conv_np(x, params["W1"], params["b1"], conv["stride"], conv["pad"])
    a1 = np.maximum(z1, 0)
    n, c, h, w = a1.shape
    windows = np.sort(a1.reshape(n, c, h // 2, 2, w // 2, 2).transpose(0, 1, 2, 4, 3, 5).reshape(-1, 4), axis=1)
    gaps = np.where(windows[:, -1] > 0, windows[:, -1] - windows[:, -2], np.inf)
    z2 = windows[:, -1].reshape(n, c, h // 2, w // 2).reshape(n, -1) @ params["W2"] + params["b2"]
    return min(np.abs(z1).min(), gaps.min(), np.abs(z2).min())


def net_case(rng, config, n, margin=1e-3):
    """Parameters, images and labels for `config` with every ReLU input and pooling gap >= margin."""
    c, h, w = config["input_dim"]
    conv = config["conv_param"]
    fn, fs = conv["filter_num"], conv["filter_size"]
    oh, ow = out_hw(h, w, fs, fs, conv["stride"], conv["pad"])
    flat = fn * (oh // 2) * (ow // 2)
    hidden, out = config["hidden_size"], config["output_size"]
    for _ in range(100):
        params = {
            "W1": rng.normal(scale=1 / np.sqrt(c * fs * fs), size=(fn, c, fs, fs)),
            "b1": rng.normal(scale=0.3, size=fn),
            "W2": rng.normal(scale=1 / np.sqrt(flat), size=(flat, hidden)),
            "b2": rng.normal(scale=0.3, size=hidden),
            "W3": rng.normal(scale=1 / np.sqrt(hidden), size=(hidden, out)),
            "b3": rng.normal(scale=0.3, size=out),
        }
        x = rng.normal(size=(n, c, h, w))
        labels = rng.integers(0, out, size=n)
        if kink_margin(config, params, x) >= margin:
            return params, x, labels
    raise RuntimeError("no input away from the ReLU and pooling kinks found")  # a grader bug, not the student's


def student_net(t, config, params):
    """The student's SimpleConvNet(**config, seed=0) with its parameters overwritten in place by `params`."""
    net = t.student.new("SimpleConvNet", **config, weight_init_std=0.01, seed=0)
    for key in NET_KEYS:
        shape = np.shape(as_array(net.attr("params")[key].value(), f"SimpleConvNet(...).params['{key}']"))
        require(shape == params[key].shape, f"SimpleConvNet(...).params['{key}'] has shape {shape}, "
                f"expected {params[key].shape} for {describe_config(config)}.")
        net.attr("params")[key].assign(params[key])
    return net


def ref_net(ref, config, params):
    net = ref.SimpleConvNet(**config, weight_init_std=0.01, seed=0)
    for key in NET_KEYS:
        net.params[key][...] = params[key]
    return net


def ref_net_numerical_gradient(ref, config, params, x, labels):
    net = ref_net(ref, config, params)
    return {key: numerical_gradient(lambda _: net.loss(x, labels), net.params[key]) for key in NET_KEYS}


def describe_config(config):
    conv = config["conv_param"]
    return (f"input_dim={config['input_dim']}, filter_num={conv['filter_num']}, filter_size={conv['filter_size']}, "
            f"pad={conv['pad']}, stride={conv['stride']}, hidden_size={config['hidden_size']}, "
            f"output_size={config['output_size']}")


def check_net_gradient(t, config, n):
    params, x, labels = net_case(t.rng, config, n)
    want = t.expect("gradient", lambda ref: ref_net_numerical_gradient(ref, config, params, x, labels))
    grads = student_net(t, config, params).attr("gradient").keep(x, labels)  # any mapping: dict, OrderedDict, ...
    for key in NET_KEYS:
        assert_close(grads[key].value(), want[key], f"SimpleConvNet.gradient(x, t)['{key}']",
                     context=f"{describe_config(config)}; {shapes(x=x)}",
                     hint="run self.loss(x, t) first, then last_layer.backward(1) and every layer's backward "
                          "in reverse order; take dW/db from Conv1, Affine1 and Affine2")


# ---------------------------------------------------------------- checks


@suite.check("conv_output_size", "values", points=1)
def conv_output_size_values(t):
    cases = [(28, 5, 1, 0), (7, 3, 2, 1), (6, 2, 2, 0), (5, 3, 1, 1), (4, 4, 1, 0), (9, 3, 3, 0), (1, 3, 1, 1)]
    for args in cases:
        want = t.expect(str(args), lambda ref: ref.conv_output_size(*args))
        got = t.student.call("conv_output_size", *args)
        assert_equal(got, want, "conv_output_size(input_size={}, filter_size={}, stride={}, pad={})".format(*args),
                     hint="(input_size + 2*pad - filter_size) // stride + 1")


@suite.check("im2col", "forward", points=2)
def im2col_forward(t):
    x = t.rng.normal(size=(2, 2, 4, 3))
    want = t.expect("col", lambda ref: ref.im2col(x.copy(), 2, 3, stride=2, pad=1))
    got = t.student.call("im2col", x, 2, 3, stride=2, pad=1)
    assert_close(got, want, "im2col(x, filter_h=2, filter_w=3, stride=2, pad=1)", context=shapes(x=x),
                 hint="row n*out_h*out_w + i*out_w + j is the padded window at (i*stride, j*stride) of image n, "
                      "flattened in (c, y, x) order")


@suite.check("col2im", "forward", points=2)
def col2im_forward(t):
    shape, fh, fw, stride, pad = (2, 2, 4, 3), 3, 2, 1, 1  # overlapping windows
    oh, ow = out_hw(4, 3, fh, fw, stride, pad)
    col = t.rng.normal(size=(2 * oh * ow, 2 * fh * fw))
    want = t.expect("img", lambda ref: ref.col2im(col.copy(), shape, fh, fw, stride, pad))
    got = t.student.call("col2im", col, shape, fh, fw, stride, pad)
    assert_close(got, want, f"col2im(col, {shape}, filter_h={fh}, filter_w={fw}, stride={stride}, pad={pad})",
                 context=shapes(col=col),
                 hint="add (+=) each window back where im2col took it from; overlapping windows add up; "
                      "cut the padding off at the end")


@suite.check("Convolution", "forward", points=2)
def convolution_forward(t):
    x, W, b = conv_case(t.rng, 2, 2, 5, 5, 3, 3, 3)
    check_conv_forward(t, "out", x, W, b, stride=2, pad=1)


@suite.check("Convolution", "backward_dx", points=2)
def convolution_backward_dx(t):
    x, W, b = conv_case(t.rng, 2, 2, 5, 5, 3, 3, 3)
    check_conv_backward(t, "dx", x, W, b, 2, 1, "x")


@suite.check("Convolution", "backward_dW", points=2)
def convolution_backward_dW(t):
    x, W, b = conv_case(t.rng, 2, 2, 5, 5, 3, 3, 3)
    check_conv_backward(t, "dW", x, W, b, 2, 1, "W")


@suite.check("Convolution", "backward_db", points=1)
def convolution_backward_db(t):
    x, W, b = conv_case(t.rng, 2, 2, 5, 5, 3, 3, 3)
    check_conv_backward(t, "db", x, W, b, 2, 1, "b")


@suite.check("Pooling", "forward", points=2)
def pooling_forward(t):
    check_pool_forward(t, "out", distinct_values(t.rng, (2, 3, 4, 4)), (2, 2), stride=2)


@suite.check("Pooling", "backward_dx", points=2)
def pooling_backward_dx(t):
    check_pool_backward(t, "dx", distinct_values(t.rng, (2, 3, 4, 4)), (2, 2), stride=2)


@suite.check("SimpleConvNet", "predict", points=2)
def net_predict(t):
    params, x, _ = net_case(t.rng, TINY_NET, 3)
    want = t.expect("scores", lambda ref: ref_net(ref, TINY_NET, params).predict(x.copy()))
    got = student_net(t, TINY_NET, params).call("predict", x)
    assert_close(got, want, "SimpleConvNet.predict(x)", context=f"{describe_config(TINY_NET)}; {shapes(x=x)}",
                 hint="run x through every layer of self.layers in order (not the loss layer)")


@suite.check("SimpleConvNet", "loss", points=1)
def net_loss(t):
    params, x, labels = net_case(t.rng, TINY_NET, 3)
    want = t.expect("loss", lambda ref: ref_net(ref, TINY_NET, params).loss(x.copy(), labels))
    got = student_net(t, TINY_NET, params).call("loss", x, labels)
    assert_close(got, want, "SimpleConvNet.loss(x, t)", context=f"{describe_config(TINY_NET)}; {shapes(x=x)}",
                 hint="self.last_layer.forward(self.predict(x), t)")


@suite.check("SimpleConvNet", "gradient", points=3)
def net_gradient(t):
    check_net_gradient(t, TINY_NET, 3)

