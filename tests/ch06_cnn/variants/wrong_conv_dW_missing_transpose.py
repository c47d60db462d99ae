"""Convolution.backward reshapes col.T @ dout_col, of shape (C*FH*FW, FN), straight to (FN, C, FH, FW),
without transposing it first: dW has the right shape and scrambled values."""

FAILS = [
    "ch06_cnn::Convolution::backward_dW",
    "ch06_cnn::SimpleConvNet::gradient",
    "ch06_cnn::Convolution::backward_dW_configs",
    "ch06_cnn::Convolution::backward_larger_sampled",
    "ch06_cnn::SimpleConvNet::gradient_stride_pad",
    "ch06_cnn::Convolution::backward_repeated",
    "ch06_cnn::SimpleConvNet::gradient_one_hot",
]


class Convolution(Convolution):
    def backward(self, dout):
        FN, C, FH, FW = self.W.shape
        dout_col = dout.transpose(0, 2, 3, 1).reshape(-1, FN)
        self.db = np.sum(dout_col, axis=0)
        self.dW = (self.col.T @ dout_col).reshape(FN, C, FH, FW)
        return col2im(dout_col @ self.col_W.T, self.x_shape, FH, FW, self.stride, self.pad)
