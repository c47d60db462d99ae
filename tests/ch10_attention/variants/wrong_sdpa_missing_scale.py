"""Forgets the 1/sqrt(d) scale: weights = softmax(q @ k^T), too peaked for large d."""

FAILS = [
    "ch10_attention::Attention::backward_dk",
    "ch10_attention::Attention::backward_dq",
    "ch10_attention::Attention::backward_dv",
    "ch10_attention::Attention::backward_masked",
    "ch10_attention::Attention::backward_shapes",
    "ch10_attention::Attention::dout_not_modified",
    "ch10_attention::Attention::forward",
    "ch10_attention::Attention::repeated_calls",
    "ch10_attention::Attention::weights_attribute",
    "ch10_attention::MultiHeadAttention::backward_dW",
    "ch10_attention::MultiHeadAttention::backward_db",
    "ch10_attention::MultiHeadAttention::backward_dx_kv",
    "ch10_attention::MultiHeadAttention::backward_dx_q",
    "ch10_attention::MultiHeadAttention::backward_inputs_masked",
    "ch10_attention::MultiHeadAttention::backward_params_batch_of_one",
    "ch10_attention::MultiHeadAttention::batch_of_one",
    "ch10_attention::MultiHeadAttention::causal_no_future_leak",
    "ch10_attention::MultiHeadAttention::follows_param_updates",
    "ch10_attention::MultiHeadAttention::forward",
    "ch10_attention::MultiHeadAttention::forward_causal",
    "ch10_attention::MultiHeadAttention::forward_cross_four_heads",
    "ch10_attention::MultiHeadAttention::inputs_not_modified",
    "ch10_attention::MultiHeadAttention::repeated_calls",
    "ch10_attention::TransformerEncoderBlock::backward_dx",
    "ch10_attention::TransformerEncoderBlock::backward_dx_masked",
    "ch10_attention::TransformerEncoderBlock::batch_of_one",
    "ch10_attention::TransformerEncoderBlock::causal_no_future_leak",
    "ch10_attention::TransformerEncoderBlock::forward",
    "ch10_attention::TransformerEncoderBlock::forward_causal",
    "ch10_attention::TransformerEncoderBlock::grads_attention",
    "ch10_attention::TransformerEncoderBlock::grads_ffn",
    "ch10_attention::TransformerEncoderBlock::grads_layernorm",
    "ch10_attention::TransformerEncoderBlock::grads_masked",
    "ch10_attention::TransformerEncoderBlock::inputs_not_modified",
    "ch10_attention::TransformerEncoderBlock::params_by_reference",
    "ch10_attention::TransformerEncoderBlock::repeated_calls",
    "ch10_attention::scaled_dot_product_attention::causal_mask",
    "ch10_attention::scaled_dot_product_attention::default_mask",
    "ch10_attention::scaled_dot_product_attention::fully_masked_row",
    "ch10_attention::scaled_dot_product_attention::inputs_not_modified",
    "ch10_attention::scaled_dot_product_attention::out",
    "ch10_attention::scaled_dot_product_attention::padding_mask",
    "ch10_attention::scaled_dot_product_attention::shapes_d_ne_dv",
    "ch10_attention::scaled_dot_product_attention::weights",
]


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ np.swapaxes(k, -1, -2)
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    row_max = np.max(scores, axis=-1, keepdims=True)
    row_max = np.where(np.isfinite(row_max), row_max, 0.0)
    e = np.exp(scores - row_max)
    total = np.sum(e, axis=-1, keepdims=True)
    weights = e / np.where(total > 0, total, 1.0)
    return weights @ v, weights
