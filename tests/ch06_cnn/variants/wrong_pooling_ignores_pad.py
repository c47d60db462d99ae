"""Pooling ignores its pad argument (forward and backward work on the unpadded input)."""

FAILS = [
    "ch06_cnn::Pooling::forward_with_pad",
    "ch06_cnn::Pooling::backward_with_pad",
]


class Pooling(Pooling):
    def __init__(self, pool_h, pool_w, stride=1, pad=0):
        super().__init__(pool_h, pool_w, stride, 0)
