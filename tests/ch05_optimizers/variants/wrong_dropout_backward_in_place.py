"""Dropout.backward multiplies dout in place and returns it: the right dx, the caller's dout overwritten."""

FAILS = ["ch05_optimizers::Dropout::dout_not_modified"]


class Dropout(Dropout):
    def backward(self, dout):
        dout *= self.mask
        dout /= 1.0 - self.dropout_ratio
        return dout
