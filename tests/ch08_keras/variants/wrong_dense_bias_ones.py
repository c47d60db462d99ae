"""Bias initialized to ones instead of zeros."""

FAILS = ["ch08_keras::CustomDense::bias_zeros"]


@keras.saving.register_keras_serializable(package="ch08")
class CustomDense(CustomDense):
    def build(self, input_shape):
        self.kernel = self.add_weight(name="kernel", shape=(int(input_shape[-1]), self.units), initializer="glorot_uniform")
        self.bias = self.add_weight(name="bias", shape=(self.units,), initializer="ones")
