"""Dropout.backward draws a fresh mask instead of reusing the one forward used."""

FAILS = ["ch05_optimizers::Dropout::backward"]


class Dropout(Dropout):
    def backward(self, dout):
        mask = self.rng.random(dout.shape) >= self.dropout_ratio
        return dout * mask / (1.0 - self.dropout_ratio)
