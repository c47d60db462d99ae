"""DLFS's SoftmaxWithLoss.backward for labels without the copy: dx = self.y; dx[range(N), t] -= 1. The first
backward is right, but it leaves y - t_onehot in self.y, so a second one subtracts t again."""

FAILS = ["ch04_backprop::SoftmaxWithLoss::repeated_use"]


class SoftmaxWithLoss(SoftmaxWithLoss):
    def backward(self, dout=1):
        n = self.y.shape[0]
        dx = self.y
        dx -= self.t
        return dout * dx / n
