"""Applies the mask after the softmax (weights * mask): masked weights are 0 but rows no longer sum to 1."""

FAILS = [
    "ch10_attention::Attention::backward_masked",
    "ch10_attention::Attention::repeated_calls",
    "ch10_attention::Attention::weights_attribute",
    "ch10_attention::MultiHeadAttention::backward_inputs_masked",
    "ch10_attention::MultiHeadAttention::backward_params_batch_of_one",
    "ch10_attention::MultiHeadAttention::causal_no_future_leak",
    "ch10_attention::MultiHeadAttention::forward_causal",
    "ch10_attention::MultiHeadAttention::forward_cross_four_heads",
    "ch10_attention::TransformerEncoderBlock::backward_dx_masked",
    "ch10_attention::TransformerEncoderBlock::causal_no_future_leak",
    "ch10_attention::TransformerEncoderBlock::forward_causal",
    "ch10_attention::TransformerEncoderBlock::grads_masked",
    "ch10_attention::scaled_dot_product_attention::causal_mask",
    "ch10_attention::scaled_dot_product_attention::fully_masked_row",
    "ch10_attention::scaled_dot_product_attention::inputs_not_modified",
    "ch10_attention::scaled_dot_product_attention::no_warnings",
    "ch10_attention::scaled_dot_product_attention::padding_mask",
]


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
    e = np.exp(scores - np.max(scores, axis=-1, keepdims=True))
    weights = e / np.sum(e, axis=-1, keepdims=True)
    if mask is not None:
        weights = weights * mask
    return weights @ v, weights
