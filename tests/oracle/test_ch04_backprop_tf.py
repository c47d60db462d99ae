"""ch04's layers against TensorFlow: forward values, and backward passes against GradientTape."""

import numpy as np
import pytest

from tests.oracle.tf_helpers import away_from_zero, close, tape, tf

from solutions import ch04_backprop as ch04


def test_affine_on_nd_input():
    """Does Affine on (N, 2, 3) input give tf.reshape + matmul, and dx, dW, db as the tape?"""
    rng = np.random.default_rng(0)
    x, W, b, dout = rng.normal(size=(4, 2, 3)), rng.normal(size=(6, 5)), rng.normal(size=5), rng.normal(size=(4, 5))
    layer = ch04.Affine(W.copy(), b.copy())
    out = layer.forward(x.copy())
    dx = layer.backward(dout.copy())
    want, (tdx, tdW, tdb) = tape(lambda x_, W_, b_: tf.reshape(x_, (4, -1)) @ W_ + b_, [x, W, b], dout)
    close(out, want, what="Affine.forward")
    close(dx, tdx, what="Affine dx")
    close(layer.dW, tdW, what="Affine dW")
    close(layer.db, tdb, what="Affine db")


@pytest.mark.parametrize("name, tf_fn", [("Relu", tf.nn.relu), ("Sigmoid", tf.sigmoid), ("Tanh", tf.tanh)],
                         ids=["relu", "sigmoid", "tanh"])
def test_activation(name, tf_fn):
    """Do Relu, Sigmoid and Tanh (off the kink, and at ±1000) match tf.nn.relu / tf.sigmoid / tf.tanh and the tape?"""
    rng = np.random.default_rng(1)
    x = away_from_zero(rng, (3, 5)) * 3
    x[0, :2] = [1000.0, -1000.0]
    dout = rng.normal(size=x.shape)
    layer = getattr(ch04, name)()
    out = layer.forward(x.copy())
    dx = layer.backward(dout.copy())
    want, (tdx,) = tape(tf_fn, [x], dout)
    close(out, want, what=f"{name}.forward")
    close(dx, tdx, what=f"{name} dx")


@pytest.mark.parametrize("one_hot", [False, True], ids=["labels", "one-hot"])
def test_softmax_with_loss(one_hot):
    """Does SoftmaxWithLoss give TF's mean softmax cross-entropy, and dout * dloss/dx, for dout != 1?"""
    rng = np.random.default_rng(2)
    x, labels, dout = rng.normal(size=(6, 4)) * 3, rng.integers(0, 4, size=6), 1.7
    t = np.eye(4)[labels] if one_hot else labels
    layer = ch04.SoftmaxWithLoss()
    loss = layer.forward(x.copy(), t.copy())
    dx = layer.backward(dout)

    def tf_loss(logits):
        return tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits))

    want, (tdx,) = tape(tf_loss, [x], dout)
    close(loss, want, what="SoftmaxWithLoss.forward")
    close(dx, tdx, what="SoftmaxWithLoss dx")


def test_two_layer_net_gradient():
    """Does TwoLayerNet.gradient equal the tape's gradient of the same network written in TensorFlow?"""
    rng = np.random.default_rng(3)
    net = ch04.TwoLayerNet(5, 7, 3, weight_init_std=0.5, seed=0)
    x, t = rng.normal(size=(8, 5)), rng.integers(0, 3, size=8)
    grads = net.gradient(x, t)
    keys = ["W1", "b1", "W2", "b2"]

    def tf_loss(W1, b1, W2, b2):
        scores = tf.nn.relu(x @ W1 + b1) @ W2 + b2
        return tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=t, logits=scores))

    loss, tgrads = tape(tf_loss, [net.params[k] for k in keys], 1.0)
    close(net.loss(x, t), loss, what="TwoLayerNet.loss")
    for key, tgrad in zip(keys, tgrads):
        close(grads[key], tgrad, what=f"TwoLayerNet.gradient[{key}]")
