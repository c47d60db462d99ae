"""GRU.backward leaves out the path of h_prev through r * h_prev inside the candidate (the drh * r term)."""

FAILS = [
    "ch09_sequences::GRU::backward_dh_prev",
    "ch09_sequences::GRU::backward_other_sizes",
    "ch09_sequences::GRU::repeated_calls",
    "ch09_sequences::RnnLM::gradient_gru",
    "ch09_sequences::TimeGRU::backward_dWh",
    "ch09_sequences::TimeGRU::backward_dWx",
    "ch09_sequences::TimeGRU::backward_db",
    "ch09_sequences::TimeGRU::backward_dh_initial_state",
    "ch09_sequences::TimeGRU::backward_dxs",
    "ch09_sequences::TimeGRU::backward_other_sizes",
    "ch09_sequences::TimeGRU::inputs_unchanged",
    "ch09_sequences::TimeGRU::last_step_upstream",
    "ch09_sequences::TimeGRU::repeated_calls",
]


class GRU(GRU):
    def backward(self, dh_next):
        dx, dh_prev = super().backward(dh_next)
        x, h_prev, z, r, h_tilde = self.cache
        H = self.Wh.shape[0]
        drh = (dh_next * (1 - z) * (1 - h_tilde**2)) @ self.Wh[:, 2 * H :].T
        return dx, dh_prev - drh * r
