"""Another stable masked softmax: masked scores are replaced by the most negative float (not -inf) for the
row max, exponentials are taken only where allowed, and np.divide(..., where=total > 0) leaves fully masked
rows at 0."""

FAILS = []


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = np.matmul(q, np.swapaxes(k, -1, -2)) * (1.0 / np.sqrt(q.shape[-1]))
    shape = scores.shape if mask is None else np.broadcast_shapes(np.shape(mask), scores.shape)
    allowed = np.broadcast_to(True if mask is None else mask, shape)
    scores = np.broadcast_to(scores, allowed.shape)
    row_max = np.max(np.where(allowed, scores, -np.finfo(np.float64).max), axis=-1, keepdims=True)
    e = np.where(allowed, np.exp(np.where(allowed, scores - row_max, 0.0)), 0.0)
    total = e.sum(axis=-1, keepdims=True)
    weights = np.divide(e, total, out=np.zeros_like(e), where=total > 0)
    return np.matmul(weights, v), weights
