"""Dropout with the default dropout_ratio=0.2 instead of SPEC's 0.5."""

FAILS = ["ch05_optimizers::Dropout::default_ratio"]


class Dropout(Dropout):
    def __init__(self, dropout_ratio=0.2, seed=None):
        super().__init__(dropout_ratio, seed)
