"""Merges the heads with a plain reshape (N, heads, Tq, dh) -> (N, Tq, D), which mixes time steps and heads."""

FAILS = []


class MultiHeadAttention(MultiHeadAttention):
    def forward(self, x_q, x_kv, mask=None):
        N, Tq, D = x_q.shape
        Tk, h = x_kv.shape[1], self.num_heads
        dh = D // h
        Q = (x_q @ self.Wq + self.bq).reshape(N, Tq, h, dh).transpose(0, 2, 1, 3)
        K = (x_kv @ self.Wk + self.bk).reshape(N, Tk, h, dh).transpose(0, 2, 1, 3)
        V = (x_kv @ self.Wv + self.bv).reshape(N, Tk, h, dh).transpose(0, 2, 1, 3)
        self.concat = self.attention.forward(Q, K, V, mask).reshape(N, Tq, D)
        return self.concat @ self.Wo + self.bo
