"""Pooling.forward reshapes the window maxima, in (n, i, j, c) order, straight to (N, C, OH, OW)
without the transpose: channels and positions get mixed up. Backward (from the saved argmax) is right."""

FAILS = [
    "ch06_cnn::Pooling::forward",
    "ch06_cnn::SimpleConvNet::predict",
    "ch06_cnn::SimpleConvNet::loss",
    "ch06_cnn::SimpleConvNet::gradient",
    "ch06_cnn::Pooling::forward_overlapping",
    "ch06_cnn::Pooling::forward_with_pad",
    "ch06_cnn::SimpleConvNet::gradient_stride_pad",
    "ch06_cnn::Pooling::backward_repeated",
    "ch06_cnn::Pooling::backward_ties",
    "ch06_cnn::Pooling::defaults",
    "ch06_cnn::SimpleConvNet::defaults",
    "ch06_cnn::SimpleConvNet::gradient_one_hot",
]


class Pooling(Pooling):
    def forward(self, x):
        N, C, H, W = x.shape
        out_h = conv_output_size(H, self.pool_h, self.stride, self.pad)
        out_w = conv_output_size(W, self.pool_w, self.stride, self.pad)
        col = im2col(x, self.pool_h, self.pool_w, self.stride, self.pad).reshape(-1, self.pool_h * self.pool_w)
        self.x_shape = x.shape
        self.arg_max = np.argmax(col, axis=1)
        return np.max(col, axis=1).reshape(N, C, out_h, out_w)
