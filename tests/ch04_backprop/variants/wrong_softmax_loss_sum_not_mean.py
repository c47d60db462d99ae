"""SoftmaxWithLoss.forward sums the cross-entropy over the batch instead of averaging it."""

FAILS = [
    "ch04_backprop::SoftmaxWithLoss::forward",
    "ch04_backprop::SoftmaxWithLoss::forward_onehot",
    "ch04_backprop::SoftmaxWithLoss::forward_large_logits",
    "ch04_backprop::TwoLayerNet::loss",
    "ch04_backprop::TwoLayerNet::numerical_gradient",
    "ch04_backprop::SoftmaxWithLoss::inputs_not_modified",
    "ch04_backprop::SoftmaxWithLoss::onehot_int_targets",
]

_reference_loss_forward = SoftmaxWithLoss.forward


class SoftmaxWithLoss(SoftmaxWithLoss):
    def forward(self, x, t):
        self.loss = _reference_loss_forward(self, x, t) * x.shape[0]
        return self.loss
