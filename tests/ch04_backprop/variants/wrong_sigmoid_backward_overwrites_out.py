"""Sigmoid.backward turns the saved output into the local derivative in place (self.out *= 1 - self.out): the
first backward is right, a second one (another dout, same forward) multiplies by out*(1-out) again."""

FAILS = ["ch04_backprop::Sigmoid::repeated_use"]


class Sigmoid(Sigmoid):
    def backward(self, dout):
        self.out = self.out * (1.0 - self.out)
        return dout * self.out
