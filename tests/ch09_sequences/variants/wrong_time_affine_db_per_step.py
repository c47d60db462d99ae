"""TimeAffine.backward sums db over the batch axis only, giving one bias gradient per time step (T, M)."""

FAILS = [
    "ch09_sequences::RnnLM::gradient_gru",
    "ch09_sequences::RnnLM::gradient_lstm",
    "ch09_sequences::RnnLM::gradient_rnn",
    "ch09_sequences::TimeAffine::backward_dW_db",
    "ch09_sequences::TimeAffine::other_shapes",
    "ch09_sequences::TimeAffine::repeated_calls",
]


class TimeAffine(TimeAffine):
    def backward(self, dout):
        dxs = super().backward(dout)
        self.db = dout.sum(axis=0)
        return dxs
