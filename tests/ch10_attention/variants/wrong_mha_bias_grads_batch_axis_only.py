"""Sums the bias gradients over the batch axis only (dQ.sum(axis=0)), leaving a time axis: shape (T, D)."""

FAILS = [
    "ch10_attention::MultiHeadAttention::backward_db",
    "ch10_attention::MultiHeadAttention::backward_params_batch_of_one",
    "ch10_attention::MultiHeadAttention::repeated_calls",
    "ch10_attention::TransformerEncoderBlock::grads_attention",
    "ch10_attention::TransformerEncoderBlock::grads_masked",
    "ch10_attention::TransformerEncoderBlock::repeated_calls",
]


class MultiHeadAttention(MultiHeadAttention):
    def backward(self, dout):
        dx_q, dx_kv = super().backward(dout)
        N, Tq, D = dout.shape
        h = self.num_heads
        dheads = (dout @ self.Wo.T).reshape(N, Tq, h, D // h).transpose(0, 2, 1, 3)
        dQ, dK, dV = (g.transpose(0, 2, 1, 3).reshape(N, -1, D) for g in self.attention.backward(dheads))
        self.dbq, self.dbk, self.dbv, self.dbo = dQ.sum(axis=0), dK.sum(axis=0), dV.sum(axis=0), dout.sum(axis=0)
        return dx_q, dx_kv
