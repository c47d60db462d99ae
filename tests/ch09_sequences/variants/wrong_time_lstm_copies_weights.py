"""TimeLSTM keeps copies of Wx, Wh, b: an optimizer step on the caller's arrays (RnnLM's params) never reaches it."""

FAILS = [
    "ch09_sequences::RnnLM::defaults",
    "ch09_sequences::RnnLM::forward",
    "ch09_sequences::RnnLM::gradient_lstm",
    "ch09_sequences::RnnLM::predict",
    "ch09_sequences::RnnLM::stateful",
    "ch09_sequences::TimeLSTM::weights_by_reference",
]


class TimeLSTM(TimeLSTM):
    def __init__(self, Wx, Wh, b, stateful=False):
        super().__init__(Wx.copy(), Wh.copy(), b.copy(), stateful)
