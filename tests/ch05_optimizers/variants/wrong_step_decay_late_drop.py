"""StepDecay that drops one step late: the first drop comes at step steps_per_drop + 1, because
the steps are counted from 1 ((step - 1) // steps_per_drop, and 0 drops at step 0)."""

FAILS = [
    "ch05_optimizers::StepDecay::values",
    "ch05_optimizers::StepDecay::around_each_drop",
    "ch05_optimizers::StepDecay::defaults",
    "ch05_optimizers::StepDecay::any_step_order",
]


class StepDecay(StepDecay):
    def __call__(self, step):
        return self.initial_lr * self.drop ** (max(step - 1, 0) // self.steps_per_drop)
