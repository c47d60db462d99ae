"""TimeRNN keeps copies of Wx, Wh, b (np.array(W) copies), so changes to the caller's arrays never reach it."""

FAILS = [
    "ch09_sequences::RnnLM::generate_feeds_back",
    "ch09_sequences::RnnLM::generate_starts_from_reset_state",
    "ch09_sequences::RnnLM::gradient_rnn",
    "ch09_sequences::TimeRNN::weights_by_reference",
]


class TimeRNN(TimeRNN):
    def __init__(self, Wx, Wh, b, stateful=False):
        super().__init__(np.array(Wx), np.array(Wh), np.array(b), stateful)
