"""Takes **kwargs but never passes them to keras.layers.Layer: the name and the dtype are lost, so a
layer asked for float64 computes in float32."""

FAILS = ["ch08_keras::CustomDense::keyword_arguments"]

_CustomDenseBase = CustomDense


class CustomDense(_CustomDenseBase):
    def __init__(self, units, activation=None, **kwargs):
        keras.layers.Layer.__init__(self)
        self.units = int(units)
        self.activation = keras.activations.get(activation)
