"""Dropout.backward applies the mask but forgets the 1/(1 - ratio) scale of forward."""

FAILS = [
    "ch05_optimizers::Dropout::backward",
    "ch05_optimizers::Dropout::dout_not_modified",
    "ch05_optimizers::Dropout::repeated_use",
]


class Dropout(Dropout):
    def backward(self, dout):
        return dout * self.mask
