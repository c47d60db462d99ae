"""ch10's layers against TensorFlow/Keras in float64: MultiHeadAttention (weights mapped) and
LayerNormalization from Keras, the residual block as a tf.nn.conv2d composition, and the encoder block
as a composition of Keras layers; forward values and every gradient by tape."""

import numpy as np
import pytest

from tests.oracle.tf_helpers import away_from_zero, close, tape, tf

from solutions import ch10_attention as ch10

keras = pytest.importorskip("keras")
EPS = 1e-5
MHA_KEYS = ("Wq", "Wk", "Wv", "Wo", "bq", "bk", "bv", "bo")
# Keras rounds its scale 1/sqrt(key_dim) to float32 (NOTES.md): exact for key_dim 4; for key_dim 2 the scores
# are ~2e-8 off, which sums that cancel to small values turn into ~1e-6 relative: (rtol, atol) per key_dim.
SCALE_TOL = {4: (1e-9, 1e-10), 2: (1e-6, 1e-6)}


def keras_mha(weights, heads, D, tq, tk):
    """A built keras.layers.MultiHeadAttention holding our (D, D) matrices: kernels (D, heads, dh) and
    (heads, dh, D) are C-order reshapes whose head h owns columns (rows for the output) h*dh:(h+1)*dh."""
    dh = D // heads
    layer = keras.layers.MultiHeadAttention(num_heads=heads, key_dim=dh, dtype="float64")
    layer(np.zeros((1, tq, D)), np.zeros((1, tk, D)))
    W = dict(zip(MHA_KEYS, weights))
    for dense, s in ((layer._query_dense, "q"), (layer._key_dense, "k"), (layer._value_dense, "v")):
        dense.kernel.assign(W["W" + s].reshape(D, heads, dh))
        dense.bias.assign(W["b" + s].reshape(heads, dh))
    layer._output_dense.kernel.assign(W["Wo"].reshape(heads, dh, D))
    layer._output_dense.bias.assign(W["bo"])
    return layer


def mha_variables(layer):
    """Keras' variables in the order of MHA_KEYS."""
    dense = (layer._query_dense, layer._key_dense, layer._value_dense, layer._output_dense)
    return [d.kernel for d in dense] + [d.bias for d in dense]


def tape_layer(fn, inputs, variables, dout):
    """fn(*inputs) and the gradients of sum(fn * dout) with respect to the inputs and the variables."""
    tensors = [tf.constant(a) for a in inputs]
    with tf.GradientTape() as recorder:
        recorder.watch(tensors)
        out = fn(*tensors)
    grads = recorder.gradient(out, tensors + list(variables), output_gradients=tf.constant(dout))
    return out.numpy(), [g.numpy() for g in grads]


