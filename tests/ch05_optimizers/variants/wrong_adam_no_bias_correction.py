"""Adam without bias correction: p -= lr * m / (sqrt(v) + eps), so the first steps are off by ~3x."""

FAILS = [
    "ch05_optimizers::Adam::trajectory",
    "ch05_optimizers::Adam::default_hyperparameters",
    "ch05_optimizers::Adam::zero_gradient",
    "ch05_optimizers::Adam::first_step_bias_corrected",
    "ch05_optimizers::Adam::lr_schedule",
]


class Adam(Adam):
    def update(self, params, grads):
        self.t += 1
        lr = learning_rate(self.lr, self.t - 1)
        for key in params:
            m = self.m.setdefault(key, np.zeros_like(params[key]))
            v = self.v.setdefault(key, np.zeros_like(params[key]))
            m[...] = self.beta1 * m + (1 - self.beta1) * grads[key]
            v[...] = self.beta2 * v + (1 - self.beta2) * grads[key] ** 2
            params[key] -= lr * m / (np.sqrt(v) + self.eps)
