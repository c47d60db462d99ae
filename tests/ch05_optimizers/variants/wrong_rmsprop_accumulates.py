"""RMSprop that sums the squared gradients like AdaGrad (h += (1 - decay_rate)*g*g) instead of decaying h."""

FAILS = [
    "ch05_optimizers::RMSprop::trajectory",
    "ch05_optimizers::RMSprop::default_hyperparameters",
    "ch05_optimizers::RMSprop::zero_gradient",
    "ch05_optimizers::RMSprop::lr_schedule",
    "ch05_optimizers::RMSprop::low_decay_rate",
]


class RMSprop(RMSprop):
    def update(self, params, grads):
        lr = learning_rate(self.lr, self.iterations)
        self.iterations += 1
        for key in params:
            h = self.h.setdefault(key, np.zeros_like(params[key]))
            h += (1 - self.decay_rate) * grads[key] * grads[key]
            params[key] -= lr * grads[key] / (np.sqrt(h) + self.eps)
