"""Returns the right triangle as floats (np.tril(np.ones((T, T)))), not as a boolean mask."""

FAILS = []


def causal_mask(T):
    return np.tril(np.ones((T, T)))
