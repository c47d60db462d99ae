"""get_config forgets drop: from_config rebuilds a schedule that halves."""

FAILS = ["ch08_keras::KerasStepDecay::get_config_round_trip"]


class KerasStepDecay(keras.optimizers.schedules.LearningRateSchedule):
    def __init__(self, initial_lr, drop=0.5, steps_per_drop=10):
        self.initial_lr, self.drop, self.steps_per_drop = initial_lr, drop, steps_per_drop

    def __call__(self, step):
        drops = tf.cast(tf.cast(step, tf.int64) // self.steps_per_drop, tf.float32)
        return self.initial_lr * tf.pow(self.drop, drops)

    def get_config(self):
        return {"initial_lr": self.initial_lr, "steps_per_drop": self.steps_per_drop}
