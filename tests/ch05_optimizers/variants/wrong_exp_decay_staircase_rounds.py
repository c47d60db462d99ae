"""ExponentialDecay with staircase rounding the exponent to the nearest integer instead of flooring it:
each drop comes half a period early."""

FAILS = ["ch05_optimizers::ExponentialDecay::staircase"]


class ExponentialDecay(ExponentialDecay):
    def __call__(self, step):
        p = step / self.decay_steps
        return self.initial_lr * self.decay_rate ** (np.round(p) if self.staircase else p)
