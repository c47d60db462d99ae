"""Dropout.backward scales the saved mask in place (self.mask = self.mask / (1 - ratio)): the first backward is
right, a second one (another dout, same forward) scales twice."""

FAILS = ["ch05_optimizers::Dropout::repeated_use"]


class Dropout(Dropout):
    def backward(self, dout):
        self.mask = self.mask / (1.0 - self.dropout_ratio)
        return dout * self.mask
