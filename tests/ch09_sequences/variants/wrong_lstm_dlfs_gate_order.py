"""LSTM reads its four blocks in the order f, g, i, o (the order of the DLFS book), not i, f, g, o as
keras.layers.LSTM and the SPEC: consistent in forward and backward, but with other weights."""

FAILS = [
    "ch09_sequences::LSTM::backward_dWh",
    "ch09_sequences::LSTM::backward_dWx",
    "ch09_sequences::LSTM::backward_db",
    "ch09_sequences::LSTM::backward_dc_prev",
    "ch09_sequences::LSTM::backward_dh_prev",
    "ch09_sequences::LSTM::backward_dx",
    "ch09_sequences::LSTM::backward_other_sizes",
    "ch09_sequences::LSTM::forward",
    "ch09_sequences::LSTM::repeated_calls",
    "ch09_sequences::LSTM::weights_by_reference",
    "ch09_sequences::RnnLM::defaults",
    "ch09_sequences::RnnLM::forward",
    "ch09_sequences::RnnLM::gradient_lstm",
    "ch09_sequences::RnnLM::predict",
    "ch09_sequences::RnnLM::stateful",
    "ch09_sequences::TimeLSTM::backward_dWh",
    "ch09_sequences::TimeLSTM::backward_dWx",
    "ch09_sequences::TimeLSTM::backward_db",
    "ch09_sequences::TimeLSTM::backward_dh_initial_state",
    "ch09_sequences::TimeLSTM::backward_dxs",
    "ch09_sequences::TimeLSTM::backward_other_sizes",
    "ch09_sequences::TimeLSTM::forward",
    "ch09_sequences::TimeLSTM::inputs_unchanged",
    "ch09_sequences::TimeLSTM::last_step_upstream",
    "ch09_sequences::TimeLSTM::not_stateful_ignores_state",
    "ch09_sequences::TimeLSTM::repeated_calls",
    "ch09_sequences::TimeLSTM::set_state_reset_state",
    "ch09_sequences::TimeLSTM::stateful",
    "ch09_sequences::TimeLSTM::weights_by_reference",
]


class LSTM(LSTM):
    def forward(self, x, h_prev, c_prev):
        H = self.Wh.shape[0]
        a = x @ self.Wx + h_prev @ self.Wh + self.b
        f, g, i, o = sigmoid(a[:, :H]), np.tanh(a[:, H : 2 * H]), sigmoid(a[:, 2 * H : 3 * H]), sigmoid(a[:, 3 * H :])
        c_next = f * c_prev + i * g
        tanh_c = np.tanh(c_next)
        self.cache = (x, h_prev, c_prev, i, f, g, o, tanh_c)
        return o * tanh_c, c_next

    def backward(self, dh_next, dc_next):
        x, h_prev, c_prev, i, f, g, o, tanh_c = self.cache
        ds = dc_next + dh_next * o * (1 - tanh_c**2)
        da = np.hstack((ds * c_prev * f * (1 - f), ds * i * (1 - g**2), ds * g * i * (1 - i), dh_next * tanh_c * o * (1 - o)))
        self.dWx, self.dWh, self.db = x.T @ da, h_prev.T @ da, da.sum(axis=0)
        return da @ self.Wx.T, da @ self.Wh.T, ds * f
