"""Tanh.forward splits on the sign of x with np.where, which evaluates both branches: right values,
but the branch thrown away computes exp(2000) and warns."""

FAILS = ["ch04_backprop::Tanh::no_overflow_warning"]


class Tanh(Tanh):
    def forward(self, x):
        e_neg, e_pos = np.exp(-2 * x), np.exp(2 * x)
        self.out = np.where(x >= 0, (1 - e_neg) / (1 + e_neg), (e_pos - 1) / (e_pos + 1))
        return self.out
