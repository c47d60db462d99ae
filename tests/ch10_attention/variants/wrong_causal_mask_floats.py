"""Returns the right triangle as floats (np.tril(np.ones((T, T)))), not as a boolean mask."""

FAILS = [
    "ch10_attention::causal_mask::is_boolean",
]


def causal_mask(T):
    return np.tril(np.ones((T, T)))
