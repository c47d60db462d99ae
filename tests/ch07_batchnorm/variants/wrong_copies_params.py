"""BatchNormalization stores copies of gamma and beta: an optimizer's in-place update never reaches the layer."""

FAILS = [
    "ch07_batchnorm::BatchNormalization::keeps_param_arrays",
]


class BatchNormalization(BatchNormalization):
    def __init__(self, gamma, beta, momentum=0.9, running_mean=None, running_var=None, eps=1e-5):
        super().__init__(np.array(gamma, dtype=float), np.array(beta, dtype=float), momentum, running_mean,
                         running_var, eps)
