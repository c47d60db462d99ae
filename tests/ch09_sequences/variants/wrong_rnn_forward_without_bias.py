"""RNN.forward leaves out the bias: h_next = tanh(x @ Wx + h_prev @ Wh)."""

FAILS = [
    "ch09_sequences::RNN::backward_dWh",
    "ch09_sequences::RNN::backward_dWx",
    "ch09_sequences::RNN::backward_db",
    "ch09_sequences::RNN::backward_dh_prev",
    "ch09_sequences::RNN::backward_dx",
    "ch09_sequences::RNN::backward_other_sizes",
    "ch09_sequences::RNN::forward",
    "ch09_sequences::RNN::repeated_calls",
    "ch09_sequences::RNN::weights_by_reference",
    "ch09_sequences::RnnLM::gradient_rnn",
    "ch09_sequences::TimeRNN::backward_dWh",
    "ch09_sequences::TimeRNN::backward_dWx",
    "ch09_sequences::TimeRNN::backward_db",
    "ch09_sequences::TimeRNN::backward_dh_initial_state",
    "ch09_sequences::TimeRNN::backward_dxs",
    "ch09_sequences::TimeRNN::backward_other_sizes",
    "ch09_sequences::TimeRNN::forward",
    "ch09_sequences::TimeRNN::inputs_unchanged",
    "ch09_sequences::TimeRNN::last_step_upstream",
    "ch09_sequences::TimeRNN::not_stateful_ignores_state",
    "ch09_sequences::TimeRNN::repeated_calls",
    "ch09_sequences::TimeRNN::set_state_reset_state",
    "ch09_sequences::TimeRNN::stateful",
    "ch09_sequences::TimeRNN::weights_by_reference",
]


class RNN(RNN):
    def forward(self, x, h_prev):
        h_next = np.tanh(x @ self.Wx + h_prev @ self.Wh)
        self.cache = (x, h_prev, h_next)
        return h_next
