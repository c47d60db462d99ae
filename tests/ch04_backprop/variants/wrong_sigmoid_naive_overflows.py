"""The book's Sigmoid, 1 / (1 + exp(-x)): right values, but exp overflows (a RuntimeWarning) at x = -1000."""

FAILS = ["ch04_backprop::Sigmoid::no_overflow_warning"]


class Sigmoid(Sigmoid):
    def forward(self, x):
        self.out = 1 / (1 + np.exp(-x))
        return self.out
