"""The textbook (exp(x) - exp(-x)) / (exp(x) + exp(-x)): right for moderate x, but exp(1000) is inf,
so tanh(±1000) is inf / inf = nan, with an overflow warning."""

FAILS = ["ch02_forward::tanh::extreme_inputs_without_warnings"]


def tanh(x):
    return (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x))
