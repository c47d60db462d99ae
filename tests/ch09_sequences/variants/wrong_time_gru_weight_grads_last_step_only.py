"""TimeGRU.backward assigns each step's dWx, dWh, db instead of adding them up: only step 0 is left."""

FAILS = [
    "ch09_sequences::RnnLM::gradient_gru",
    "ch09_sequences::TimeGRU::backward_dWh",
    "ch09_sequences::TimeGRU::backward_dWx",
    "ch09_sequences::TimeGRU::backward_db",
    "ch09_sequences::TimeGRU::backward_other_sizes",
    "ch09_sequences::TimeGRU::last_step_upstream",
    "ch09_sequences::TimeGRU::repeated_calls",
]


class TimeGRU(TimeGRU):
    def backward(self, dhs):
        N, T, H = dhs.shape
        dh = np.zeros((N, H))
        dxs = [None] * T
        for t in reversed(range(T)):
            layer = self.layers[t]
            dxs[t], dh = layer.backward(dhs[:, t, :] + dh)
            self.dWx, self.dWh, self.db = layer.dWx, layer.dWh, layer.db
        self.dh = dh
        return np.stack(dxs, axis=1)
