"""dgamma sums dout times the centred input x - mean instead of the normalized xhat."""

FAILS = [
    "ch07_batchnorm::BatchNormalization::backward_dgamma",
    "ch07_batchnorm::BatchNormalization::backward_dgamma_4d",
    "ch07_batchnorm::BatchNormalization::backward_repeated",
]


class BatchNormalization(BatchNormalization):
    def backward(self, dout):
        dx = super().backward(dout)
        rows = dout.transpose(0, 2, 3, 1).reshape(-1, dout.shape[1]) if dout.ndim == 4 else dout
        self.dgamma = np.sum(rows * self.xc, axis=0)
        return dx
