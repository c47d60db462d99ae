"""Centers the caller's array in place (x -= mean), which also breaks the residual stream that reuses x."""

FAILS = [
    "ch10_attention::TransformerEncoderBlock::forward",
    "ch10_attention::LayerNorm::inputs_not_modified",
    "ch10_attention::TransformerEncoderBlock::forward_causal",
    "ch10_attention::TransformerEncoderBlock::causal_no_future_leak",
    "ch10_attention::TransformerEncoderBlock::params_by_reference",
    "ch10_attention::TransformerEncoderBlock::inputs_not_modified",
]


class LayerNorm(LayerNorm):
    def forward(self, x):
        x -= x.mean(axis=-1, keepdims=True)
        self.xc = x
        self.std = np.sqrt((x * x).mean(axis=-1, keepdims=True) + self.eps)
        self.xn = x / self.std
        return self.gamma * self.xn + self.beta
