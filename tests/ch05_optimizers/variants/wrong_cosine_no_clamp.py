"""CosineDecay without min(step, decay_steps): after decay_steps the cosine turns and the rate climbs
back up instead of staying at alpha * start."""

FAILS = [
    "ch05_optimizers::CosineDecay::alpha_floor",
    "ch05_optimizers::CosineDecay::warmup",
    "ch05_optimizers::CosineDecay::warmup_target_none",
]


class CosineDecay(CosineDecay):
    def __call__(self, step):
        if self.warmup_target is not None and step < self.warmup_steps:
            return self.initial_lr + (self.warmup_target - self.initial_lr) * step / self.warmup_steps
        start = self.initial_lr if self.warmup_target is None else self.warmup_target
        s = step - (0 if self.warmup_target is None else self.warmup_steps)
        return start * ((1 - self.alpha) * 0.5 * (1 + np.cos(np.pi * s / self.decay_steps)) + self.alpha)
