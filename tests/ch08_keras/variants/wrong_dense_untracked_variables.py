"""Weights made with tf.Variable instead of add_weight: Keras neither tracks, counts, trains nor saves them."""

FAILS = [
    "ch08_keras::CustomDense::trainable_weights",
    "ch08_keras::CustomDense::in_sequential_model",
    "ch08_keras::CustomDense::save_and_load_model",
    "ch08_keras::CustomDense::keyword_arguments",
]


@keras.saving.register_keras_serializable(package="ch08")
class CustomDense(CustomDense):
    def build(self, input_shape):
        fan_in = int(input_shape[-1])
        limit = np.sqrt(6 / (fan_in + self.units))
        self.kernel = tf.Variable(tf.random.uniform((fan_in, self.units), -limit, limit))
        self.bias = tf.Variable(tf.zeros((self.units,)))
