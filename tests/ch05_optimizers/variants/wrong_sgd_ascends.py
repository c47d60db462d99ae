"""SGD steps along the gradient (p += lr * g): gradient ascent."""

FAILS = ["ch05_optimizers::SGD::trajectory", "ch05_optimizers::SGD::default_hyperparameters"]


class SGD(SGD):
    def update(self, params, grads):
        for key in params:
            params[key] += self.lr * grads[key]
