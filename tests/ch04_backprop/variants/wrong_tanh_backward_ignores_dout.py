"""Tanh.backward returns the local derivative 1 - out**2 and forgets to multiply by dout."""

FAILS = [
    "ch04_backprop::Tanh::backward",
    "ch04_backprop::Tanh::backward_large_inputs",
    "ch04_backprop::Tanh::dout_not_modified",
    "ch04_backprop::Tanh::repeated_use",
]


class Tanh(Tanh):
    def backward(self, dout):
        return 1.0 - self.out**2
