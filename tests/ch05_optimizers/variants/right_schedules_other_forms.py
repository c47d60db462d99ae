"""The schedules written another way: StepDecay by repeated multiplication, ExponentialDecay through
exp and log with math.floor, CosineDecay with np.clip and the warmup as an interpolation, each
returning a numpy float64 (or a 0-d array)."""

import math

FAILS = []


class StepDecay:
    def __init__(self, initial_lr, drop=0.5, steps_per_drop=10):
        self.initial_lr, self.drop, self.steps_per_drop = initial_lr, drop, steps_per_drop

    def __call__(self, step):
        lr = np.float64(self.initial_lr)
        for _ in range(int(step) // self.steps_per_drop):
            lr *= self.drop
        return lr


class ExponentialDecay:
    def __init__(self, initial_lr, decay_steps, decay_rate, staircase=False):
        self.initial_lr, self.decay_steps, self.decay_rate, self.staircase = initial_lr, decay_steps, decay_rate, staircase

    def __call__(self, step):
        exponent = step / self.decay_steps
        if self.staircase:
            exponent = math.floor(exponent)
        return self.initial_lr * math.exp(exponent * math.log(self.decay_rate))


class CosineDecay:
    def __init__(self, initial_lr, decay_steps, alpha=0.0, warmup_steps=0, warmup_target=None):
        self.lr0, self.n, self.alpha = initial_lr, decay_steps, alpha
        self.warm, self.target = (warmup_steps, warmup_target) if warmup_target is not None else (0, None)

    def __call__(self, step):
        if step < self.warm:
            return np.interp(step, [0, self.warm], [self.lr0, self.target])
        peak = self.lr0 if self.target is None else self.target
        fraction = np.clip((step - self.warm) / self.n, 0.0, 1.0)
        return np.asarray(peak * (self.alpha + (1 - self.alpha) * (1 + np.cos(np.pi * fraction)) / 2))
