"""Dropout.forward scales x in place (x *= mask / (1 - ratio)) and returns it."""

FAILS = ["ch05_optimizers::Dropout::input_not_modified"]


class Dropout(Dropout):
    def forward(self, x, train_flg=True):
        if not train_flg:
            return x
        self.mask = self.rng.random(x.shape) >= self.dropout_ratio
        x *= self.mask / (1.0 - self.dropout_ratio)
        return x
