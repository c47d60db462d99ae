"""Every layer computes in float32 (inputs and weights cast on use, states kept in float32): correct to
float32 precision, which the checks allow."""

FAILS = []

_f = np.float32


class RNN(RNN):
    def forward(self, x, h_prev):
        h = np.tanh(_f(x) @ _f(self.Wx) + _f(h_prev) @ _f(self.Wh) + _f(self.b))
        self.cache = (_f(x), _f(h_prev), h)
        return h

    def backward(self, dh_next):
        x, h_prev, h = self.cache
        da = _f(dh_next) * (1 - h * h)
        self.dWx, self.dWh, self.db = x.T @ da, h_prev.T @ da, da.sum(axis=0)
        return da @ _f(self.Wx).T, da @ _f(self.Wh).T


class LSTM(LSTM):
    def forward(self, x, h_prev, c_prev):
        saved = self.Wx, self.Wh, self.b
        self.Wx, self.Wh, self.b = _f(self.Wx), _f(self.Wh), _f(self.b)
        try:
            h, c = super().forward(_f(x), _f(h_prev), _f(c_prev))
        finally:
            self.Wx, self.Wh, self.b = saved
        self.cache = tuple(_f(a) for a in self.cache)
        return _f(h), _f(c)

    def backward(self, dh_next, dc_next):
        saved = self.Wx, self.Wh
        self.Wx, self.Wh = _f(self.Wx), _f(self.Wh)
        try:
            return super().backward(_f(dh_next), _f(dc_next))
        finally:
            self.Wx, self.Wh = saved


class GRU(GRU):
    def forward(self, x, h_prev):
        saved = self.Wx, self.Wh, self.b
        self.Wx, self.Wh, self.b = _f(self.Wx), _f(self.Wh), _f(self.b)
        try:
            h = super().forward(_f(x), _f(h_prev))
        finally:
            self.Wx, self.Wh, self.b = saved
        self.cache = tuple(_f(a) for a in self.cache)
        return _f(h)

    def backward(self, dh_next):
        saved = self.Wx, self.Wh
        self.Wx, self.Wh = _f(self.Wx), _f(self.Wh)
        try:
            return super().backward(_f(dh_next))
        finally:
            self.Wx, self.Wh = saved


class TimeAffine(TimeAffine):
    def forward(self, xs):
        self.xs = _f(xs)
        return self.xs @ _f(self.W) + _f(self.b)

    def backward(self, dout):
        d2 = _f(dout).reshape(-1, self.W.shape[1])
        self.dW = self.xs.reshape(-1, self.W.shape[0]).T @ d2
        self.db = d2.sum(axis=0)
        return _f(dout) @ _f(self.W).T


class TimeSoftmaxWithLoss(TimeSoftmaxWithLoss):
    def forward(self, xs, ts):
        return super().forward(_f(xs), ts)

    def backward(self, dout=1):
        return _f(super().backward(dout))


class Embedding(Embedding):
    def forward(self, idx):
        return _f(super().forward(idx))

    def backward(self, dout):
        return super().backward(_f(dout))
