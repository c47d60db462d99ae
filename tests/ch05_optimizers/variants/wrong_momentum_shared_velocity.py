"""Momentum keeps one velocity for all keys instead of one per key."""

FAILS = [
    "ch05_optimizers::Momentum::trajectory",
    "ch05_optimizers::Momentum::default_hyperparameters",
    "ch05_optimizers::Momentum::updates_in_place",
    "ch05_optimizers::Momentum::lr_schedule",
]


class Momentum(Momentum):
    def update(self, params, grads):
        lr = learning_rate(self.lr, self.iterations)
        self.iterations += 1
        for key in params:
            if not isinstance(self.v, np.ndarray):
                self.v = np.zeros_like(params[key])
            self.v = self.momentum * self.v - lr * grads[key]
            params[key] += self.v
