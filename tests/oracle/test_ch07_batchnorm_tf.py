"""ch07's BatchNormalization against tf.nn.batch_normalization (training forward and gradients by tape)
and against keras.layers.BatchNormalization (running statistics and test mode)."""

import numpy as np
import pytest

from tests.oracle.tf_helpers import close, tape, tf

from solutions import ch07_batchnorm as ch07

keras = pytest.importorskip("keras")
EPS = 1e-5
SHAPES = [pytest.param((8, 5), id="N-D"), pytest.param((4, 3, 5, 6), id="N-C-H-W")]


def tf_batchnorm(x, gamma, beta):
    """Training-mode batch norm in TensorFlow: per feature (2-D) or per channel over N, H, W (4-D)."""
    if len(x.shape) == 2:
        mean, var = tf.nn.moments(x, axes=[0])
        return tf.nn.batch_normalization(x, mean, var, beta, gamma, EPS)
    mean, var = tf.nn.moments(x, axes=[0, 2, 3], keepdims=True)
    shape = (1, -1, 1, 1)
    return tf.nn.batch_normalization(x, mean, var, tf.reshape(beta, shape), tf.reshape(gamma, shape), EPS)


def parameters(rng, shape):
    features = shape[1]
    x = rng.normal(loc=2.0, scale=3.0, size=shape)
    return x, rng.uniform(0.5, 2.0, features) * rng.choice([-1, 1], features), rng.normal(size=features)


@pytest.mark.parametrize("shape", SHAPES)
def test_training_forward_and_gradients(shape):
    """Do the training output, dx, dgamma and dbeta equal tf.nn.batch_normalization's and the tape's (gamma != 1)?"""
    rng = np.random.default_rng(30)
    x, gamma, beta = parameters(rng, shape)
    dout = rng.normal(size=shape)
    layer = ch07.BatchNormalization(gamma.copy(), beta.copy(), eps=EPS)
    out = layer.forward(x.copy(), train_flg=True)
    dx = layer.backward(dout.copy())
    want, (tdx, tdgamma, tdbeta) = tape(tf_batchnorm, [x, gamma, beta], dout)
    close(out, want, what="BatchNormalization.forward (training)")
    close(dx, tdx, what="BatchNormalization dx")
    close(layer.dgamma, tdgamma, what="BatchNormalization dgamma")
    close(layer.dbeta, tdbeta, what="BatchNormalization dbeta")


@pytest.mark.parametrize("shape", SHAPES)
def test_running_statistics_and_test_mode_match_keras(shape):
    """After two training batches, do running_mean/var equal Keras' moving_mean/variance (same momentum
    convention, biased batch variance), and does test mode give Keras' training=False output?"""
    rng = np.random.default_rng(31)
    x1, gamma, beta = parameters(rng, shape)
    x2, x3 = rng.normal(loc=-1.0, scale=2.0, size=shape), rng.normal(size=shape)
    ours = ch07.BatchNormalization(gamma.copy(), beta.copy(), momentum=0.9, eps=EPS)
    theirs = keras.layers.BatchNormalization(axis=1, momentum=0.9, epsilon=EPS, dtype="float64")
    theirs.build(shape)
    theirs.gamma.assign(gamma)
    theirs.beta.assign(beta)
    for batch in (x1, x2):
        ours.forward(batch.copy(), train_flg=True)
        theirs(batch, training=True)
    close(ours.running_mean, theirs.moving_mean.numpy(), what="running_mean")
    close(ours.running_var, theirs.moving_variance.numpy(), what="running_var")
    close(ours.forward(x3.copy(), train_flg=False), theirs(x3, training=False).numpy(), what="test-mode output")
