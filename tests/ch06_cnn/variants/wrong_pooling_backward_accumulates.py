"""Pooling.backward adds each call's gradients into a buffer that forward allocated (+=, never cleared): right
for one backward, the sum of both for a second backward of the same forward."""

FAILS = [
    "ch06_cnn::Pooling::backward_repeated",
]


class Pooling(Pooling):
    def forward(self, x):
        out = super().forward(x)
        self.buffer = np.zeros((self.arg_max.size, self.pool_h * self.pool_w))
        return out

    def backward(self, dout):
        N, C, out_h, out_w = dout.shape
        flat = dout.transpose(0, 2, 3, 1).reshape(-1)
        self.buffer[np.arange(flat.size), self.arg_max] += flat
        dcol = self.buffer.reshape(N * out_h * out_w, -1)
        return col2im(dcol, self.x_shape, self.pool_h, self.pool_w, self.stride, self.pad)
