"""Tanh.forward as the textbook (exp(x) - exp(-x)) / (exp(x) + exp(-x)): exp(1000) is inf, so the
output is inf / inf = nan at ±1000 (with an overflow warning), and so is backward's 1 - out**2."""

FAILS = [
    "ch04_backprop::Tanh::forward_large_inputs",
    "ch04_backprop::Tanh::no_overflow_warning",
    "ch04_backprop::Tanh::backward_large_inputs",
]


class Tanh(Tanh):
    def forward(self, x):
        self.out = (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x))
        return self.out
