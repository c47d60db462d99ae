"""GRU.backward computes the candidate block of dWh from h_prev, forgetting that Whh multiplies r * h_prev."""

FAILS = [
    "ch09_sequences::GRU::backward_dWh",
    "ch09_sequences::GRU::backward_other_sizes",
    "ch09_sequences::GRU::repeated_calls",
    "ch09_sequences::RnnLM::gradient_gru",
    "ch09_sequences::TimeGRU::backward_dWh",
    "ch09_sequences::TimeGRU::backward_other_sizes",
    "ch09_sequences::TimeGRU::last_step_upstream",
    "ch09_sequences::TimeGRU::repeated_calls",
]


class GRU(GRU):
    def backward(self, dh_next):
        dx, dh_prev = super().backward(dh_next)
        x, h_prev, z, r, h_tilde = self.cache
        H = self.Wh.shape[0]
        dah = dh_next * (1 - z) * (1 - h_tilde**2)
        self.dWh[:, 2 * H :] = h_prev.T @ dah
        return dx, dh_prev
