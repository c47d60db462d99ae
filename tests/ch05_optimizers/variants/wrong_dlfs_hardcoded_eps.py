"""The book's AdaGrad, RMSprop and Adam: eps hard-coded as 1e-7, the eps argument ignored
(Adam in the "efficient" order, as in the book)."""

FAILS = [
    "ch05_optimizers::AdaGrad::trajectory",
    "ch05_optimizers::RMSprop::trajectory",
    "ch05_optimizers::Adam::honors_eps",
    "ch05_optimizers::RMSprop::low_decay_rate",
]


class AdaGrad(AdaGrad):
    def update(self, params, grads):
        lr = learning_rate(self.lr, self.iterations)
        self.iterations += 1
        for key in params:
            h = self.h.setdefault(key, np.zeros_like(params[key]))
            h += grads[key] * grads[key]
            params[key] -= lr * grads[key] / (np.sqrt(h) + 1e-7)


class RMSprop(RMSprop):
    def update(self, params, grads):
        lr = learning_rate(self.lr, self.iterations)
        self.iterations += 1
        for key in params:
            h = self.h.setdefault(key, np.zeros_like(params[key]))
            h *= self.decay_rate
            h += (1 - self.decay_rate) * grads[key] * grads[key]
            params[key] -= lr * grads[key] / (np.sqrt(h) + 1e-7)


class Adam(Adam):
    def update(self, params, grads):
        self.t += 1
        lr_t = learning_rate(self.lr, self.t - 1) * np.sqrt(1.0 - self.beta2**self.t) / (1.0 - self.beta1**self.t)
        for key in params:
            m = self.m.setdefault(key, np.zeros_like(params[key]))
            v = self.v.setdefault(key, np.zeros_like(params[key]))
            m += (1 - self.beta1) * (grads[key] - m)
            v += (1 - self.beta2) * (grads[key] ** 2 - v)
            params[key] -= lr_t * m / (np.sqrt(v) + 1e-7)
