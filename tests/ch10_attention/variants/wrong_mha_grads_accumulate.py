"""MultiHeadAttention adds every backward's parameter gradients to those of the previous calls (PyTorch's .grad
habit): right for one backward per forward."""

FAILS = [
    "ch10_attention::MultiHeadAttention::repeated_calls",
    "ch10_attention::TransformerEncoderBlock::repeated_calls",
]

_MHA_GRADS = ("dWq", "dWk", "dWv", "dWo", "dbq", "dbk", "dbv", "dbo")


class MultiHeadAttention(MultiHeadAttention):
    def backward(self, dout):
        previous = [getattr(self, name) for name in _MHA_GRADS]
        out = super().backward(dout)
        for name, old in zip(_MHA_GRADS, previous):
            if old is not None:
                setattr(self, name, getattr(self, name) + old)
        return out
