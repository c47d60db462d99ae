"""Tanh.backward keeps 1 - out**2 in self.out: the first backward is right, a second one (another dout, same
forward) is computed from 1 - (1 - out**2)**2."""

FAILS = ["ch04_backprop::Tanh::repeated_use"]


class Tanh(Tanh):
    def backward(self, dout):
        self.out = 1.0 - self.out**2
        return dout * self.out
