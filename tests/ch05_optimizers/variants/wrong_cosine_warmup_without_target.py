"""CosineDecay that warms up whenever warmup_steps > 0: without a warmup_target it rises from 0 to
initial_lr first (Keras ignores warmup_steps then)."""

FAILS = ["ch05_optimizers::CosineDecay::warmup_target_none"]


class CosineDecay(CosineDecay):
    def __call__(self, step):
        if self.warmup_target is None and self.warmup_steps > 0:
            if step < self.warmup_steps:
                return self.initial_lr * step / self.warmup_steps
            s = min(step - self.warmup_steps, self.decay_steps)
            return self.initial_lr * ((1 - self.alpha) * 0.5 * (1 + np.cos(np.pi * s / self.decay_steps)) + self.alpha)
        return super().__call__(step)
