"""Adds eps outside the square root, (x - mean) / (sqrt(var) + eps): invisible for eps = 1e-5, not for 0.5."""

FAILS = []


class LayerNorm(LayerNorm):
    def forward(self, x):
        self.xc = x - x.mean(axis=-1, keepdims=True)
        self.s = np.sqrt((self.xc**2).mean(axis=-1, keepdims=True))
        self.std = self.s + self.eps
        self.xn = self.xc / self.std
        return self.gamma * self.xn + self.beta

    def backward(self, dout):
        leading = tuple(range(dout.ndim - 1))
        self.dbeta = dout.sum(axis=leading)
        self.dgamma = (dout * self.xn).sum(axis=leading)
        dxn = self.gamma * dout
        dxc = dxn / self.std
        ds = -np.sum(dxn * self.xc, axis=-1, keepdims=True) / self.std**2
        dxc = dxc + self.xc * ds / (dout.shape[-1] * self.s)
        return dxc - dxc.mean(axis=-1, keepdims=True)
