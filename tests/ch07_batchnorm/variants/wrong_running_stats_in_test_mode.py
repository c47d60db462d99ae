"""The running-statistics update sits outside the `if train_flg`: test mode normalizes with the
running statistics, then moves them towards the test batch's statistics."""

FAILS = [
    "ch07_batchnorm::BatchNormalization::test_mode_keeps_running_stats",
]


class BatchNormalization(BatchNormalization):
    def forward(self, x, train_flg=True):
        out = super().forward(x, train_flg)
        if not train_flg:
            rows = x.transpose(0, 2, 3, 1).reshape(-1, x.shape[1]) if x.ndim == 4 else x
            self.running_mean = self.momentum * self.running_mean + (1 - self.momentum) * rows.mean(axis=0)
            self.running_var = self.momentum * self.running_var + (1 - self.momentum) * rows.var(axis=0)
        return out
