"""Right values, but written into the caller's array, which it returns."""

FAILS = ["ch02_forward::tanh::input_unchanged"]


def tanh(x):
    np.tanh(x, out=x)
    return x