@pytest.mark.parametrize("heads, tq, tk, masked", [
    pytest.param(2, 4, 4, False, id="2-heads-self-shapes"),
    pytest.param(2, 3, 5, True, id="2-heads-cross-masked"),
    pytest.param(4, 3, 4, True, id="4-heads-cross-masked"),
])
def test_multi_head_attention(heads, tq, tk, masked):
    """Do MultiHeadAttention's output, dx_q, dx_kv and the eight parameter gradients equal Keras'?"""
    rng = np.random.default_rng(40)
    N, D = 2, 8
    weights = [0.5 * rng.normal(size=(D, D)) for _ in range(4)] + [0.5 * rng.normal(size=D) for _ in range(4)]
    x_q, x_kv = rng.normal(size=(N, tq, D)), rng.normal(size=(N, tk, D))
    mask = None
    if masked:  # random keys masked, never a whole row (Keras gives such a row uniform weights, we give zeros)
        mask = rng.random((N, tq, tk)) < 0.7
        mask[..., 0] = True
    layer = ch10.MultiHeadAttention(*[w.copy() for w in weights], heads)
    out = layer.forward(x_q.copy(), x_kv.copy(), None if mask is None else mask[:, None])
    dout = rng.normal(size=out.shape)
    dx_q, dx_kv = layer.backward(dout.copy())

    theirs = keras_mha(weights, heads, D, tq, tk)
    want, grads = tape_layer(lambda a, b: theirs(a, b, attention_mask=mask), [x_q, x_kv], mha_variables(theirs), dout)
    rtol, atol = SCALE_TOL[D // heads]
    close(out, want, rtol=rtol, atol=atol, what="MultiHeadAttention.forward")
    close(dx_q, grads[0], rtol=rtol, atol=atol, what="dx_q")
    close(dx_kv, grads[1], rtol=rtol, atol=atol, what="dx_kv")
    for key, grad in zip(MHA_KEYS, grads[2:]):
        close(getattr(layer, "d" + key), grad.reshape(np.shape(getattr(layer, key))), rtol=rtol, atol=atol, what="d" + key)


@pytest.mark.parametrize("shape", [pytest.param((5, 6), id="N-D"), pytest.param((2, 3, 7), id="N-T-D"),
                                   pytest.param((1, 1, 4), id="batch-of-one")])
def test_layer_norm(shape):
    """Do LayerNorm's output, dx, dgamma and dbeta equal keras.layers.LayerNormalization's (gamma != 1)?"""
    rng = np.random.default_rng(41)
    D = shape[-1]
    x = rng.normal(loc=2.0, scale=3.0, size=shape)
    gamma, beta = rng.uniform(0.5, 2.0, D) * rng.choice([-1, 1], D), rng.normal(size=D)
    dout = rng.normal(size=shape)
    layer = ch10.LayerNorm(gamma.copy(), beta.copy(), eps=EPS)
    out = layer.forward(x.copy())
    dx = layer.backward(dout.copy())

    theirs = keras.layers.LayerNormalization(epsilon=EPS, dtype="float64")
    theirs.build(shape)
    theirs.gamma.assign(gamma)
    theirs.beta.assign(beta)
    want, (tdx, tdgamma, tdbeta) = tape_layer(theirs, [x], [theirs.gamma, theirs.beta], dout)
    close(out, want, what="LayerNorm.forward")
    close(dx, tdx, what="LayerNorm dx")
    close(layer.dgamma, tdgamma, what="LayerNorm dgamma")
    close(layer.dbeta, tdbeta, what="LayerNorm dbeta")


def tf_conv_same(x, W, b):
    """Our NCHW 3x3 convolution, stride 1, pad 1, in TensorFlow."""
    out = tf.nn.conv2d(tf.transpose(x, (0, 2, 3, 1)), tf.transpose(W, (2, 3, 1, 0)), strides=1,
                       padding=[[0, 0], [1, 1], [1, 1], [0, 0]])
    return tf.transpose(out + b, (0, 3, 1, 2))


@pytest.mark.parametrize("shape", [pytest.param((2, 3, 5, 5), id="N2-C3"),
                                   pytest.param((1, 2, 4, 6), id="N1-C2-rectangular")])
def test_residual_block(shape):
    """Do ResidualBlock's output, dx, dW1, db1, dW2, db2 equal relu(conv(relu(conv(x))) + x) built from tf.nn.conv2d?"""
    rng = np.random.default_rng(42)
    C = shape[1]
    W1, W2 = (rng.normal(scale=0.4, size=(C, C, 3, 3)) for _ in range(2))
    b1, b2 = rng.normal(size=C), rng.normal(size=C)
    x = away_from_zero(rng, shape)
    block = ch10.ResidualBlock(W1.copy(), b1.copy(), W2.copy(), b2.copy())
    out = block.forward(x.copy())
    dout = rng.normal(size=shape)
    dx = block.backward(dout.copy())

    def tf_block(x_, W1_, b1_, W2_, b2_):
        return tf.nn.relu(tf_conv_same(tf.nn.relu(tf_conv_same(x_, W1_, b1_)), W2_, b2_) + x_)

    want, (tdx, tdW1, tdb1, tdW2, tdb2) = tape(tf_block, [x, W1, b1, W2, b2], dout)
    close(out, want, what="ResidualBlock.forward")
    close(dx, tdx, what="ResidualBlock dx")
    for name, grad in (("dW1", tdW1), ("db1", tdb1), ("dW2", tdW2), ("db2", tdb2)):
        close(getattr(block, name), grad, what="ResidualBlock " + name)


def block_params(rng, D, F):
    params = {"ln1_gamma": rng.uniform(0.5, 1.5, D), "ln1_beta": 0.3 * rng.normal(size=D),
              "ln2_gamma": rng.uniform(0.5, 1.5, D), "ln2_beta": 0.3 * rng.normal(size=D)}
    params.update({k: 0.5 * rng.normal(size=(D, D)) for k in MHA_KEYS[:4]})
    params.update({k: 0.3 * rng.normal(size=D) for k in MHA_KEYS[4:]})
    params.update(W1=0.5 * rng.normal(size=(D, F)), b1=0.3 * rng.normal(size=F),
                  W2=0.5 * rng.normal(size=(F, D)), b2=0.3 * rng.normal(size=D))
    return params


@pytest.mark.parametrize("causal", [pytest.param(False, id="no-mask"), pytest.param(True, id="causal")])
def test_transformer_encoder_block(causal):
    """Does the pre-norm block equal LayerNormalization -> MultiHeadAttention -> + x -> LayerNormalization ->
    Dense(relu) -> Dense -> + y built from Keras layers, in its output, dx and every gradient?"""
    rng = np.random.default_rng(43)
    N, T, D, F, heads = 2, 5, 8, 12, 2
    params = block_params(rng, D, F)
    x = rng.normal(size=(N, T, D))
    mask = ch10.causal_mask(T) if causal else None
    block = ch10.TransformerEncoderBlock({k: v.copy() for k, v in params.items()}, heads, eps=EPS)
    out = block.forward(x.copy(), mask)
    dout = rng.normal(size=out.shape)
    dx = block.backward(dout.copy())

    ln1, ln2 = (keras.layers.LayerNormalization(epsilon=EPS, dtype="float64") for _ in range(2))
    for ln, name in ((ln1, "ln1"), (ln2, "ln2")):
        ln.build((N, T, D))
        ln.gamma.assign(params[name + "_gamma"])
        ln.beta.assign(params[name + "_beta"])
    mha = keras_mha([params[k] for k in MHA_KEYS], heads, D, T, T)
    dense1 = keras.layers.Dense(F, activation="relu", dtype="float64")
    dense2 = keras.layers.Dense(D, dtype="float64")
    dense1.build((N, T, D))
    dense2.build((N, T, F))
    dense1.kernel.assign(params["W1"])
    dense1.bias.assign(params["b1"])
    dense2.kernel.assign(params["W2"])
    dense2.bias.assign(params["b2"])
    attention_mask = None if mask is None else np.broadcast_to(mask, (N, T, T))

    def keras_block(x_):
        a = ln1(x_)
        y = x_ + mha(a, a, attention_mask=attention_mask)
        return y + dense2(dense1(ln2(y)))

    variables = {"ln1_gamma": ln1.gamma, "ln1_beta": ln1.beta, "ln2_gamma": ln2.gamma, "ln2_beta": ln2.beta,
                 **dict(zip(MHA_KEYS, mha_variables(mha))), "W1": dense1.kernel, "b1": dense1.bias,
                 "W2": dense2.kernel, "b2": dense2.bias}
    want, grads = tape_layer(keras_block, [x], list(variables.values()), dout)
    close(out, want, what="TransformerEncoderBlock.forward")
    close(dx, grads[0], atol=1e-10, what="TransformerEncoderBlock dx")
    for key, grad in zip(variables, grads[1:]):
        close(block.grads[key], grad.reshape(params[key].shape), atol=1e-10, what=f"grads['{key}']")
