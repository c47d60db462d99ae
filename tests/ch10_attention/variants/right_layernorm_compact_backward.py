"""LayerNorm's backward in its compact form, dx = (dxhat - mean(dxhat) - xhat * mean(dxhat * xhat)) / std,
with the statistics from np.var; gradients of gamma and beta summed over a reshape to rows."""

FAILS = []


class LayerNorm(LayerNorm):
    def forward(self, x):
        self.std = np.sqrt(np.var(x, axis=-1, keepdims=True) + self.eps)
        self.xn = (x - np.mean(x, axis=-1, keepdims=True)) / self.std
        return self.gamma * self.xn + self.beta

    def backward(self, dout):
        D = dout.shape[-1]
        self.dbeta = dout.reshape(-1, D).sum(axis=0)
        self.dgamma = (dout * self.xn).reshape(-1, D).sum(axis=0)
        dxn = self.gamma * dout
        return (dxn - dxn.mean(axis=-1, keepdims=True) - self.xn * (dxn * self.xn).mean(axis=-1, keepdims=True)) / self.std
