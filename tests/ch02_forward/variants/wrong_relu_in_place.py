"""ReLU that zeroes the negative entries of its input in place and returns it."""

FAILS = ["ch02_forward::relu::input_unchanged"]


def relu(x):
    x[x < 0] = 0
    return x
