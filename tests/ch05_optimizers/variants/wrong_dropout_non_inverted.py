"""The original (non-inverted) dropout: no scaling in training, out = x * (1 - ratio) in test mode."""

FAILS = [
    "ch05_optimizers::Dropout::scaling",
    "ch05_optimizers::Dropout::backward",
    "ch05_optimizers::Dropout::test_mode_identity",
    "ch05_optimizers::Dropout::input_not_modified",
    "ch05_optimizers::Dropout::default_ratio",
    "ch05_optimizers::Dropout::dout_not_modified",
    "ch05_optimizers::Dropout::repeated_use",
]


class Dropout(Dropout):
    def forward(self, x, train_flg=True):
        if not train_flg:
            return x * (1.0 - self.dropout_ratio)
        self.mask = self.rng.random(x.shape) >= self.dropout_ratio
        return x * self.mask

    def backward(self, dout):
        return dout * self.mask
