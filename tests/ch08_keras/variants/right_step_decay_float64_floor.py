"""Computes in float64 with tf.floor of a float division, keeps a name in its config (and accepts
it back), and returns a float64 tensor that the optimizer casts."""

FAILS = []


class KerasStepDecay(keras.optimizers.schedules.LearningRateSchedule):
    def __init__(self, initial_lr, drop=0.5, steps_per_drop=10, name="step_decay"):
        super().__init__()
        self.initial_lr, self.drop, self.steps_per_drop, self.name = initial_lr, drop, steps_per_drop, name

    def __call__(self, step):
        with tf.name_scope(self.name):
            step = tf.cast(step, tf.float64)
            return tf.constant(self.initial_lr, tf.float64) * tf.math.pow(
                tf.constant(self.drop, tf.float64), tf.floor(step / self.steps_per_drop))

    def get_config(self):
        return dict(initial_lr=self.initial_lr, drop=self.drop, steps_per_drop=self.steps_per_drop, name=self.name)
