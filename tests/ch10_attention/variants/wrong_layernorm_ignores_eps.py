"""Hard-codes eps = 1e-5 in forward instead of using self.eps: right by default, wrong for any other eps."""

FAILS = [
    "ch10_attention::LayerNorm::honors_eps",
]


class LayerNorm(LayerNorm):
    def forward(self, x):
        self.xc = x - x.mean(axis=-1, keepdims=True)
        self.std = np.sqrt((self.xc**2).mean(axis=-1, keepdims=True) + 1e-5)
        self.xn = self.xc / self.std
        return self.gamma * self.xn + self.beta
