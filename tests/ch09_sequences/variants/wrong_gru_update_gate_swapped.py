"""GRU mixes h_next = (1 - z)*h_prev + z*h_tilde (the PyTorch convention), not z*h_prev + (1 - z)*h_tilde as
keras.layers.GRU and the SPEC; consistent in backward."""

FAILS = [
    "ch09_sequences::GRU::backward_dWh",
    "ch09_sequences::GRU::backward_dWx",
    "ch09_sequences::GRU::backward_db",
    "ch09_sequences::GRU::backward_dh_prev",
    "ch09_sequences::GRU::backward_dx",
    "ch09_sequences::GRU::backward_other_sizes",
    "ch09_sequences::GRU::forward",
    "ch09_sequences::GRU::repeated_calls",
    "ch09_sequences::GRU::weights_by_reference",
    "ch09_sequences::RnnLM::gradient_gru",
    "ch09_sequences::TimeGRU::backward_dWh",
    "ch09_sequences::TimeGRU::backward_dWx",
    "ch09_sequences::TimeGRU::backward_db",
    "ch09_sequences::TimeGRU::backward_dh_initial_state",
    "ch09_sequences::TimeGRU::backward_dxs",
    "ch09_sequences::TimeGRU::backward_other_sizes",
    "ch09_sequences::TimeGRU::forward",
    "ch09_sequences::TimeGRU::inputs_unchanged",
    "ch09_sequences::TimeGRU::last_step_upstream",
    "ch09_sequences::TimeGRU::not_stateful_ignores_state",
    "ch09_sequences::TimeGRU::repeated_calls",
    "ch09_sequences::TimeGRU::set_state_reset_state",
    "ch09_sequences::TimeGRU::stateful",
    "ch09_sequences::TimeGRU::weights_by_reference",
]


class GRU(GRU):
    def forward(self, x, h_prev):
        h = super().forward(x, h_prev)
        x, h_prev, z, r, h_tilde = self.cache
        self.cache = (x, h_prev, 1 - z, r, h_tilde)
        return z * h_tilde + (1 - z) * h_prev

    def backward(self, dh_next):
        x, h_prev, z1, r, h_tilde = self.cache
        H = self.Wh.shape[0]
        z = 1 - z1
        Whz, Whr, Whh = self.Wh[:, :H], self.Wh[:, H : 2 * H], self.Wh[:, 2 * H :]
        dah = dh_next * z * (1 - h_tilde**2)
        drh = dah @ Whh.T
        daz = dh_next * (h_tilde - h_prev) * z * (1 - z)
        dar = drh * h_prev * r * (1 - r)
        dh_prev = dh_next * (1 - z) + drh * r + daz @ Whz.T + dar @ Whr.T
        da = np.hstack((daz, dar, dah))
        self.dWx = x.T @ da
        self.dWh = np.hstack((h_prev.T @ daz, h_prev.T @ dar, (r * h_prev).T @ dah))
        self.db = da.sum(axis=0)
        return da @ self.Wx.T, dh_prev
