"""Drops the path through the mean in backward: dx = dxhat / std - xhat * mean(dxhat * xhat) / std."""

FAILS = []


class LayerNorm(LayerNorm):
    def backward(self, dout):
        leading = tuple(range(dout.ndim - 1))
        self.dbeta = dout.sum(axis=leading)
        self.dgamma = (dout * self.xn).sum(axis=leading)
        dxn = self.gamma * dout
        return (dxn - self.xn * (dxn * self.xn).mean(axis=-1, keepdims=True)) / self.std
