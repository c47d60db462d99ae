"""MulLayer.forward uses np.dot: right for numbers, a matrix product (or an error) for arrays."""

FAILS = ["ch04_backprop::MulLayer::forward", "ch04_backprop::MulLayer::backward"]


class MulLayer(MulLayer):
    def forward(self, x, y):
        self.x, self.y = x, y
        return np.dot(x, y)
