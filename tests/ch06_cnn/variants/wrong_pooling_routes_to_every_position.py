"""Pooling.backward gives each window's dout to every position of the window, not only to its maximum."""

FAILS = [
    "ch06_cnn::Pooling::backward_dx",
    "ch06_cnn::SimpleConvNet::gradient",
    "ch06_cnn::Pooling::backward_overlapping",
    "ch06_cnn::Pooling::backward_with_pad",
    "ch06_cnn::SimpleConvNet::gradient_stride_pad",
    "ch06_cnn::Pooling::backward_many_channels",
    "ch06_cnn::Pooling::backward_repeated",
    "ch06_cnn::Pooling::backward_ties",
    "ch06_cnn::Pooling::defaults",
    "ch06_cnn::SimpleConvNet::gradient_one_hot",
]


class Pooling(Pooling):
    def backward(self, dout):
        N, C, out_h, out_w = dout.shape
        pool_size = self.pool_h * self.pool_w
        flat = dout.transpose(0, 2, 3, 1).reshape(-1)
        dwindows = np.repeat(flat[:, None], pool_size, axis=1)
        dcol = dwindows.reshape(N * out_h * out_w, C * pool_size)
        return col2im(dcol, self.x_shape, self.pool_h, self.pool_w, self.stride, self.pad)
