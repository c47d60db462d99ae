"""2 * sigmoid(x) - 1, which is tanh(x / 2): the factor 2 inside is missing."""

FAILS = [
    "ch02_forward::tanh::values",
    "ch02_forward::tanh::extreme_inputs_without_warnings",
    "ch02_forward::tanh::input_unchanged",
]


def tanh(x):
    return 2 * sigmoid(x) - 1
