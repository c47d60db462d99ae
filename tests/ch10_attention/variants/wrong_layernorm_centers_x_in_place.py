"""Centers the caller's array in place (x -= mean), which also breaks the residual stream that reuses x."""

FAILS = []


class LayerNorm(LayerNorm):
    def forward(self, x):
        x -= x.mean(axis=-1, keepdims=True)
        self.xc = x
        self.std = np.sqrt((x * x).mean(axis=-1, keepdims=True) + self.eps)
        self.xn = x / self.std
        return self.gamma * self.xn + self.beta
