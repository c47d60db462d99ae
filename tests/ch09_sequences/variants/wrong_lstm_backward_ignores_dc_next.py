"""LSTM.backward forgets the memory gradient coming from the next step: ds uses dh_next only."""

FAILS = [
    "ch09_sequences::LSTM::backward_dWh",
    "ch09_sequences::LSTM::backward_dWx",
    "ch09_sequences::LSTM::backward_db",
    "ch09_sequences::LSTM::backward_dc_prev",
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
        return super().backward(dh_next, np.zeros_like(dc_next))
