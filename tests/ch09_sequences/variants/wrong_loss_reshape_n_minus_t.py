"""TimeSoftmaxWithLoss.forward reshapes the scores to (N - T, V) rows instead of (N * T, V) (the mutant of
benchmarks/README.md): right whenever N - T is negative, which numpy reads as "infer"."""

FAILS = [
    "ch09_sequences::TimeSoftmaxWithLoss::one_valid_position",
    "ch09_sequences::TimeSoftmaxWithLoss::other_shapes",
]


class TimeSoftmaxWithLoss(TimeSoftmaxWithLoss):
    def forward(self, xs, ts):
        N, T, V = xs.shape
        x2 = xs.reshape(N - T, V)
        t2 = np.asarray(ts).reshape(N * T)
        valid = t2 != self.ignore_label
        labels = np.where(valid, t2, 0)
        shifted = x2 - np.max(x2, axis=1, keepdims=True)
        log_y = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
        count = max(int(valid.sum()), 1)
        self.cache = (np.exp(log_y), labels, valid, count, xs.shape)
        return float(-np.sum(log_y[np.arange(N * T), labels] * valid) / count)
