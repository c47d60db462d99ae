"""ExponentialDecay that forgets decay_steps: initial_lr * decay_rate ** step, decay_rate per step."""

FAILS = ["ch05_optimizers::ExponentialDecay::values", "ch05_optimizers::ExponentialDecay::staircase"]


class ExponentialDecay(ExponentialDecay):
    def __call__(self, step):
        return self.initial_lr * self.decay_rate**step
