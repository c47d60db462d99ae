"""RMSprop weighs g*g by 1 % decay_rate instead of 1 - decay_rate (the mutant of benchmarks/README.md): the same
for every rate in (0.5, 1), the default 0.99 included; 0.1 instead of 0.7 for 0.3, and 0 for 0.5."""

FAILS = ["ch05_optimizers::RMSprop::low_decay_rate"]


class RMSprop(RMSprop):
    def update(self, params, grads):
        lr = learning_rate(self.lr, self.iterations)
        self.iterations += 1
        for key in params:
            if key not in self.h:
                self.h[key] = np.zeros_like(params[key])
            self.h[key] = self.decay_rate * self.h[key] + (1 % self.decay_rate) * grads[key] * grads[key]
            params[key] -= lr * grads[key] / (np.sqrt(self.h[key]) + self.eps)
