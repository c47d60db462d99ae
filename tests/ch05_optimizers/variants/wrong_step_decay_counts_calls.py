"""StepDecay keeps a rate and multiplies it by drop whenever it is asked for a multiple of steps_per_drop: right
when every multiple is asked once, in increasing order; wrong when one is skipped, repeated or asked out of order."""

FAILS = [
    "ch05_optimizers::StepDecay::any_step_order",
    "ch05_optimizers::StepDecay::defaults",
]


class StepDecay(StepDecay):
    def __init__(self, initial_lr, drop=0.5, steps_per_drop=10):
        super().__init__(initial_lr, drop, steps_per_drop)
        self.current = initial_lr

    def __call__(self, step):
        if step > 0 and step % self.steps_per_drop == 0:
            self.current *= self.drop
        return float(self.current)
