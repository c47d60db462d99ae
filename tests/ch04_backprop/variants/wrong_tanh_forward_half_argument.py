"""Tanh.forward as 2 * sigmoid(x) - 1 (stable), which is tanh(x / 2): the factor 2 inside is missing,
so the output and, through it, backward are wrong."""

FAILS = [
    "ch04_backprop::Tanh::forward",
    "ch04_backprop::Tanh::backward",
    "ch04_backprop::Tanh::forward_large_inputs",
    "ch04_backprop::Tanh::no_overflow_warning",
    "ch04_backprop::Tanh::backward_large_inputs",
    "ch04_backprop::Tanh::dout_not_modified",
    "ch04_backprop::Tanh::repeated_use",
]


class Tanh(Tanh):
    def forward(self, x):
        e = np.exp(-np.abs(x))
        self.out = 2 * np.where(x >= 0, 1 / (1 + e), e / (1 + e)) - 1
        return self.out
