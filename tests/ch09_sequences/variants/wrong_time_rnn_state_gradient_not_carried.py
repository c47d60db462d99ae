"""TimeRNN.backward gives each step only its own dhs[:, t]: the hidden-state gradient from step t+1 is not carried
back, so every step learns only from its own output."""

FAILS = [
    "ch09_sequences::RnnLM::gradient_rnn",
    "ch09_sequences::TimeRNN::backward_dWh",
    "ch09_sequences::TimeRNN::backward_dWx",
    "ch09_sequences::TimeRNN::backward_db",
    "ch09_sequences::TimeRNN::backward_dh_initial_state",
    "ch09_sequences::TimeRNN::backward_dxs",
    "ch09_sequences::TimeRNN::backward_other_sizes",
    "ch09_sequences::TimeRNN::inputs_unchanged",
    "ch09_sequences::TimeRNN::last_step_upstream",
    "ch09_sequences::TimeRNN::repeated_calls",
]


class TimeRNN(TimeRNN):
    def backward(self, dhs):
        N, T, H = dhs.shape
        dxs = [None] * T
        self.dWx, self.dWh, self.db = np.zeros_like(self.Wx), np.zeros_like(self.Wh), np.zeros_like(self.b)
        for t in reversed(range(T)):
            layer = self.layers[t]
            dxs[t], dh = layer.backward(dhs[:, t, :])
            self.dWx += layer.dWx
            self.dWh += layer.dWh
            self.db += layer.db
        self.dh = dh
        return np.stack(dxs, axis=1)
