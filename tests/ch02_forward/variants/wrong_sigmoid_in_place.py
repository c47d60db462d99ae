"""Right values, but written into the caller's array, which it returns."""

FAILS = ["ch02_forward::sigmoid::input_unchanged"]

_reference_sigmoid = sigmoid


def sigmoid(x):
    x[...] = _reference_sigmoid(x)
    return x
