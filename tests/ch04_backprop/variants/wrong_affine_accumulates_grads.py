"""Affine adds each backward's gradients to dW and db (PyTorch-style accumulation, never reset): one backward
after construction is right, a second one returns the sum of both."""

FAILS = ["ch04_backprop::Affine::repeated_use"]


class Affine(Affine):
    def __init__(self, W, b):
        super().__init__(W, b)
        self.dW = np.zeros_like(W, dtype=float)
        self.db = np.zeros_like(b, dtype=float)

    def backward(self, dout):
        self.dW = self.dW + self.x.T @ dout
        self.db = self.db + np.sum(dout, axis=0)
        return (dout @ self.W.T).reshape(self.original_x_shape)
