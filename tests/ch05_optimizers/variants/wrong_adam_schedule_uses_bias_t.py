"""Adam asks the schedule for lr(self.t), its bias-correction counter, which starts at 1: every
update uses the rate of the next step."""

FAILS = ["ch05_optimizers::Adam::lr_schedule"]


class Adam(Adam):
    def update(self, params, grads):
        self.t += 1
        lr = self.lr(self.t) if callable(self.lr) else self.lr
        for key in params:
            m = self.m.setdefault(key, np.zeros_like(params[key]))
            v = self.v.setdefault(key, np.zeros_like(params[key]))
            m[...] = self.beta1 * m + (1 - self.beta1) * grads[key]
            v[...] = self.beta2 * v + (1 - self.beta2) * grads[key] ** 2
            m_hat, v_hat = m / (1 - self.beta1**self.t), v / (1 - self.beta2**self.t)
            params[key] -= lr * m_hat / (np.sqrt(v_hat) + self.eps)
