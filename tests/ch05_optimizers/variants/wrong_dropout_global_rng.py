"""DLFS's Dropout: the mask comes from np.random.rand (the global generator), ignoring seed."""

FAILS = ["ch05_optimizers::Dropout::reproducible"]


class Dropout(Dropout):
    def forward(self, x, train_flg=True):
        if not train_flg:
            return x
        self.mask = np.random.rand(*x.shape) > self.dropout_ratio
        return x * self.mask / (1.0 - self.dropout_ratio)
