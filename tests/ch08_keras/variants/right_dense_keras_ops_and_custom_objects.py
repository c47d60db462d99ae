"""CustomDense with keras.ops, an explicit initializer object, the activation stored by name, and no
registration decorator (loading then relies on custom_objects, which the grader passes)."""

FAILS = []


class CustomDense(keras.layers.Layer):
    def __init__(self, units, activation=None, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.activation_name = activation
        self.activation = keras.activations.get(activation)

    def build(self, input_shape):
        self.bias = self.add_weight(shape=(self.units,), initializer=keras.initializers.Zeros(), name="bias")
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), initializer=keras.initializers.GlorotUniform(),
                                      name="kernel")

    def call(self, inputs):
        return self.activation(keras.ops.add(keras.ops.matmul(inputs, self.kernel), self.bias))

    def get_config(self):
        return {**super().get_config(), "units": self.units, "activation": self.activation_name}
