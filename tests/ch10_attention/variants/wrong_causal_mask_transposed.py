"""The upper triangle (s >= t): every position attends to the future instead of the past."""

FAILS = []


def causal_mask(T):
    return np.triu(np.ones((T, T), dtype=bool))
