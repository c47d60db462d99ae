"""Creates kernel and bias in __init__ for a fixed input size of 16, so any other input size breaks.

Every CustomDense check calls the layer on inputs of another size (or looks for weights before
the first call), so all of them fail.
"""

FAILS = [
    "ch08_keras::CustomDense::build_creates_weights",
    "ch08_keras::CustomDense::forward",
    "ch08_keras::CustomDense::linear_without_activation",
    "ch08_keras::CustomDense::trainable_weights",
    "ch08_keras::CustomDense::kernel_glorot_uniform",
    "ch08_keras::CustomDense::bias_zeros",
    "ch08_keras::CustomDense::get_config_round_trip",
    "ch08_keras::CustomDense::in_sequential_model",
    "ch08_keras::CustomDense::save_and_load_model",
    "ch08_keras::CustomDense::keyword_arguments",
]


@keras.saving.register_keras_serializable(package="ch08")
class CustomDense(CustomDense):
    def __init__(self, units, activation=None, **kwargs):
        keras.layers.Layer.__init__(self, **kwargs)
        self.units = int(units)
        self.activation = keras.activations.get(activation)
        self.kernel = self.add_weight(name="kernel", shape=(16, self.units), initializer="glorot_uniform")
        self.bias = self.add_weight(name="bias", shape=(self.units,), initializer="zeros")

    def build(self, input_shape):
        pass
