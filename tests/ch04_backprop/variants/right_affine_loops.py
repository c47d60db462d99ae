"""Affine with explicit loops over samples and entries, float32 arithmetic, and a copy of x kept."""

FAILS = []


class Affine:
    def __init__(self, W, b):
        self.W, self.b = W, b
        self.dW = self.db = None

    def forward(self, x):
        self.shape = x.shape
        self.x = np.array(x, dtype=np.float32).reshape(len(x), -1)
        n, (d, m) = len(self.x), self.W.shape
        out = np.zeros((n, m), dtype=np.float32)
        for i in range(n):
            for j in range(m):
                total = np.float32(self.b[j])
                for k in range(d):
                    total += self.x[i, k] * np.float32(self.W[k, j])
                out[i, j] = total
        return out

    def backward(self, dout):
        n, (d, m) = len(self.x), self.W.shape
        dx = np.zeros((n, d))
        self.dW = np.zeros((d, m))
        self.db = np.zeros(m)
        for i in range(n):
            for j in range(m):
                self.db[j] += dout[i, j]
                for k in range(d):
                    dx[i, k] += dout[i, j] * self.W[k, j]
                    self.dW[k, j] += self.x[i, k] * dout[i, j]
        return dx.reshape(self.shape)
