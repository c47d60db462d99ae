"""Embedding treats ids as 1-based (W[idx - 1]), as in a vocabulary numbered from 1."""

FAILS = [
    "ch09_sequences::Embedding::backward_dW",
    "ch09_sequences::Embedding::backward_repeated_indices",
    "ch09_sequences::Embedding::forward",
    "ch09_sequences::Embedding::forward_any_shape",
    "ch09_sequences::Embedding::repeated_calls",
    "ch09_sequences::Embedding::weights_by_reference",
    "ch09_sequences::RnnLM::defaults",
    "ch09_sequences::RnnLM::forward",
    "ch09_sequences::RnnLM::generate_feeds_back",
    "ch09_sequences::RnnLM::generate_starts_from_reset_state",
    "ch09_sequences::RnnLM::gradient_gru",
    "ch09_sequences::RnnLM::gradient_lstm",
    "ch09_sequences::RnnLM::gradient_rnn",
    "ch09_sequences::RnnLM::predict",
    "ch09_sequences::RnnLM::stateful",
]


class Embedding(Embedding):
    def forward(self, idx):
        self.idx = np.asarray(idx) - 1
        return self.W[self.idx]
