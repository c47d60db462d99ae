"""forward centres the caller's array in place (x -= mean) to save memory: every value is right,
but the x the caller passed is changed."""

FAILS = [
    "ch07_batchnorm::BatchNormalization::inputs_unchanged",
]


class BatchNormalization(BatchNormalization):
    def forward(self, x, train_flg=True):
        if not train_flg or x.ndim != 2:
            return super().forward(x, train_flg)
        self.input_shape = x.shape
        mu = x.mean(axis=0)
        x -= mu
        var = np.mean(x**2, axis=0)
        self.xc, self.std = x, np.sqrt(var + self.eps)
        self.xn = x / self.std
        self.running_mean = self.momentum * self.running_mean + (1 - self.momentum) * mu
        self.running_var = self.momentum * self.running_var + (1 - self.momentum) * var
        return self.gamma * self.xn + self.beta
