"""ch09's TimeLSTM, TimeGRU and TimeRNN against keras.layers.LSTM, GRU(reset_after=False) and SimpleRNN with the
same weights: the same hidden-state sequences and, through GradientTape, the same gradients for the inputs, the
initial state and every weight."""

import numpy as np
import pytest

from tests.oracle.tf_helpers import close, tf

from solutions import ch09_sequences as ch09

keras = pytest.importorskip("keras")
N, T, D, H = 3, 5, 4, 6  # D != H, T >= 3

CASES = [
    pytest.param("TimeLSTM", lambda: keras.layers.LSTM(H, return_sequences=True, dtype="float64"), 4, id="LSTM"),
    pytest.param("TimeGRU", lambda: keras.layers.GRU(H, return_sequences=True, reset_after=False, dtype="float64"), 3,
                 id="GRU-reset_after=False"),
    pytest.param("TimeRNN", lambda: keras.layers.SimpleRNN(H, return_sequences=True, dtype="float64"), 1,
                 id="SimpleRNN"),
]


@pytest.mark.parametrize("name, make_layer, blocks", CASES)
def test_sequences_and_gradients_match_keras(name, make_layer, blocks):
    """Same Wx (kernel), Wh (recurrent_kernel), b (bias), same initial states: are hs, dxs, dWx, dWh, db and
    the initial-state gradient equal to Keras' and the tape's (random upstream gradient, float64)?"""
    rng = np.random.default_rng(90 + blocks)
    xs = rng.normal(size=(N, T, D))
    Wx = rng.normal(scale=0.5, size=(D, blocks * H))
    Wh = rng.normal(scale=0.5, size=(H, blocks * H))
    b = rng.normal(scale=0.5, size=blocks * H)
    h0 = rng.normal(scale=0.5, size=(N, H))
    c0 = rng.normal(scale=0.5, size=(N, H))
    dhs = rng.normal(size=(N, T, H))
    state = (h0, c0) if name == "TimeLSTM" else (h0,)

    ours = getattr(ch09, name)(Wx.copy(), Wh.copy(), b.copy(), stateful=True)
    ours.set_state(*(s.copy() for s in state))
    hs = ours.forward(xs.copy())
    dxs = ours.backward(dhs.copy())

    layer = make_layer()
    layer.build((N, T, D))
    layer.set_weights([Wx, Wh, b])
    inputs = [tf.constant(a) for a in (xs,) + state]
    with tf.GradientTape() as tape:
        tape.watch(inputs)
        out = layer(inputs[0], initial_state=list(inputs[1:]))
    variables = [layer.cell.kernel, layer.cell.recurrent_kernel, layer.cell.bias]
    grads = tape.gradient(out, inputs + variables, output_gradients=tf.constant(dhs))

    close(hs, out.numpy(), what=f"{name} hidden states")
    close(dxs, grads[0].numpy(), what=f"{name} dxs")
    close(ours.dh, grads[1].numpy(), what=f"{name} dh (initial state)")
    if name == "TimeLSTM":
        close(ours.dc, grads[2].numpy(), what="TimeLSTM dc (initial memory)")
    for what, got, want in zip(("dWx", "dWh", "db"), (ours.dWx, ours.dWh, ours.db), grads[-3:]):
        close(got, want.numpy(), what=f"{name} {what}")


def test_embedding_matches_keras_with_repeated_ids():
    """Embedding forward and dW (repeated ids add up) against keras.layers.Embedding and the tape."""
    rng = np.random.default_rng(95)
    W = rng.normal(size=(6, 3))
    idx = np.array([[1, 4, 1, 0], [4, 4, 2, 1]])
    dout = rng.normal(size=(2, 4, 3))
    ours = ch09.Embedding(W.copy())
    out = ours.forward(idx)
    ours.backward(dout)
    layer = keras.layers.Embedding(6, 3, dtype="float64")
    layer.build((2, 4))
    layer.set_weights([W])
    with tf.GradientTape() as tape:
        theirs = layer(tf.constant(idx))
    (dW,) = tape.gradient(theirs, [layer.embeddings], output_gradients=tf.constant(dout))
    close(out, theirs.numpy(), what="Embedding forward")
    close(ours.dW, tf.convert_to_tensor(dW).numpy(), what="Embedding dW")


def test_time_softmax_with_loss_matches_keras_masked_cross_entropy():
    """Mean cross-entropy over the non-ignored positions, and its gradient, against TensorFlow with a mask."""
    rng = np.random.default_rng(96)
    xs = rng.normal(scale=2.0, size=(3, 4, 5))
    ts = rng.integers(0, 5, size=(3, 4))
    ts[0, 1] = ts[2, 3] = ts[1, 0] = -1
    layer = ch09.TimeSoftmaxWithLoss()
    loss = layer.forward(xs.copy(), ts.copy())
    dxs = layer.backward(1.3)
    mask = tf.constant((ts != -1).astype(np.float64))
    scores = tf.constant(xs)
    with tf.GradientTape() as tape:
        tape.watch(scores)
        each = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tf.constant(np.maximum(ts, 0)), logits=scores)
        want = tf.reduce_sum(each * mask) / tf.reduce_sum(mask)
    close(loss, want.numpy(), what="TimeSoftmaxWithLoss loss")
    close(dxs, 1.3 * tape.gradient(want, scores).numpy(), what="TimeSoftmaxWithLoss dxs")
