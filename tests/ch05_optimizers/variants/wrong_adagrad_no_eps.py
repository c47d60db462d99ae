"""AdaGrad without eps: p -= lr * g / sqrt(h), which is 0/0 = nan where every gradient was 0."""

FAILS = ["ch05_optimizers::AdaGrad::zero_gradient", "ch05_optimizers::AdaGrad::trajectory"]


class AdaGrad(AdaGrad):
    def update(self, params, grads):
        lr = learning_rate(self.lr, self.iterations)
        self.iterations += 1
        for key in params:
            h = self.h.setdefault(key, np.zeros_like(params[key]))
            h += grads[key] * grads[key]
            params[key] -= lr * grads[key] / np.sqrt(h)
