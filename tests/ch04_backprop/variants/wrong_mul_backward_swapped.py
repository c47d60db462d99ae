"""MulLayer.backward multiplies dout by the input itself instead of by the other input."""

FAILS = ["ch04_backprop::MulLayer::backward", "ch04_backprop::MulLayer::backward_scalars"]


class MulLayer(MulLayer):
    def backward(self, dout):
        return dout * self.x, dout * self.y
