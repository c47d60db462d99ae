"""Uses only the diagonal of the softmax Jacobian, dS = W * dW, dropping the - W * sum(dW * W) term."""

FAILS = []


class Attention(Attention):
    def backward(self, dout):
        w = self.weights
        scale = 1.0 / np.sqrt(self.q.shape[-1])
        dv = np.swapaxes(w, -1, -2) @ dout
        ds = w * (dout @ np.swapaxes(self.v, -1, -2)) * scale
        return ds @ self.k, np.swapaxes(ds, -1, -2) @ self.q, dv
