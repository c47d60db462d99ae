"""Right values, but reached through NaN: a fully masked row computes -inf - (-inf) (RuntimeWarning: invalid
value) and 0/0, and np.nan_to_num repairs the result afterwards."""

FAILS = [
    "ch10_attention::scaled_dot_product_attention::no_warnings",
]


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    e = np.exp(scores - np.max(scores, axis=-1, keepdims=True))
    weights = np.nan_to_num(e / np.sum(e, axis=-1, keepdims=True))
    return weights @ v, weights
