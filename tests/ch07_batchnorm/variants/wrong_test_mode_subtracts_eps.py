"""Test mode divides by sqrt(running_var - eps) instead of sqrt(running_var + eps) (the mutant `+` -> `-`):
invisible while the running variances are far above eps, wrong when eps is large or the variance small."""

FAILS = [
    "ch07_batchnorm::BatchNormalization::test_mode_eps",
]


class BatchNormalization(BatchNormalization):
    def forward(self, x, train_flg=True):
        if train_flg:
            return super().forward(x, train_flg)
        rows = x.transpose(0, 2, 3, 1).reshape(-1, x.shape[1]) if x.ndim == 4 else x
        out = self.gamma * (rows - self.running_mean) / np.sqrt(self.running_var - self.eps) + self.beta
        if x.ndim == 4:
            N, C, H, W = x.shape
            out = out.reshape(N, H, W, C).transpose(0, 3, 1, 2)
        return out
