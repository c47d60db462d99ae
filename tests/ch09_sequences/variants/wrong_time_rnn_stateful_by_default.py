"""TimeRNN's stateful defaults to True: a layer built as TimeRNN(Wx, Wh, b) carries its state from one forward to the
next."""

FAILS = [
    "ch09_sequences::TimeRNN::not_stateful_ignores_state",
    "ch09_sequences::TimeRNN::repeated_calls",
]


class TimeRNN(TimeRNN):
    def __init__(self, Wx, Wh, b, stateful=True):
        super().__init__(Wx, Wh, b, stateful)
