"""get_config returns the activation but forgets units: from_config and load_model cannot rebuild the layer."""

FAILS = ["ch08_keras::CustomDense::get_config_round_trip", "ch08_keras::CustomDense::save_and_load_model"]


@keras.saving.register_keras_serializable(package="ch08")
class CustomDense(CustomDense):
    def get_config(self):
        config = keras.layers.Layer.get_config(self)
        config.update({"activation": keras.activations.serialize(self.activation)})
        return config
