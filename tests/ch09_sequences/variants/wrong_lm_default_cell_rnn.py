"""RnnLM's cell defaults to "rnn" instead of "lstm"."""

FAILS = [
    "ch09_sequences::RnnLM::defaults",
]


class RnnLM(RnnLM):
    def __init__(self, vocab_size, wordvec_size, hidden_size, cell="rnn", seed=None):
        super().__init__(vocab_size, wordvec_size, hidden_size, cell, seed)
