"""The upper triangle (s >= t): every position attends to the future instead of the past."""

FAILS = [
    "ch10_attention::causal_mask::values",
    "ch10_attention::causal_mask::is_boolean",
    "ch10_attention::causal_mask::sizes",
]


def causal_mask(T):
    return np.triu(np.ones((T, T), dtype=bool))
