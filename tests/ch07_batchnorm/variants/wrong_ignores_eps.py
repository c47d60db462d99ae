"""Hard-codes eps = 10e-7 (that is 1e-6, as DLFS writes it) instead of using self.eps."""

FAILS = [
    "ch07_batchnorm::BatchNormalization::backward_dx_other_shapes",
    "ch07_batchnorm::BatchNormalization::honors_eps",
    "ch07_batchnorm::BatchNormalization::backward_repeated",
    "ch07_batchnorm::BatchNormalization::default_eps",
    "ch07_batchnorm::BatchNormalization::keeps_param_arrays",
    "ch07_batchnorm::BatchNormalization::test_mode_eps",
]


class BatchNormalization(BatchNormalization):
    def __init__(self, gamma, beta, momentum=0.9, running_mean=None, running_var=None, eps=1e-5):
        super().__init__(gamma, beta, momentum, running_mean, running_var, eps)
        self.eps = 10e-7
