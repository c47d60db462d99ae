"""dbeta averages dout over the batch instead of summing it."""

FAILS = [
    "ch07_batchnorm::BatchNormalization::backward_dbeta",
    "ch07_batchnorm::BatchNormalization::backward_dbeta_4d",
    "ch07_batchnorm::BatchNormalization::backward_repeated",
]


class BatchNormalization(BatchNormalization):
    def backward(self, dout):
        dx = super().backward(dout)
        rows = dout.transpose(0, 2, 3, 1).reshape(-1, dout.shape[1]) if dout.ndim == 4 else dout
        self.dbeta = rows.mean(axis=0)
        return dx
