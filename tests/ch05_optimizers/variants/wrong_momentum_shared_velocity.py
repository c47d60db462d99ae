"""Momentum keeps one velocity for all keys instead of one per key."""

FAILS = [
    "ch05_optimizers::Momentum::trajectory",
    "ch05_optimizers::Momentum::default_hyperparameters",
    "ch05_optimizers::Momentum::updates_in_place",
]


class Momentum(Momentum):
    def update(self, params, grads):
        for key in params:
            if not isinstance(self.v, np.ndarray):
                self.v = np.zeros_like(params[key])
            self.v = self.momentum * self.v - self.lr * grads[key]
            params[key] += self.v
