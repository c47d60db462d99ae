"""DLFS's Relu.backward: zeroes the masked entries of `dout` in place and returns it.

The gradient is right, but the caller's `dout` changes, so only the dout check fails.
"""

FAILS = ["ch04_backprop::Relu::dout_not_modified"]


class Relu(Relu):
    def backward(self, dout):
        dout[self.mask] = 0
        return dout
