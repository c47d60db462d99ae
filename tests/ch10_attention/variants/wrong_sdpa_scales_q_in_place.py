"""Scales the caller's q in place (q /= sqrt(d)) before the product: the output is right, q is not."""

FAILS = [
    "ch10_attention::Attention::backward_dk",
    "ch10_attention::Attention::backward_masked",
    "ch10_attention::Attention::backward_shapes",
    "ch10_attention::Attention::repeated_calls",
    "ch10_attention::MultiHeadAttention::backward_dW",
    "ch10_attention::MultiHeadAttention::backward_dx_kv",
    "ch10_attention::MultiHeadAttention::backward_inputs_masked",
    "ch10_attention::MultiHeadAttention::backward_params_batch_of_one",
    "ch10_attention::MultiHeadAttention::repeated_calls",
    "ch10_attention::TransformerEncoderBlock::backward_dx",
    "ch10_attention::TransformerEncoderBlock::backward_dx_masked",
    "ch10_attention::TransformerEncoderBlock::batch_of_one",
    "ch10_attention::TransformerEncoderBlock::grads_attention",
    "ch10_attention::TransformerEncoderBlock::grads_layernorm",
    "ch10_attention::TransformerEncoderBlock::grads_masked",
    "ch10_attention::TransformerEncoderBlock::inputs_not_modified",
    "ch10_attention::TransformerEncoderBlock::repeated_calls",
    "ch10_attention::scaled_dot_product_attention::inputs_not_modified",
]


def scaled_dot_product_attention(q, k, v, mask=None):
    q /= np.sqrt(q.shape[-1])
    scores = q @ np.swapaxes(k, -1, -2)
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    row_max = np.max(scores, axis=-1, keepdims=True)
    row_max = np.where(np.isfinite(row_max), row_max, 0.0)
    e = np.exp(scores - row_max)
    total = np.sum(e, axis=-1, keepdims=True)
    weights = e / np.where(total > 0, total, 1.0)
    return weights @ v, weights
