"""Puts the FFN's ReLU after the second matrix, relu((z @ W1 + b1) @ W2 + b2), in forward only."""

FAILS = [
    "ch10_attention::TransformerEncoderBlock::causal_no_future_leak",
    "ch10_attention::TransformerEncoderBlock::forward",
    "ch10_attention::TransformerEncoderBlock::forward_causal",
    "ch10_attention::TransformerEncoderBlock::grads_ffn",
    "ch10_attention::TransformerEncoderBlock::grads_masked",
    "ch10_attention::TransformerEncoderBlock::inputs_not_modified",
    "ch10_attention::TransformerEncoderBlock::params_by_reference",
    "ch10_attention::TransformerEncoderBlock::repeated_calls",
]


class TransformerEncoderBlock(TransformerEncoderBlock):
    def forward(self, x, mask=None):
        p = self.params
        a = self.ln1.forward(x)
        y = x + self.attn.forward(a, a, mask)
        self.z = self.ln2.forward(y)
        self.pre = self.z @ p["W1"] + p["b1"]
        self.hidden = self.pre
        return y + np.maximum(self.hidden @ p["W2"] + p["b2"], 0.0)
