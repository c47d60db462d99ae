"""TimeLSTM zeroes dWx, dWh, db in forward and adds every backward's sums to them: right for one backward per forward,
doubled by a second backward."""

FAILS = [
    "ch09_sequences::TimeLSTM::repeated_calls",
]


class TimeLSTM(TimeLSTM):
    def forward(self, xs):
        self._sums = [np.zeros_like(self.Wx), np.zeros_like(self.Wh), np.zeros_like(self.b)]
        return super().forward(xs)

    def backward(self, dhs):
        dxs = super().backward(dhs)
        for total, g in zip(self._sums, (self.dWx, self.dWh, self.db)):
            total += g
        self.dWx, self.dWh, self.db = self._sums
        return dxs
