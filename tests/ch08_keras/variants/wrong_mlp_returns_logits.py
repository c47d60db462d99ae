"""Subclassed model whose output layer has no softmax."""

FAILS = [
    "ch08_keras::MLPModel::output_probabilities",
    "ch08_keras::MLPModel::forward_pass",
    "ch08_keras::MLPModel::dropout_rate",
    "ch08_keras::MLPModel::inference_by_default",
]


class MLPModel(MLPModel):
    def __init__(self, hidden_units, num_classes, dropout_rate=0.0, **kwargs):
        super().__init__(hidden_units, num_classes, dropout_rate, **kwargs)
        self.output_layer = keras.layers.Dense(num_classes)
