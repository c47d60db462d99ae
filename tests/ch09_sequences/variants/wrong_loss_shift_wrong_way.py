"""TimeSoftmaxWithLoss adds the row maximum instead of subtracting it (the mutant of benchmarks/README.md): the same
log-softmax in exact arithmetic, but exp overflows (or underflows to log(0)) for scores of about +-1000."""

FAILS = [
    "ch09_sequences::TimeSoftmaxWithLoss::large_scores_no_warning",
]


class TimeSoftmaxWithLoss(TimeSoftmaxWithLoss):
    def forward(self, xs, ts):
        N, T, V = xs.shape
        x2 = xs.reshape(N * T, V)
        t2 = np.asarray(ts).reshape(N * T)
        valid = t2 != self.ignore_label
        labels = np.where(valid, t2, 0)
        shifted = x2 + np.max(x2, axis=1, keepdims=True)
        log_y = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
        count = max(int(valid.sum()), 1)
        self.cache = (np.exp(log_y), labels, valid, count, xs.shape)
        return float(-np.sum(log_y[np.arange(N * T), labels] * valid) / count)
