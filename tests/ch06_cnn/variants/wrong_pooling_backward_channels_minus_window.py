"""Pooling.backward reshapes the window gradients to (rows, C - pool_size) instead of (rows, C * pool_size) (the
mutant `*` -> `-`). numpy reads a negative size as "infer", so it is right whenever C < pool_h*pool_w; with
C >= pool_h*pool_w (4 channels and 2x2 windows, 1x1 windows) the reshape fails."""

FAILS = [
    "ch06_cnn::Pooling::backward_many_channels",
]


class Pooling(Pooling):
    def backward(self, dout):
        N, C, out_h, out_w = dout.shape
        pool_size = self.pool_h * self.pool_w
        flat = dout.transpose(0, 2, 3, 1).reshape(-1)
        dwindows = np.zeros((flat.size, pool_size), dtype=dout.dtype)
        dwindows[np.arange(flat.size), self.arg_max] = flat
        dcol = dwindows.reshape(N * out_h * out_w, C - pool_size)
        return col2im(dcol, self.x_shape, self.pool_h, self.pool_w, self.stride, self.pad)
