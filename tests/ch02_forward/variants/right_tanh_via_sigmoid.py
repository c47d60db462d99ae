"""tanh through the stable sigmoid: tanh(x) = 2 * sigmoid(2x) - 1."""

FAILS = []


def tanh(x):
    return 2.0 * sigmoid(2.0 * np.asarray(x, dtype=float)) - 1.0
