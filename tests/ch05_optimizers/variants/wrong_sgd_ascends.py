"""SGD steps along the gradient (p += lr * g): gradient ascent."""

FAILS = [
    "ch05_optimizers::SGD::trajectory",
    "ch05_optimizers::SGD::default_hyperparameters",
    "ch05_optimizers::SGD::lr_schedule",
]


class SGD(SGD):
    def update(self, params, grads):
        lr = learning_rate(self.lr, self.iterations)
        self.iterations += 1
        for key in params:
            params[key] += lr * grads[key]
