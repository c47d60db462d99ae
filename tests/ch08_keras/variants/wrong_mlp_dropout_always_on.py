"""Subclassed model that always calls Dropout with training=True."""

FAILS = [
    "ch08_keras::MLPModel::dropout_only_in_training",
    "ch08_keras::MLPModel::inference_by_default",
]


class MLPModel(MLPModel):
    def call(self, inputs, training=None):
        return super().call(inputs, training=True)
