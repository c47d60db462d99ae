"""Merges the heads with a plain reshape (N, heads, Tq, dh) -> (N, Tq, D), which mixes time steps and heads."""

FAILS = [
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
]


class MultiHeadAttention(MultiHeadAttention):
    def forward(self, x_q, x_kv, mask=None):
        N, Tq, D = x_q.shape
        Tk, h = x_kv.shape[1], self.num_heads
        dh = D // h
        Q = (x_q @ self.Wq + self.bq).reshape(N, Tq, h, dh).transpose(0, 2, 1, 3)
        K = (x_kv @ self.Wk + self.bk).reshape(N, Tk, h, dh).transpose(0, 2, 1, 3)
        V = (x_kv @ self.Wv + self.bv).reshape(N, Tk, h, dh).transpose(0, 2, 1, 3)
        self.concat = self.attention.forward(Q, K, V, mask).reshape(N, Tq, D)
        return self.concat @ self.Wo + self.bo
