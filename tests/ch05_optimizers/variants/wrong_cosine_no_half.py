"""CosineDecay as initial_lr * cos(pi * s / decay_steps): a full swing from +1 to -1 instead of
0.5 * (1 + cos(...)) from 1 to 0, so the rate ends negative."""

FAILS = [
    "ch05_optimizers::CosineDecay::values",
    "ch05_optimizers::CosineDecay::alpha_floor",
    "ch05_optimizers::CosineDecay::warmup",
    "ch05_optimizers::CosineDecay::warmup_target_none",
]


class CosineDecay(CosineDecay):
    def __call__(self, step):
        if self.warmup_target is not None and step < self.warmup_steps:
            return self.initial_lr + (self.warmup_target - self.initial_lr) * step / self.warmup_steps
        start = self.initial_lr if self.warmup_target is None else self.warmup_target
        shift = 0 if self.warmup_target is None else self.warmup_steps
        s = min(step - shift, self.decay_steps)
        return start * ((1 - self.alpha) * np.cos(np.pi * s / self.decay_steps) + self.alpha)
