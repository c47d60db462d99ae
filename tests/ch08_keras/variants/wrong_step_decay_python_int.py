"""Computes with Python numbers, int(step) and math.pow: right for a number (or an eager tensor),
but inside model.fit the step is a symbolic tensor of a compiled graph, where int() fails."""

FAILS = ["ch08_keras::KerasStepDecay::in_keras_fit"]

import math


class KerasStepDecay(keras.optimizers.schedules.LearningRateSchedule):
    def __init__(self, initial_lr, drop=0.5, steps_per_drop=10):
        self.initial_lr, self.drop, self.steps_per_drop = initial_lr, drop, steps_per_drop

    def __call__(self, step):
        return self.initial_lr * math.pow(self.drop, int(step) // self.steps_per_drop)

    def get_config(self):
        return {"initial_lr": self.initial_lr, "drop": self.drop, "steps_per_drop": self.steps_per_drop}
