"""Drops the path through the mean in backward: dx = dxhat / std - xhat * mean(dxhat * xhat) / std."""

FAILS = [
    "ch10_attention::LayerNorm::any_leading_shape",
    "ch10_attention::LayerNorm::backward_dx",
    "ch10_attention::LayerNorm::backward_dx_3d",
    "ch10_attention::LayerNorm::inputs_not_modified",
    "ch10_attention::LayerNorm::repeated_calls",
    "ch10_attention::TransformerEncoderBlock::backward_dx",
    "ch10_attention::TransformerEncoderBlock::backward_dx_masked",
    "ch10_attention::TransformerEncoderBlock::batch_of_one",
    "ch10_attention::TransformerEncoderBlock::grads_attention",
    "ch10_attention::TransformerEncoderBlock::grads_layernorm",
    "ch10_attention::TransformerEncoderBlock::grads_masked",
    "ch10_attention::TransformerEncoderBlock::inputs_not_modified",
    "ch10_attention::TransformerEncoderBlock::repeated_calls",
]


class LayerNorm(LayerNorm):
    def backward(self, dout):
        leading = tuple(range(dout.ndim - 1))
        self.dbeta = dout.sum(axis=leading)
        self.dgamma = (dout * self.xn).sum(axis=leading)
        dxn = self.gamma * dout
        return (dxn - self.xn * (dxn * self.xn).mean(axis=-1, keepdims=True)) / self.std
