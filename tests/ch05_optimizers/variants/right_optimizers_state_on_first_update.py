"""The book's layout: state dicts created all at once on the first update (None before), steps
computed in float32 and written back with params[key][...] = ..., keys visited in sorted order;
the update counter for a schedule lr created on the first update too."""


def _rate(optimizer):
    """The learning rate of this update: a number, or the schedule at the updates done so far."""
    done = optimizer.__dict__.setdefault("done", 0)
    optimizer.done = done + 1
    return optimizer.lr(done) if callable(optimizer.lr) else optimizer.lr

FAILS = []


class SGD:
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        lr = _rate(self)
        for key in sorted(params):
            params[key][...] = params[key] - np.float32(lr) * grads[key].astype(np.float32)


class Momentum:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr, self.momentum, self.v = lr, momentum, None

    def update(self, params, grads):
        if self.v is None:
            self.v = {key: np.zeros(val.shape, dtype=np.float32) for key, val in params.items()}
        lr = _rate(self)
        for key in sorted(params):
            self.v[key] = np.float32(self.momentum) * self.v[key] - np.float32(lr) * grads[key].astype(np.float32)
            params[key] += self.v[key]


class AdaGrad:
    def __init__(self, lr=0.01, eps=1e-7):
        self.lr, self.eps, self.h = lr, eps, None

    def update(self, params, grads):
        if self.h is None:
            self.h = {key: np.zeros_like(val) for key, val in params.items()}
        lr = _rate(self)
        for key in sorted(params):
            self.h[key] = self.h[key] + np.square(grads[key])
            step = lr * grads[key] / (np.sqrt(self.h[key]) + self.eps)
            params[key][...] = params[key] - step.astype(np.float32)


class RMSprop:
    def __init__(self, lr=0.01, decay_rate=0.99, eps=1e-7):
        self.lr, self.decay_rate, self.eps, self.h = lr, decay_rate, eps, None

    def update(self, params, grads):
        if self.h is None:
            self.h = {key: np.zeros_like(val) for key, val in params.items()}
        lr = _rate(self)
        for key in sorted(params):
            self.h[key] *= self.decay_rate
            self.h[key] += (1 - self.decay_rate) * grads[key] ** 2
            np.subtract(params[key], lr * grads[key] / (np.sqrt(self.h[key]) + self.eps), out=params[key])
