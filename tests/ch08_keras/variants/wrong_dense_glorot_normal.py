"""Kernel drawn from glorot_normal (a truncated normal) instead of glorot_uniform: same variance, wrong shape and bounds."""

FAILS = ["ch08_keras::CustomDense::kernel_glorot_uniform"]


@keras.saving.register_keras_serializable(package="ch08")
class CustomDense(CustomDense):
    def build(self, input_shape):
        self.kernel = self.add_weight(name="kernel", shape=(int(input_shape[-1]), self.units), initializer="glorot_normal")
        self.bias = self.add_weight(name="bias", shape=(self.units,), initializer="zeros")
