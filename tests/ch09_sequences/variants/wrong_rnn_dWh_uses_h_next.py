"""RNN.backward computes dWh from the new state h_next instead of the state that was multiplied by Wh."""

FAILS = [
    "ch09_sequences::RNN::backward_dWh",
    "ch09_sequences::RNN::backward_other_sizes",
    "ch09_sequences::RNN::repeated_calls",
    "ch09_sequences::RnnLM::gradient_rnn",
    "ch09_sequences::TimeRNN::backward_dWh",
    "ch09_sequences::TimeRNN::backward_other_sizes",
    "ch09_sequences::TimeRNN::last_step_upstream",
    "ch09_sequences::TimeRNN::repeated_calls",
]


class RNN(RNN):
    def backward(self, dh_next):
        dx, dh_prev = super().backward(dh_next)
        x, h_prev, h_next = self.cache
        self.dWh = h_next.T @ (dh_next * (1 - h_next**2))
        return dx, dh_prev
