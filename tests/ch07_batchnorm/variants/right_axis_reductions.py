"""No reshapes: statistics by reductions over axis 0 (2-D) or axes (0, 2, 3) with keepdims (4-D);
running statistics created lazily on the first forward (as DLFS does) and updated in place; the
closed-form backward written with N*dout - sum(dout) - xhat*sum(dout*xhat)."""

FAILS = []


class BatchNormalization:
    def __init__(self, gamma, beta, momentum=0.9, running_mean=None, running_var=None, eps=1e-5):
        self.gamma, self.beta, self.momentum, self.eps = gamma, beta, momentum, eps
        self.running_mean, self.running_var = running_mean, running_var

    def _axes(self, x):
        return (0,) if x.ndim == 2 else (0, 2, 3)

    def _per_feature(self, v, x):
        return v if x.ndim == 2 else v.reshape(1, -1, 1, 1)

    def forward(self, x, train_flg=True):
        axes = self._axes(x)
        if self.running_mean is None:
            self.running_mean = np.zeros(x.shape[1])
            self.running_var = np.ones(x.shape[1])
        if train_flg:
            mu = x.mean(axis=axes, keepdims=True)
            var = ((x - mu) ** 2).mean(axis=axes, keepdims=True)
            self.inv_std = 1.0 / np.sqrt(var + self.eps)
            self.xhat = (x - mu) * self.inv_std
            self.running_mean *= self.momentum
            self.running_mean += (1 - self.momentum) * mu.reshape(-1)
            self.running_var *= self.momentum
            self.running_var += (1 - self.momentum) * var.reshape(-1)
            xhat = self.xhat
        else:
            mean = self._per_feature(self.running_mean, x)
            var = self._per_feature(self.running_var, x)
            xhat = (x - mean) / np.sqrt(var + self.eps)
        return self._per_feature(self.gamma, x) * xhat + self._per_feature(self.beta, x)

    def backward(self, dout):
        axes = self._axes(dout)
        m = dout.size // dout.shape[1]
        self.dbeta = dout.sum(axis=axes)
        self.dgamma = (dout * self.xhat).sum(axis=axes)
        g = self._per_feature(self.gamma, dout)
        return (g * self.inv_std / m) * (
            m * dout - dout.sum(axis=axes, keepdims=True)
            - self.xhat * (dout * self.xhat).sum(axis=axes, keepdims=True)
        )
