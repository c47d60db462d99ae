"""DLFS's SoftmaxWithLoss.backward(dout=1): returns (y - t) / N whatever dout is."""

FAILS = [
    "ch04_backprop::SoftmaxWithLoss::backward_uses_dout",
    "ch04_backprop::SoftmaxWithLoss::onehot_int_targets",
    "ch04_backprop::SoftmaxWithLoss::repeated_use",
]


class SoftmaxWithLoss(SoftmaxWithLoss):
    def backward(self, dout=1):
        return (self.y - self.t) / self.y.shape[0]
