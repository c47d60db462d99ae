"""Tanh.backward from the input, dx = dout / cosh(x)**2: right values (1/inf = 0), but cosh(1000)
overflows with a warning. Backward from the output, 1 - out**2, never does."""

FAILS = ["ch04_backprop::Tanh::backward_large_inputs"]


class Tanh(Tanh):
    def forward(self, x):
        self.x = x.copy()
        return super().forward(x)

    def backward(self, dout):
        return dout / np.cosh(self.x) ** 2
