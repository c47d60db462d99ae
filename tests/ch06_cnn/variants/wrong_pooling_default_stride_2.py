"""Pooling(pool_h, pool_w) defaults to stride=2, as the book's code does, instead of SPEC's stride=1."""

FAILS = [
    "ch06_cnn::Pooling::defaults",
]


class Pooling(Pooling):
    def __init__(self, pool_h, pool_w, stride=2, pad=0):
        super().__init__(pool_h, pool_w, stride, pad)
