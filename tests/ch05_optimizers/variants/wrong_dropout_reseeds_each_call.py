"""Dropout re-creates its generator from seed on every forward, so every call drops the same entries."""

FAILS = ["ch05_optimizers::Dropout::new_mask_each_call"]


class Dropout(Dropout):
    def __init__(self, dropout_ratio=0.5, seed=None):
        super().__init__(dropout_ratio, seed)
        self.seed = seed

    def forward(self, x, train_flg=True):
        if not train_flg:
            return x
        self.mask = np.random.default_rng(self.seed).random(x.shape) >= self.dropout_ratio
        return x * self.mask / (1.0 - self.dropout_ratio)
