"""Convolution.backward reshapes dout (N, FN, OH, OW) to (-1, FN) without the transpose(0, 2, 3, 1):
the rows no longer match im2col's (n, i, j) rows, so dx, dW and db are all wrong."""

FAILS = [
    "ch06_cnn::Convolution::backward_dx",
    "ch06_cnn::Convolution::backward_dW",
    "ch06_cnn::Convolution::backward_db",
    "ch06_cnn::SimpleConvNet::gradient",
    "ch06_cnn::Convolution::backward_dx_configs",
    "ch06_cnn::Convolution::backward_dW_configs",
    "ch06_cnn::Convolution::backward_db_configs",
    "ch06_cnn::Convolution::backward_larger_sampled",
    "ch06_cnn::SimpleConvNet::gradient_stride_pad",
    "ch06_cnn::Convolution::backward_repeated",
    "ch06_cnn::Convolution::defaults",
    "ch06_cnn::SimpleConvNet::gradient_one_hot",
]


class Convolution(Convolution):
    def backward(self, dout):
        FN, C, FH, FW = self.W.shape
        dout_col = dout.reshape(-1, FN)
        self.db = np.sum(dout_col, axis=0)
        self.dW = (self.col.T @ dout_col).T.reshape(FN, C, FH, FW)
        return col2im(dout_col @ self.col_W.T, self.x_shape, FH, FW, self.stride, self.pad)
