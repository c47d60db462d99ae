"""Subtracts the maximum in place: right values, but the caller's array changes."""

FAILS = ["ch02_forward::softmax::input_unchanged"]


def softmax(x):
    x -= np.max(x, axis=-1, keepdims=True)
    e = np.exp(x)
    return e / np.sum(e, axis=-1, keepdims=True)
