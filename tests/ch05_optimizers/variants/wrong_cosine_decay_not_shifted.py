"""CosineDecay that starts the cosine at step 0 instead of at the end of the warmup: after warmup_steps
it is already part of the way down, and it reaches the floor warmup_steps too early."""

FAILS = ["ch05_optimizers::CosineDecay::warmup"]


class CosineDecay(CosineDecay):
    def __call__(self, step):
        if self.warmup_target is not None and step < self.warmup_steps:
            return self.initial_lr + (self.warmup_target - self.initial_lr) * step / self.warmup_steps
        start = self.initial_lr if self.warmup_target is None else self.warmup_target
        s = min(step, self.decay_steps)
        return start * ((1 - self.alpha) * 0.5 * (1 + np.cos(np.pi * s / self.decay_steps)) + self.alpha)
