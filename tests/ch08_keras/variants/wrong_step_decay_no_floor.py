"""Leaves out the floor: drop ** (step / steps_per_drop) decays smoothly (an exponential decay), not in steps."""

FAILS = ["ch08_keras::KerasStepDecay::values", "ch08_keras::KerasStepDecay::in_keras_fit",
         "ch08_keras::KerasStepDecay::other_arguments", "ch08_keras::KerasStepDecay::get_config_round_trip"]


class KerasStepDecay(keras.optimizers.schedules.LearningRateSchedule):
    def __init__(self, initial_lr, drop=0.5, steps_per_drop=10):
        self.initial_lr, self.drop, self.steps_per_drop = initial_lr, drop, steps_per_drop

    def __call__(self, step):
        exponent = tf.cast(step, tf.float32) / self.steps_per_drop
        return self.initial_lr * tf.pow(self.drop, exponent)

    def get_config(self):
        return {"initial_lr": self.initial_lr, "drop": self.drop, "steps_per_drop": self.steps_per_drop}
