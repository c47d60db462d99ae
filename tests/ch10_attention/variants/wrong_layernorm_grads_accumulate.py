"""LayerNorm adds every backward's dgamma and dbeta to those of the previous calls (PyTorch's .grad habit): right for
one backward per forward."""

FAILS = [
    "ch10_attention::LayerNorm::repeated_calls",
    "ch10_attention::TransformerEncoderBlock::repeated_calls",
]


class LayerNorm(LayerNorm):
    def backward(self, dout):
        previous = (self.dgamma, self.dbeta)
        dx = super().backward(dout)
        if previous[0] is not None:
            self.dgamma, self.dbeta = self.dgamma + previous[0], self.dbeta + previous[1]
        return dx
