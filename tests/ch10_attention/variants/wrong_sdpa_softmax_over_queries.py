"""Takes the softmax over the queries (axis -2) instead of over the keys (axis -1)."""

FAILS = []


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    col_max = np.max(scores, axis=-2, keepdims=True)
    col_max = np.where(np.isfinite(col_max), col_max, 0.0)
    e = np.exp(scores - col_max)
    total = np.sum(e, axis=-2, keepdims=True)
    weights = e / np.where(total > 0, total, 1.0)
    return weights @ v, weights
