"""Averages dbeta over the positions (dout.mean) instead of summing: beta is added to every position."""

FAILS = [
    "ch10_attention::LayerNorm::any_leading_shape",
    "ch10_attention::LayerNorm::backward_dbeta",
    "ch10_attention::LayerNorm::backward_params_3d",
    "ch10_attention::LayerNorm::repeated_calls",
    "ch10_attention::TransformerEncoderBlock::grads_layernorm",
    "ch10_attention::TransformerEncoderBlock::grads_masked",
    "ch10_attention::TransformerEncoderBlock::repeated_calls",
]


class LayerNorm(LayerNorm):
    def backward(self, dout):
        dx = super().backward(dout)
        self.dbeta = dout.reshape(-1, dout.shape[-1]).mean(axis=0)
        return dx
