"""GRU applies the reset gate after the recurrent product, r * (h_prev @ Whh) (Keras reset_after=True), not
(r * h_prev) @ Whh."""

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
        H = self.Wh.shape[0]
        ax = x @ self.Wx + self.b
        z = sigmoid(ax[:, :H] + h_prev @ self.Wh[:, :H])
        r = sigmoid(ax[:, H : 2 * H] + h_prev @ self.Wh[:, H : 2 * H])
        h_tilde = np.tanh(ax[:, 2 * H :] + r * (h_prev @ self.Wh[:, 2 * H :]))
        self.cache = (x, h_prev, z, r, h_tilde)
        return z * h_prev + (1 - z) * h_tilde
