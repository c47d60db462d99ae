"""Excludes the diagonal (s < t): a token may not attend to itself, and the first row is fully masked."""

FAILS = []


def causal_mask(T):
    return np.tril(np.ones((T, T), dtype=bool), k=-1)
