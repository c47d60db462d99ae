"""Batch normalization in disguise: normalizes each feature over the batch (axis 0) instead of each position
over its features (the last axis)."""

FAILS = []


class LayerNorm(LayerNorm):
    def forward(self, x):
        self.xc = x - x.mean(axis=0)
        self.std = np.sqrt((self.xc**2).mean(axis=0) + self.eps)
        self.xn = self.xc / self.std
        return self.gamma * self.xn + self.beta

    def backward(self, dout):
        leading = tuple(range(dout.ndim - 1))
        self.dbeta = dout.sum(axis=leading)
        self.dgamma = (dout * self.xn).sum(axis=leading)
        dxn = self.gamma * dout
        return (dxn - dxn.mean(axis=0) - self.xn * (dxn * self.xn).mean(axis=0)) / self.std
