"""The textbook 1 / (1 + exp(-x)): right values, but exp(1000) overflows with a RuntimeWarning."""

FAILS = ["ch02_forward::sigmoid::extreme_inputs_without_warnings"]


def sigmoid(x):
    return 1 / (1 + np.exp(-x))
