"""Tanh that caches a copy of its input: forward as 2 * sigmoid(2x) - 1 through exp(-2|x|), backward
recomputing tanh(x) with np.tanh, dx = dout * (1 - tanh(x)**2)."""

FAILS = []


class Tanh:
    def forward(self, x):
        self.x = np.array(x, dtype=float)
        e = np.exp(-2.0 * np.abs(self.x))
        sig = np.where(self.x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
        return 2.0 * sig - 1.0

    def backward(self, dout):
        th = np.tanh(self.x)
        return dout - dout * th * th
