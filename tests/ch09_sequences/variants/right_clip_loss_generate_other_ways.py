"""clip_grads with the rate test of the DLFS book (rate < 1); TimeSoftmaxWithLoss by boolean selection of the
valid rows and cross-entropy with +1e-7; generate by inverse-CDF sampling with rng.random()."""

FAILS = []


def clip_grads(grads, max_norm):
    total = 0.0
    for g in grads:
        total += np.sum(g * g)
    rate = max_norm / (np.sqrt(total) + 1e-6)
    if rate < 1:
        for g in grads:
            np.multiply(g, rate, out=g)


class TimeSoftmaxWithLoss:
    def __init__(self, ignore_label=-1):
        self.ignore_label = ignore_label

    def forward(self, xs, ts):
        self.shape = xs.shape
        V = xs.shape[-1]
        self.t = np.asarray(ts).reshape(-1)
        self.keep = self.t != self.ignore_label
        self.y = softmax(xs.reshape(-1, V))
        y, t = self.y[self.keep], self.t[self.keep]
        if len(t) == 0:
            return 0.0
        return float(-np.mean(np.log(y[np.arange(len(t)), t] + 1e-7)))

    def backward(self, dout=1):
        dx = np.zeros_like(self.y)
        n = max(int(self.keep.sum()), 1)
        rows = np.flatnonzero(self.keep)
        dx[rows] = self.y[rows]
        dx[rows, self.t[rows]] -= 1
        return (dout * dx / n).reshape(self.shape)


class RnnLM(RnnLM):
    def generate(self, start_id, length, seed=None):
        rng = np.random.default_rng(seed)
        self.reset_state()
        out = [start_id]
        while len(out) <= length:
            p = softmax(self.predict(np.array(out[-1:]).reshape(1, 1)).reshape(-1))
            out.append(int(min(np.searchsorted(np.cumsum(p), rng.random(), side="right"), len(p) - 1)))
        self.reset_state()
        return out[1:]
