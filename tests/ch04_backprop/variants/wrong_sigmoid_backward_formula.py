"""Sigmoid.backward uses dout * (1 - out), dropping the factor out."""

FAILS = [
    "ch04_backprop::Sigmoid::backward",
    "ch04_backprop::Sigmoid::dout_not_modified",
    "ch04_backprop::Sigmoid::repeated_use",
]


class Sigmoid(Sigmoid):
    def backward(self, dout):
        return dout * (1.0 - self.out)
