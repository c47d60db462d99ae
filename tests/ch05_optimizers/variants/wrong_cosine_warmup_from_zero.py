"""CosineDecay whose warmup rises from 0 (warmup_target * step / warmup_steps) instead of from initial_lr."""

FAILS = ["ch05_optimizers::CosineDecay::warmup"]


class CosineDecay(CosineDecay):
    def __call__(self, step):
        if self.warmup_target is not None and step < self.warmup_steps:
            return self.warmup_target * step / self.warmup_steps
        return super().__call__(step)
