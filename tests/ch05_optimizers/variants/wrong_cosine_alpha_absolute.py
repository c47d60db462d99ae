"""CosineDecay with alpha read as an absolute rate: alpha + (start - alpha) * cosine ends at alpha,
not at alpha * start."""

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
        shift = 0 if self.warmup_target is None else self.warmup_steps
        s = min(step - shift, self.decay_steps)
        return self.alpha + (start - self.alpha) * 0.5 * (1 + np.cos(np.pi * s / self.decay_steps))
