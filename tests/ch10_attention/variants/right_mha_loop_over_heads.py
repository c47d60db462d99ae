"""Multi-head attention with a Python loop over the heads: column slices h*dh:(h+1)*dh, one
scaled_dot_product_attention per head, np.concatenate, and a per-head backward written out by hand."""

FAILS = []


class MultiHeadAttention(MultiHeadAttention):
    def forward(self, x_q, x_kv, mask=None):
        D = x_q.shape[-1]
        dh = D // self.num_heads
        self.x_q, self.x_kv, self.mask = x_q, x_kv, mask
        self.Q, self.K, self.V = x_q @ self.Wq + self.bq, x_kv @ self.Wk + self.bk, x_kv @ self.Wv + self.bv
        m = None if mask is None else np.asarray(mask)
        outs, self.head_weights = [], []
        for h in range(self.num_heads):
            cols = slice(h * dh, (h + 1) * dh)
            mh = None if m is None else (m if m.ndim < 4 else m[:, min(h, m.shape[1] - 1)])
            out, w = scaled_dot_product_attention(self.Q[..., cols], self.K[..., cols], self.V[..., cols], mh)
            outs.append(out)
            self.head_weights.append(w)
        self.concat = np.concatenate(outs, axis=-1)
        return self.concat @ self.Wo + self.bo

    def backward(self, dout):
        D = dout.shape[-1]
        dh = D // self.num_heads
        self.dWo = np.einsum("ntd,nte->de", self.concat, dout)
        self.dbo = dout.sum(axis=(0, 1))
        dconcat = dout @ self.Wo.T
        dQ, dK, dV = np.zeros_like(self.Q), np.zeros_like(self.K), np.zeros_like(self.V)
        for h in range(self.num_heads):
            cols = slice(h * dh, (h + 1) * dh)
            w, do = self.head_weights[h], dconcat[..., cols]
            dV[..., cols] = np.swapaxes(w, -1, -2) @ do
            dw = do @ np.swapaxes(self.V[..., cols], -1, -2)
            ds = w * (dw - (dw * w).sum(axis=-1, keepdims=True)) / np.sqrt(dh)
            dQ[..., cols] = ds @ self.K[..., cols]
            dK[..., cols] = np.swapaxes(ds, -1, -2) @ self.Q[..., cols]
        for name, x, g in (("q", self.x_q, dQ), ("k", self.x_kv, dK), ("v", self.x_kv, dV)):
            setattr(self, "dW" + name, np.einsum("ntd,nte->de", x, g))
            setattr(self, "db" + name, g.sum(axis=(0, 1)))
        return dQ @ self.Wq.T, dK @ self.Wk.T + dV @ self.Wv.T
