"""StepDecay with PyTorch StepLR-like defaults (drop 0.1 every 30 steps) instead of 0.5 every 10."""

FAILS = ["ch05_optimizers::StepDecay::defaults"]


class StepDecay(StepDecay):
    def __init__(self, initial_lr, drop=0.1, steps_per_drop=30):
        super().__init__(initial_lr, drop, steps_per_drop)
