"""Sigmoid.forward computes 1 / (1 + exp(x)), i.e. sigmoid(-x).

Its backward out * (1 - out) is symmetric in x, so the backward check still passes.
"""

FAILS = [
    "ch04_backprop::Sigmoid::forward",
    "ch04_backprop::Sigmoid::forward_large_inputs",
    "ch04_backprop::Sigmoid::no_overflow_warning",
]


class Sigmoid(Sigmoid):
    def forward(self, x):
        with np.errstate(over="ignore"):
            self.out = 1 / (1 + np.exp(x))
        return self.out
