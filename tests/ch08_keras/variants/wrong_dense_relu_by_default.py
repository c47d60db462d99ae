"""activation defaults to "relu" instead of None (linear)."""

FAILS = [
    "ch08_keras::CustomDense::linear_without_activation",
    "ch08_keras::CustomDense::in_sequential_model",
    "ch08_keras::CustomDense::save_and_load_model",
]


@keras.saving.register_keras_serializable(package="ch08")
class CustomDense(CustomDense):
    def __init__(self, units, activation="relu", **kwargs):
        super().__init__(units, activation=activation, **kwargs)
