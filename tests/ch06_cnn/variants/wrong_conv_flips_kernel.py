"""Convolution.forward flips the filters (a true convolution, as in signal processing) while the
contract is the cross-correlation every DL library computes; backward is the unflipped one."""

FAILS = [
    "ch06_cnn::Convolution::forward",
    "ch06_cnn::SimpleConvNet::predict",
    "ch06_cnn::SimpleConvNet::loss",
    "ch06_cnn::SimpleConvNet::gradient",
    "ch06_cnn::Convolution::forward_configs",
    "ch06_cnn::SimpleConvNet::gradient_stride_pad",
    "ch06_cnn::Convolution::backward_repeated",
    "ch06_cnn::Convolution::defaults",
    "ch06_cnn::Convolution::keeps_param_arrays",
    "ch06_cnn::SimpleConvNet::defaults",
    "ch06_cnn::SimpleConvNet::gradient_one_hot",
]


class Convolution(Convolution):
    def forward(self, x):
        FN, C, FH, FW = self.W.shape
        N, _, H, W = x.shape
        out_h = conv_output_size(H, FH, self.stride, self.pad)
        out_w = conv_output_size(W, FW, self.stride, self.pad)
        self.x_shape = x.shape
        self.col = im2col(x, FH, FW, self.stride, self.pad)
        self.col_W = self.W.reshape(FN, -1).T
        flipped = self.W[:, :, ::-1, ::-1].reshape(FN, -1).T
        out = self.col @ flipped + self.b
        return out.reshape(N, out_h, out_w, FN).transpose(0, 3, 1, 2)
