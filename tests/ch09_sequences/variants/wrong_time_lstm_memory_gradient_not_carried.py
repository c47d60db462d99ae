"""TimeLSTM.backward carries dh back but restarts the memory gradient dc at zero at every step."""

FAILS = [
    "ch09_sequences::RnnLM::gradient_lstm",
    "ch09_sequences::TimeLSTM::backward_dWh",
    "ch09_sequences::TimeLSTM::backward_dWx",
    "ch09_sequences::TimeLSTM::backward_db",
    "ch09_sequences::TimeLSTM::backward_dh_initial_state",
    "ch09_sequences::TimeLSTM::backward_dxs",
    "ch09_sequences::TimeLSTM::backward_other_sizes",
    "ch09_sequences::TimeLSTM::inputs_unchanged",
    "ch09_sequences::TimeLSTM::last_step_upstream",
    "ch09_sequences::TimeLSTM::repeated_calls",
]


class TimeLSTM(TimeLSTM):
    def backward(self, dhs):
        N, T, H = dhs.shape
        dh = np.zeros((N, H))
        dxs = [None] * T
        self.dWx, self.dWh, self.db = np.zeros_like(self.Wx), np.zeros_like(self.Wh), np.zeros_like(self.b)
        for t in reversed(range(T)):
            layer = self.layers[t]
            dxs[t], dh, dc = layer.backward(dhs[:, t, :] + dh, np.zeros((N, H)))
            self.dWx += layer.dWx
            self.dWh += layer.dWh
            self.db += layer.db
        self.dh, self.dc = dh, dc
        return np.stack(dxs, axis=1)
