"""Builds its convolutions on copies of W1, b1, W2, b2: in-place updates never reach the layer."""

FAILS = [
    "ch10_attention::ResidualBlock::follows_param_updates",
]

_reference_residual_init = ResidualBlock.__init__


class ResidualBlock(ResidualBlock):
    def __init__(self, W1, b1, W2, b2):
        _reference_residual_init(self, W1.copy(), b1.copy(), W2.copy(), b2.copy())
