"""ExponentialDecay stores staircase but never uses it: always the smooth curve."""

FAILS = ["ch05_optimizers::ExponentialDecay::staircase"]


class ExponentialDecay(ExponentialDecay):
    def __call__(self, step):
        return self.initial_lr * self.decay_rate ** (step / self.decay_steps)
