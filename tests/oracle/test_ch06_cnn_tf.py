"""ch06's Convolution and Pooling against tf.nn.conv2d / tf.nn.max_pool2d (NCHW <-> NHWC), values and gradients."""

import numpy as np
import pytest

from tests.oracle.tf_helpers import close, tape, tf

from solutions import ch06_cnn as ch06


def tf_convolution(x, W, b, stride, pad):
    """Our NCHW cross-correlation in TensorFlow: x to NHWC, W (FN, C, FH, FW) to (FH, FW, C, FN), and back."""
    out = tf.nn.conv2d(tf.transpose(x, (0, 2, 3, 1)), tf.transpose(W, (2, 3, 1, 0)), strides=stride,
                       padding=[[0, 0], [pad, pad], [pad, pad], [0, 0]])
    return tf.transpose(out + b, (0, 3, 1, 2))


CONV_CASES = [
    pytest.param((2, 3, 7, 7), (4, 3, 3, 3), 2, 1, id="stride2-pad1-overlapping"),
    pytest.param((2, 2, 6, 5), (3, 2, 3, 2), 1, 0, id="stride1-pad0-rectangular-filter"),
    pytest.param((1, 3, 7, 8), (2, 3, 3, 2), 2, 0, id="stride2-pad0-non-square-input"),
    pytest.param((3, 1, 5, 5), (2, 1, 3, 3), 1, 2, id="stride1-pad2"),
]


@pytest.mark.parametrize("x_shape, w_shape, stride, pad", CONV_CASES)
def test_convolution(x_shape, w_shape, stride, pad):
    """Do Convolution's output, dx, dW and db equal tf.nn.conv2d's and the tape's?"""
    rng = np.random.default_rng(20)
    x, W, b = rng.normal(size=x_shape), rng.normal(size=w_shape), rng.normal(size=w_shape[0])
    layer = ch06.Convolution(W.copy(), b.copy(), stride=stride, pad=pad)
    out = layer.forward(x.copy())
    dout = rng.normal(size=out.shape)
    dx = layer.backward(dout.copy())
    want, (tdx, tdW, tdb) = tape(lambda x_, W_, b_: tf_convolution(x_, W_, b_, stride, pad), [x, W, b], dout)
    close(out, want, what="Convolution.forward")
    close(dx, tdx, what="Convolution dx")
    close(layer.dW, tdW, what="Convolution dW")
    close(layer.db, tdb, what="Convolution db")


@pytest.mark.parametrize("pool, stride", [pytest.param(2, 2, id="2x2-stride2"), pytest.param(3, 1, id="3x3-stride1-overlapping")])
def test_pooling(pool, stride):
    """Do Pooling's output and dx equal tf.nn.max_pool2d's (pad 0: TF pads with -inf, ours with 0)?"""
    rng = np.random.default_rng(21)
    x = rng.permutation(2 * 3 * 6 * 6).reshape(2, 3, 6, 6) / 10.0  # distinct values: unique maxima
    layer = ch06.Pooling(pool, pool, stride=stride)
    out = layer.forward(x.copy())
    dout = rng.normal(size=out.shape)
    dx = layer.backward(dout.copy())

    def tf_pool(x_):
        nhwc = tf.nn.max_pool2d(tf.transpose(x_, (0, 2, 3, 1)), ksize=pool, strides=stride, padding="VALID")
        return tf.transpose(nhwc, (0, 3, 1, 2))

    want, (tdx,) = tape(tf_pool, [x], dout)
    close(out, want, what="Pooling.forward")
    close(dx, tdx, what="Pooling dx")
