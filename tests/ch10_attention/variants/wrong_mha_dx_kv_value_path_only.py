"""Returns only the value path as dx_kv (dV @ Wv.T), forgetting that x_kv also feeds the keys."""

FAILS = [
    "ch10_attention::MultiHeadAttention::backward_dx_kv",
    "ch10_attention::MultiHeadAttention::backward_inputs_masked",
    "ch10_attention::MultiHeadAttention::repeated_calls",
    "ch10_attention::TransformerEncoderBlock::backward_dx",
    "ch10_attention::TransformerEncoderBlock::backward_dx_masked",
    "ch10_attention::TransformerEncoderBlock::batch_of_one",
    "ch10_attention::TransformerEncoderBlock::grads_layernorm",
    "ch10_attention::TransformerEncoderBlock::grads_masked",
    "ch10_attention::TransformerEncoderBlock::inputs_not_modified",
    "ch10_attention::TransformerEncoderBlock::repeated_calls",
]


class MultiHeadAttention(MultiHeadAttention):
    def backward(self, dout):
        dx_q, _ = super().backward(dout)
        N, Tq, D = dout.shape
        h = self.num_heads
        dheads = (dout @ self.Wo.T).reshape(N, Tq, h, D // h).transpose(0, 2, 1, 3)
        _, _, dV = self.attention.backward(dheads)
        return dx_q, dV.transpose(0, 2, 1, 3).reshape(N, -1, D) @ self.Wv.T
