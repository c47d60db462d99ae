"""TimeGRU.forward starts from self.h whenever it is set, stateful or not."""

FAILS = [
    "ch09_sequences::TimeGRU::not_stateful_ignores_state",
    "ch09_sequences::TimeGRU::repeated_calls",
]


class TimeGRU(TimeGRU):
    def forward(self, xs):
        stateful = self.stateful
        self.stateful = True
        try:
            return super().forward(xs)
        finally:
            self.stateful = stateful
