"""Sigmoid that caches its input and recomputes sigmoid(x) in backward, with np.tanh for stability
(sigmoid(x) = (1 + tanh(x/2)) / 2); Relu with np.maximum and a mask of x > 0."""

FAILS = []


class Sigmoid:
    def forward(self, x):
        self.x = x.copy()
        return 0.5 * (1.0 + np.tanh(0.5 * x))

    def backward(self, dout):
        s = 0.5 * (1.0 + np.tanh(0.5 * self.x))
        return dout * s * (1.0 - s)


class Relu:
    def forward(self, x):
        self.positive = x > 0
        return np.maximum(x, 0)

    def backward(self, dout):
        return dout * self.positive
