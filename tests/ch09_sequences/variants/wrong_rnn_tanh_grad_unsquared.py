"""RNN.backward uses 1 - h_next for the derivative of tanh instead of 1 - h_next**2."""

FAILS = [
    "ch09_sequences::RNN::backward_dWh",
    "ch09_sequences::RNN::backward_dWx",
    "ch09_sequences::RNN::backward_db",
    "ch09_sequences::RNN::backward_dh_prev",
    "ch09_sequences::RNN::backward_dx",
    "ch09_sequences::RNN::backward_other_sizes",
    "ch09_sequences::RNN::repeated_calls",
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


class RNN(RNN):
    def backward(self, dh_next):
        x, h_prev, h_next = self.cache
        da = dh_next * (1 - h_next)
        self.dWx, self.dWh, self.db = x.T @ da, h_prev.T @ da, da.sum(axis=0)
        return da @ self.Wx.T, da @ self.Wh.T
