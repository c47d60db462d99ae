"""Relu.forward zeroes the negative entries of `x` in place and returns `x` itself."""

FAILS = ["ch04_backprop::Relu::input_not_modified"]


class Relu(Relu):
    def forward(self, x):
        self.mask = x <= 0
        x[self.mask] = 0
        return x
