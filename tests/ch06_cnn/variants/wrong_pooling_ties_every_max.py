"""Pooling.backward by a mask `window == window.max()`: where a window has several equal maxima, each of them
receives the window's whole dout, so the gradient is counted once per tie (right when maxima are unique)."""

FAILS = [
    "ch06_cnn::Pooling::backward_ties",
]


class Pooling(Pooling):
    def forward(self, x):
        self.x = x
        return super().forward(x)

    def backward(self, dout):
        N, C, out_h, out_w = dout.shape
        pool_size = self.pool_h * self.pool_w
        col = im2col(self.x, self.pool_h, self.pool_w, self.stride, self.pad).reshape(-1, pool_size)
        mask = col == col.max(axis=1, keepdims=True)
        flat = dout.transpose(0, 2, 3, 1).reshape(-1, 1)
        dcol = (mask * flat).reshape(N * out_h * out_w, C * pool_size)
        return col2im(dcol, self.x_shape, self.pool_h, self.pool_w, self.stride, self.pad)
