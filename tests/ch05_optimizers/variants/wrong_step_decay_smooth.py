"""StepDecay without the integer division: drop ** (step / steps_per_drop) decays smoothly
(ExponentialDecay) instead of in steps."""

FAILS = [
    "ch05_optimizers::StepDecay::values",
    "ch05_optimizers::StepDecay::around_each_drop",
    "ch05_optimizers::StepDecay::defaults",
    "ch05_optimizers::StepDecay::any_step_order",
]


class StepDecay(StepDecay):
    def __call__(self, step):
        return self.initial_lr * self.drop ** (step / self.steps_per_drop)
