"""Splits on the sign of x with np.where, which evaluates both branches: the values are right, but
the branch thrown away overflows (exp(2000)) and warns."""

FAILS = ["ch02_forward::tanh::extreme_inputs_without_warnings"]


def tanh(x):
    x = np.asarray(x, dtype=float)
    e_neg, e_pos = np.exp(-2 * x), np.exp(2 * x)
    return np.where(x >= 0, (1 - e_neg) / (1 + e_neg), (e_pos - 1) / (e_pos + 1))
