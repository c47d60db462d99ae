"""LSTM.backward stacks the block gradients as i, f, o, g while forward uses i, f, g, o."""

FAILS = [
    "ch09_sequences::LSTM::backward_dWh",
    "ch09_sequences::LSTM::backward_dWx",
    "ch09_sequences::LSTM::backward_db",
    "ch09_sequences::LSTM::backward_dh_prev",
    "ch09_sequences::LSTM::backward_dx",
    "ch09_sequences::LSTM::backward_other_sizes",
    "ch09_sequences::LSTM::repeated_calls",
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


class LSTM(LSTM):
    def backward(self, dh_next, dc_next):
        x, h_prev, c_prev, i, f, g, o, tanh_c = self.cache
        ds = dc_next + dh_next * o * (1 - tanh_c**2)
        di, df, dg, do = ds * g * i * (1 - i), ds * c_prev * f * (1 - f), ds * i * (1 - g**2), dh_next * tanh_c * o * (1 - o)
        da = np.hstack((di, df, do, dg))
        self.dWx, self.dWh, self.db = x.T @ da, h_prev.T @ da, da.sum(axis=0)
        return da @ self.Wx.T, da @ self.Wh.T, ds * f
