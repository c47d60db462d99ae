"""Backward forgets the factor gamma on the way to dx (dxhat = dout): right only when gamma == 1."""

FAILS = [
    "ch07_batchnorm::BatchNormalization::backward_dx",
    "ch07_batchnorm::BatchNormalization::backward_dx_4d",
    "ch07_batchnorm::BatchNormalization::backward_dx_other_shapes",
    "ch07_batchnorm::BatchNormalization::inputs_unchanged",
    "ch07_batchnorm::BatchNormalization::backward_repeated",
]


class BatchNormalization(BatchNormalization):
    def backward(self, dout):
        gamma = self.gamma
        self.gamma = np.ones_like(gamma)
        try:
            dx = super().backward(dout)
        finally:
            self.gamma = gamma
        return dx
