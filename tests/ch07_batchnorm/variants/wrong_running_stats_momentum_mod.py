"""The running statistics weigh the batch by `1 % momentum` instead of `1 - momentum` (the mutant `-` -> `%`):
the same for any momentum in (0.5, 1), such as the default 0.9; with momentum 0.5 the running statistics never
move, with 0.3 the batch gets 0.1 instead of 0.7, and momentum 0 divides by zero."""

FAILS = [
    "ch07_batchnorm::BatchNormalization::running_stats_low_momentum",
]


class BatchNormalization(BatchNormalization):
    def forward(self, x, train_flg=True):
        old_mean, old_var = self.running_mean, self.running_var
        out = super().forward(x, train_flg)
        if train_flg:  # undo the reference's update to recover the batch statistics, then update the wrong way
            m = self.momentum
            rows = x.transpose(0, 2, 3, 1).reshape(-1, x.shape[1]) if x.ndim == 4 else x
            self.running_mean = m * old_mean + (1 % m) * rows.mean(axis=0)
            self.running_var = m * old_var + (1 % m) * rows.var(axis=0)
        return out
