"""Backward drops the path through the mean: dx = (dxhat - xhat*mean(dxhat*xhat)) / std."""

FAILS = [
    "ch07_batchnorm::BatchNormalization::backward_dx",
    "ch07_batchnorm::BatchNormalization::backward_dx_4d",
    "ch07_batchnorm::BatchNormalization::backward_dx_other_shapes",
    "ch07_batchnorm::BatchNormalization::inputs_unchanged",
    "ch07_batchnorm::BatchNormalization::backward_repeated",
]


class BatchNormalization(BatchNormalization):
    def backward(self, dout):
        shape = dout.shape
        if dout.ndim == 4:
            dout = dout.transpose(0, 2, 3, 1).reshape(-1, shape[1])
        self.dbeta = dout.sum(axis=0)
        self.dgamma = (dout * self.xn).sum(axis=0)
        dxn = self.gamma * dout
        dx = (dxn - self.xn * (dxn * self.xn).mean(axis=0)) / self.std
        if len(shape) == 4:
            dx = dx.reshape(shape[0], shape[2], shape[3], shape[1]).transpose(0, 3, 1, 2)
        return dx
