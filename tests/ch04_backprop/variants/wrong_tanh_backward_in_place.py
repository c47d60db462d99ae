"""Tanh.backward multiplies dout in place (dout *= 1 - out**2) and returns it: right values, but the
caller's gradient is changed."""

FAILS = ["ch04_backprop::Tanh::dout_not_modified"]


class Tanh(Tanh):
    def backward(self, dout):
        dout *= 1.0 - self.out**2
        return dout
