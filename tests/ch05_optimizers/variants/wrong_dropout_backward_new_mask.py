"""Dropout.backward draws a fresh mask instead of reusing the one forward used."""

FAILS = [
    "ch05_optimizers::Dropout::backward",
    "ch05_optimizers::Dropout::dout_not_modified",
    "ch05_optimizers::Dropout::repeated_use",
]


class Dropout(Dropout):
    def backward(self, dout):
        mask = self.rng.random(dout.shape) >= self.dropout_ratio
        return dout * mask / (1.0 - self.dropout_ratio)
