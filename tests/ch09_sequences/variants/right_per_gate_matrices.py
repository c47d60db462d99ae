"""LSTM and GRU written with one matrix product per gate (views of the column blocks of Wx, Wh, b), and their
backward passes writing each gate's gradient into its block of zero-initialized dWx, dWh, db; the LSTM caches
its pre-activations and recomputes the activations in backward."""

FAILS = []


def _blocks(W, k):
    H = W.shape[-1] // k
    return [W[..., j * H : (j + 1) * H] for j in range(k)]


class LSTM:
    def __init__(self, Wx, Wh, b):
        self.Wx, self.Wh, self.b = Wx, Wh, b

    def forward(self, x, h_prev, c_prev):
        pre = [x @ wx + h_prev @ wh + bb for wx, wh, bb in zip(_blocks(self.Wx, 4), _blocks(self.Wh, 4), _blocks(self.b, 4))]
        self.x, self.h_prev, self.c_prev, self.pre = x, h_prev, c_prev, pre
        i, f, o = (1 / (1 + np.exp(-np.clip(p, -500, 500))) for p in (pre[0], pre[1], pre[3]))
        g = np.tanh(pre[2])
        self.c_next = f * c_prev + i * g
        return o * np.tanh(self.c_next), self.c_next

    def backward(self, dh_next, dc_next):
        i, f, o = (1 / (1 + np.exp(-np.clip(p, -500, 500))) for p in (self.pre[0], self.pre[1], self.pre[3]))
        g = np.tanh(self.pre[2])
        tc = np.tanh(self.c_next)
        ds = dc_next + dh_next * o * (1 - tc * tc)
        gates = [ds * g * i * (1 - i), ds * self.c_prev * f * (1 - f), ds * i * (1 - g * g), dh_next * tc * o * (1 - o)]
        self.dWx, self.dWh, self.db = np.zeros(self.Wx.shape), np.zeros(self.Wh.shape), np.zeros(self.b.shape)
        dx = np.zeros(self.x.shape)
        dh_prev = np.zeros(self.h_prev.shape)
        for da, wx, wh, dwx, dwh, db in zip(gates, _blocks(self.Wx, 4), _blocks(self.Wh, 4), _blocks(self.dWx, 4),
                                            _blocks(self.dWh, 4), _blocks(self.db, 4)):
            dwx[...] = self.x.T @ da
            dwh[...] = self.h_prev.T @ da
            db[...] = da.sum(axis=0)
            dx += da @ wx.T
            dh_prev += da @ wh.T
        return dx, dh_prev, ds * f


class GRU:
    def __init__(self, Wx, Wh, b):
        self.Wx, self.Wh, self.b = Wx, Wh, b

    def forward(self, x, h_prev):
        (wxz, wxr, wxh), (whz, whr, whh), (bz, br, bh) = _blocks(self.Wx, 3), _blocks(self.Wh, 3), _blocks(self.b, 3)
        z = 0.5 * (1 + np.tanh(0.5 * (x @ wxz + h_prev @ whz + bz)))  # sigmoid through tanh: never overflows
        r = 0.5 * (1 + np.tanh(0.5 * (x @ wxr + h_prev @ whr + br)))
        ht = np.tanh(x @ wxh + (r * h_prev) @ whh + bh)
        self.x, self.h_prev, self.z, self.r, self.ht = x, h_prev, z, r, ht
        return h_prev + (1 - z) * (ht - h_prev)

    def backward(self, dh_next):
        x, h_prev, z, r, ht = self.x, self.h_prev, self.z, self.r, self.ht
        (wxz, wxr, wxh), (whz, whr, whh) = _blocks(self.Wx, 3), _blocks(self.Wh, 3)
        dah = dh_next * (1 - z) * (1 - ht**2)
        drh = dah @ whh.T
        daz = dh_next * (h_prev - ht) * z * (1 - z)
        dar = drh * h_prev * r * (1 - r)
        self.dWx = np.concatenate([x.T @ daz, x.T @ dar, x.T @ dah], axis=1)
        self.dWh = np.concatenate([h_prev.T @ daz, h_prev.T @ dar, (r * h_prev).T @ dah], axis=1)
        self.db = np.concatenate([daz.sum(0), dar.sum(0), dah.sum(0)])
        dx = daz @ wxz.T + dar @ wxr.T + dah @ wxh.T
        dh_prev = dh_next * z + drh * r + daz @ whz.T + dar @ whr.T
        return dx, dh_prev
