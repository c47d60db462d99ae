"""call forgets the activation: always linear."""

FAILS = [
    "ch08_keras::CustomDense::forward",
    "ch08_keras::CustomDense::get_config_round_trip",
    "ch08_keras::CustomDense::in_sequential_model",
    "ch08_keras::CustomDense::save_and_load_model",
    "ch08_keras::CustomDense::keyword_arguments",
]


@keras.saving.register_keras_serializable(package="ch08")
class CustomDense(CustomDense):
    def call(self, inputs):
        return tf.matmul(inputs, self.kernel) + self.bias
