"""Backpropagates only dx_q of the self-attention: LN1(x) also fed the keys and values (dx_kv is dropped)."""

FAILS = [
    "ch10_attention::TransformerEncoderBlock::backward_dx",
    "ch10_attention::TransformerEncoderBlock::backward_dx_masked",
    "ch10_attention::TransformerEncoderBlock::batch_of_one",
    "ch10_attention::TransformerEncoderBlock::grads_layernorm",
    "ch10_attention::TransformerEncoderBlock::grads_masked",
    "ch10_attention::TransformerEncoderBlock::inputs_not_modified",
    "ch10_attention::TransformerEncoderBlock::repeated_calls",
]


class TransformerEncoderBlock(TransformerEncoderBlock):
    def backward(self, dout):
        super().backward(dout)
        p, g = self.params, self.grads
        dpre = np.where(self.pre > 0, dout @ p["W2"].T, 0.0)
        dy = dout + self.ln2.backward(dpre @ p["W1"].T)
        da_q, _ = self.attn.backward(dy)
        dx = dy + self.ln1.backward(da_q)
        g["ln1_gamma"], g["ln1_beta"] = self.ln1.dgamma, self.ln1.dbeta
        return dx
