"""SoftmaxWithLoss assumes integer labels: one-hot targets index y with floats and raise."""

FAILS = [
    "ch04_backprop::SoftmaxWithLoss::forward_onehot",
    "ch04_backprop::SoftmaxWithLoss::backward_onehot",
    "ch04_backprop::SoftmaxWithLoss::backward_uses_dout",
    "ch04_backprop::SoftmaxWithLoss::inputs_not_modified",
    "ch04_backprop::TwoLayerNet::gradient_onehot",
    "ch04_backprop::SoftmaxWithLoss::onehot_int_targets",
]


class SoftmaxWithLoss(SoftmaxWithLoss):
    def forward(self, x, t):
        n = x.shape[0]
        self.y = softmax(x)
        self.labels = t
        self.loss = float(-np.mean(np.log(self.y[np.arange(n), t])))
        return self.loss

    def backward(self, dout=1):
        n = self.y.shape[0]
        dx = self.y.copy()
        dx[np.arange(n), self.labels] -= 1
        return dout * dx / n
