"""Momentum with the wrong sign: v = momentum*v + lr*g; p += v, which climbs the loss."""

FAILS = [
    "ch05_optimizers::Momentum::trajectory",
    "ch05_optimizers::Momentum::default_hyperparameters",
    "ch05_optimizers::Momentum::lr_schedule",
]


class Momentum(Momentum):
    def update(self, params, grads):
        lr = learning_rate(self.lr, self.iterations)
        self.iterations += 1
        for key in params:
            v = self.v.setdefault(key, np.zeros_like(params[key]))
            v[...] = self.momentum * v + lr * grads[key]
            params[key] += v
