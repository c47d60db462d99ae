"""SoftmaxWithLoss.forward shifts the scores in place (x -= max): right values, the caller's x changes."""

FAILS = ["ch04_backprop::SoftmaxWithLoss::inputs_not_modified"]

_reference_loss_forward = SoftmaxWithLoss.forward


class SoftmaxWithLoss(SoftmaxWithLoss):
    def forward(self, x, t):
        x -= np.max(x, axis=1, keepdims=True)
        return _reference_loss_forward(self, x, t)
