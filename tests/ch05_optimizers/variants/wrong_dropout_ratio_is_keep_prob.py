"""dropout_ratio read as the probability to KEEP an entry (CS231n's p), scaled by 1/ratio."""

FAILS = [
    "ch05_optimizers::Dropout::kept_fraction",
    "ch05_optimizers::Dropout::scaling",
    "ch05_optimizers::Dropout::backward",
    "ch05_optimizers::Dropout::dout_not_modified",
    "ch05_optimizers::Dropout::repeated_use",
]


class Dropout(Dropout):
    def forward(self, x, train_flg=True):
        if not train_flg:
            return x
        self.mask = self.rng.random(x.shape) < self.dropout_ratio
        return x * self.mask / self.dropout_ratio

    def backward(self, dout):
        return dout * self.mask / self.dropout_ratio
