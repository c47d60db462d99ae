"""Applies the mask after the softmax (weights * mask): masked weights are 0 but rows no longer sum to 1."""

FAILS = []


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
    e = np.exp(scores - np.max(scores, axis=-1, keepdims=True))
    weights = e / np.sum(e, axis=-1, keepdims=True)
    if mask is not None:
        weights = weights * mask
    return weights @ v, weights
