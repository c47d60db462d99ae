"""Forgets the 1/sqrt(d) of the scores in backward: dq and dk are sqrt(d) times too large."""

FAILS = []


class Attention(Attention):
    def backward(self, dout):
        w = self.weights
        dv = np.swapaxes(w, -1, -2) @ dout
        dw = dout @ np.swapaxes(self.v, -1, -2)
        ds = w * (dw - np.sum(dw * w, axis=-1, keepdims=True))
        return ds @ self.k, np.swapaxes(ds, -1, -2) @ self.q, dv
