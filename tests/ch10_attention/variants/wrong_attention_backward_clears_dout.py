"""Right gradients, but clears the caller's dout after using it (dout[...] = 0, "to free memory")."""

FAILS = [
    "ch10_attention::Attention::dout_not_modified",
]

_reference_attention_backward = Attention.backward


class Attention(Attention):
    def backward(self, dout):
        grads = _reference_attention_backward(self, dout)
        dout[...] = 0
        return grads
