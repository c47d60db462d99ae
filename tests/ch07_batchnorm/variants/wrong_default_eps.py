"""The default eps is 10e-7 (= 1e-6, as in the book's code) instead of SPEC's 1e-5: invisible on features of
variance about 1, wrong where the variance is about eps."""

FAILS = [
    "ch07_batchnorm::BatchNormalization::default_eps",
    "ch07_batchnorm::BatchNormalization::test_mode_eps",
    "ch07_batchnorm::BatchNormalization::backward_dx_other_shapes",
    "ch07_batchnorm::BatchNormalization::backward_repeated",
    "ch07_batchnorm::BatchNormalization::keeps_param_arrays",
]


class BatchNormalization(BatchNormalization):
    def __init__(self, gamma, beta, momentum=0.9, running_mean=None, running_var=None, eps=10e-7):
        super().__init__(gamma, beta, momentum, running_mean, running_var, eps)
