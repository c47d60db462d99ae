"""Time layers with preallocated arrays, a countdown loop and the state gradients kept in a list; weight gradients
collected per step and summed at the end; TimeAffine with einsum; Embedding.backward as a loop over positions;
RnnLM.backward that rebinds the grads entries."""

FAILS = []


class Embedding:
    def __init__(self, W):
        self.W = W

    def forward(self, idx):
        self.idx = np.array(idx)
        return np.take(self.W, self.idx, axis=0)

    def backward(self, dout):
        self.dW = np.zeros(self.W.shape)
        flat = dout.reshape(-1, self.W.shape[1])
        for k, w in enumerate(self.idx.reshape(-1)):
            self.dW[w] += flat[k]


class _Time:
    cell, k, two_states = None, 1, False

    def __init__(self, Wx, Wh, b, stateful=False):
        self.Wx, self.Wh, self.b, self.stateful = Wx, Wh, b, stateful
        self.h = self.c = None

    def set_state(self, h, c=None):
        self.h, self.c = h, c

    def reset_state(self):
        self.h = self.c = None

    def forward(self, xs):
        N, T, _ = xs.shape
        H = self.Wh.shape[0]
        start = self.stateful and self.h is not None
        h = np.array(self.h) if start else np.zeros((N, H))
        c = np.array(self.c) if start and self.c is not None else np.zeros((N, H))
        hs = np.zeros((N, T, H))
        self.cells = []
        for t in range(T):
            cell = self.cell(self.Wx, self.Wh, self.b)
            if self.two_states:
                h, c = cell.forward(xs[:, t], h, c)
            else:
                h = cell.forward(xs[:, t], h)
            hs[:, t] = h
            self.cells.append(cell)
        self.h, self.c = h, (c if self.two_states else None)
        return hs

    def backward(self, dhs):
        N, T, H = dhs.shape
        dxs = np.zeros((N, T, self.Wx.shape[0]))
        carried = [np.zeros((N, H))]
        dc = np.zeros((N, H))
        per_step = []
        t = T
        while t > 0:
            t -= 1
            cell = self.cells[t]
            if self.two_states:
                dxs[:, t], dh, dc = cell.backward(carried[-1] + dhs[:, t], dc)
            else:
                dxs[:, t], dh = cell.backward(carried[-1] + dhs[:, t])
            carried.append(dh)
            per_step.append((cell.dWx, cell.dWh, cell.db))
        self.dWx, self.dWh, self.db = (np.sum(g, axis=0) for g in zip(*per_step))
        self.dh, self.dc = carried[-1], dc
        return dxs


class TimeRNN(_Time):
    cell = RNN


class TimeLSTM(_Time):
    cell, two_states = LSTM, True


class TimeGRU(_Time):
    cell = GRU


class TimeAffine:
    def __init__(self, W, b):
        self.W, self.b = W, b

    def forward(self, xs):
        self.xs = xs
        return np.einsum("ntd,dm->ntm", xs, self.W) + self.b

    def backward(self, dout):
        self.dW = np.einsum("ntd,ntm->dm", self.xs, dout)
        self.db = np.einsum("ntm->m", dout)
        return np.einsum("ntm,dm->ntd", dout, self.W)


class RnnLM(RnnLM):
    def backward(self, dout=1):
        dout = self.rnn.backward(self.affine.backward(self.loss_layer.backward(dout)))
        self.embed.backward(dout)
        self.grads = {"embed_W": self.embed.dW, "rnn_Wx": self.rnn.dWx, "rnn_Wh": self.rnn.dWh, "rnn_b": self.rnn.db,
                      "affine_W": self.affine.dW, "affine_b": self.affine.db}
