"""Sigmoid.forward as exp(x) / (1 + exp(x)): inf / inf = nan for large positive x."""

FAILS = ["ch04_backprop::Sigmoid::forward_large_inputs", "ch04_backprop::Sigmoid::no_overflow_warning"]


class Sigmoid(Sigmoid):
    def forward(self, x):
        e = np.exp(x)
        self.out = e / (1 + e)
        return self.out
