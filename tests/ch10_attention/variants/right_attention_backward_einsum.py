"""The attention backward written with np.einsum over explicit indices (batch and head axes flattened)."""

FAILS = []


class Attention(Attention):
    def backward(self, dout):
        lead = self.q.shape[:-2]
        q, k, v = (a.reshape((-1,) + a.shape[-2:]) for a in (self.q, self.k, self.v))
        w = self.weights.reshape((-1,) + self.weights.shape[-2:])
        do = dout.reshape((-1,) + dout.shape[-2:])
        dv = np.einsum("bts,btj->bsj", w, do)
        dw = np.einsum("btj,bsj->bts", do, v)
        ds = w * (dw - np.einsum("bts,bts->bt", dw, w)[..., None]) / np.sqrt(q.shape[-1])
        dq = np.einsum("bts,bsi->bti", ds, k)
        dk = np.einsum("bts,bti->bsi", ds, q)
        return dq.reshape(lead + dq.shape[-2:]), dk.reshape(lead + dk.shape[-2:]), dv.reshape(lead + dv.shape[-2:])
