"""The 1-D softmax applied to a batch: shifts by the global max, so rows far below it give 0/0."""

FAILS = [
    "ch04_backprop::SoftmaxWithLoss::forward_large_logits",
    "ch04_backprop::SoftmaxWithLoss::backward_large_logits",
]


class SoftmaxWithLoss(SoftmaxWithLoss):
    def forward(self, x, t):
        e = np.exp(x - np.max(x))
        self.y = e / np.sum(e, axis=1, keepdims=True)
        self.t = t if t.shape == x.shape else np.eye(x.shape[1])[t]
        self.loss = cross_entropy_error(self.y, t)
        return self.loss
