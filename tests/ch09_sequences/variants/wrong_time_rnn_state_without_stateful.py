"""TimeRNN.forward starts from self.h whenever it is set, even when the layer is not stateful."""

FAILS = [
    "ch09_sequences::TimeRNN::not_stateful_ignores_state",
    "ch09_sequences::TimeRNN::repeated_calls",
]


class TimeRNN(TimeRNN):
    def forward(self, xs):
        stateful = self.stateful
        self.stateful = True
        try:
            return super().forward(xs)
        finally:
            self.stateful = stateful
