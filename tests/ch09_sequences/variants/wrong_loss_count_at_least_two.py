"""TimeSoftmaxWithLoss divides by max(n_valid, 2) instead of max(n_valid, 1) (the mutant of benchmarks/README.md):
right unless exactly one position is valid, where the loss and gradient come out halved."""

FAILS = [
    "ch09_sequences::TimeSoftmaxWithLoss::one_valid_position",
]


class TimeSoftmaxWithLoss(TimeSoftmaxWithLoss):
    def forward(self, xs, ts):
        loss = super().forward(xs, ts)
        y, labels, valid, count, shape = self.cache
        self.cache = (y, labels, valid, max(count, 2), shape)
        return loss * count / max(count, 2)
