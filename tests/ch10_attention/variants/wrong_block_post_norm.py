"""The original post-norm block, y = LN1(x + MHA(x, x)), out = LN2(y + FFN(y)), instead of pre-norm."""

FAILS = [
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


class TransformerEncoderBlock(TransformerEncoderBlock):
    def forward(self, x, mask=None):
        p = self.params
        y = self.ln1.forward(x + self.attn.forward(x, x, mask))
        self.z = y
        self.pre = y @ p["W1"] + p["b1"]
        self.hidden = np.maximum(self.pre, 0.0)
        return self.ln2.forward(y + self.hidden @ p["W2"] + p["b2"])
