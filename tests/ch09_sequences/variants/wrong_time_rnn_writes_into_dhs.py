"""TimeRNN.backward adds the carried gradient with dh_t = dhs[:, t]; dh_t += dh: dh_t is a view, so the
caller's dhs is changed (every value it returns is right)."""

FAILS = [
    "ch09_sequences::TimeRNN::inputs_unchanged",
]


class TimeRNN(TimeRNN):
    def backward(self, dhs):
        N, T, H = dhs.shape
        dh = np.zeros((N, H))
        dxs = [None] * T
        self.dWx, self.dWh, self.db = np.zeros_like(self.Wx), np.zeros_like(self.Wh), np.zeros_like(self.b)
        for t in reversed(range(T)):
            layer = self.layers[t]
            dh_t = dhs[:, t, :]
            dh_t += dh
            dxs[t], dh = layer.backward(dh_t)
            self.dWx += layer.dWx
            self.dWh += layer.dWh
            self.db += layer.db
        self.dh = dh
        return np.stack(dxs, axis=1)
