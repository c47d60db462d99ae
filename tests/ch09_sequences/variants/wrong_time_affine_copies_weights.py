"""TimeAffine keeps copies of W and b: an in-place update of the caller's arrays never reaches it."""

FAILS = [
    "ch09_sequences::RnnLM::defaults",
    "ch09_sequences::RnnLM::forward",
    "ch09_sequences::RnnLM::generate_feeds_back",
    "ch09_sequences::RnnLM::generate_samples_softmax",
    "ch09_sequences::RnnLM::generate_starts_from_reset_state",
    "ch09_sequences::RnnLM::gradient_gru",
    "ch09_sequences::RnnLM::gradient_lstm",
    "ch09_sequences::RnnLM::gradient_rnn",
    "ch09_sequences::RnnLM::predict",
    "ch09_sequences::RnnLM::stateful",
    "ch09_sequences::TimeAffine::weights_by_reference",
]


class TimeAffine(TimeAffine):
    def __init__(self, W, b):
        super().__init__(W.copy(), b.copy())
