"""Embedding keeps a copy of W: an in-place update of the caller's array (an optimizer step) never reaches it."""

FAILS = [
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
    def __init__(self, W):
        super().__init__(W.copy())
