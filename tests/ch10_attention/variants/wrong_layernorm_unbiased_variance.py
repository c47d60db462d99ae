"""Uses the unbiased variance (ddof=1, divide by D - 1) instead of the biased one."""

FAILS = []


class LayerNorm(LayerNorm):
    def forward(self, x):
        self.xc = x - x.mean(axis=-1, keepdims=True)
        self.std = np.sqrt(x.var(axis=-1, ddof=1, keepdims=True) + self.eps)
        self.xn = self.xc / self.std
        return self.gamma * self.xn + self.beta
